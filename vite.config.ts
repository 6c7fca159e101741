import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { kepuPack } from './scripts/vite-pack-plugin.ts';

process.env.VITE_APP_VERSION ??= process.env.npm_package_version ?? '0.0.0';

// The publisher key that signs the built-in pack; a demo key is made on first build.
const PUBLISHER_KEY = process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json';

export default defineConfig({
  // Preact's automatic JSX runtime through Vite 8's built-in Oxc transform (no Babel).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    // A separate folder lets parallel checkouts of the work build and test side by side.
    outDir: process.env.KEPU_OUT_DIR ?? 'dist',
    target: 'es2022',
    manifest: true,
    sourcemap: true,
  },
  plugins: [
    kepuPack({ contentDir: 'content', keyPath: PUBLISHER_KEY }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      // The shell plus the built-in content pack, so a new kiosk works with no network.
      injectManifest: { globPatterns: ['**/*.{js,css,html}', 'pack/manifest.json', 'pack/blobs/*'] },
      manifest: {
        name: '科普e站 · Kepu e-Station',
        short_name: '科普e站',
        lang: 'zh-CN',
        display: 'fullscreen',
        orientation: 'any',
        background_color: '#fffaf0',
        theme_color: '#0a4b78',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
    }),
  ],
});
