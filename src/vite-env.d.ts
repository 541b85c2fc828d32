/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Where the API lives; empty for the same origin (the demo worker or the live proxy). */
  readonly VITE_API_BASE?: string
}
