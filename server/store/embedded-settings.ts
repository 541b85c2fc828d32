/**
 * PostgreSQL's settings for the embedded engine, wherever it is opened: 16 MB of shared buffers rather than 128,
 * which its WebAssembly heap would hold for as long as the server runs (at rest after a first start, about 250 MB
 * rather than 390; the webhook bench counts as fast with either).
 */
export const EMBEDDED_SETTINGS = { postgresqlconf: 'shared_buffers=16MB' }
