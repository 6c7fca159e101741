/// <reference types="vite/client" />

// The kiosk's trust anchor, built in by the Vite pack plugin: root 1 (its JSON), how many roots
// the built-in pack carries (pack/trust/<n>.root.json), and the build time in ms.
declare module 'virtual:kepu-trust' {
  export const firstRoot: unknown;
  export const rootCount: number;
  export const builtAt: number;
}

interface ImportMetaEnv {
  /** The app's version (package.json), reported in heartbeats. */
  readonly VITE_APP_VERSION?: string;
}
