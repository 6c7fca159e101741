/// <reference types="vite/client" />

// Public keys of the publishers this kiosk trusts, built in by the Vite pack plugin.
declare module 'virtual:kepu-trusted-keys' {
  const keys: import('../protocol/pack-manifest.ts').TrustedKey[];
  export default keys;
}

interface ImportMetaEnv {
  /** The app's version (package.json), reported in heartbeats. */
  readonly VITE_APP_VERSION?: string;
}
