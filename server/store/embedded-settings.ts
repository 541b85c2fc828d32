/**
 * PostgreSQL's settings for the embedded engine, wherever it is opened: 32 MB of shared buffers rather than 128,
 * which its WebAssembly heap would hold for as long as the server runs (a server at rest: about 120 MB less).
 */
export const EMBEDDED_SETTINGS = { postgresqlconf: 'shared_buffers=32MB' }
