/** Test helpers for the server, by what they stand in for. */
export * from './requests.ts'
export * from './servers.ts'
export * from './stores.ts'
export * from './receivers.ts'
