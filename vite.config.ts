import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { kepuPack } from './scripts/vite-pack-plugin.ts';

process.env.VITE_APP_VERSION ??= process.env.npm_package_version ?? '0.0.0';

// The publisher key that signs the built-in pack (a content key of the current root); demo keys
// and a demo root 1 are made on first build (see scripts/vite-pack-plugin.ts).
const PUBLISHER_KEY = process.env.KEPU_PUBLISHER_KEY ?? 'data/keys/publisher.json';

/** True for a chunk made only of the console's code and its chart library. */
function consoleOnly(moduleIds: readonly string[]): boolean {
  return (
    moduleIds.length > 0 &&
    moduleIds.every((id) => /[/\\]src[/\\]admin[/\\]|[/\\]node_modules[/\\](chart\.js|@kurkle)[/\\]/.test(id))
  );
}

/** Dev server: the console's addresses are client-side routes of admin.html (the hub does this in production). */
function adminPages(): Plugin {
  return {
    name: 'kepu-admin-pages',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url && /^\/admin(\/[^.]*)?(\?.*)?$/.test(req.url)) req.url = '/admin.html';
        next();
      });
    },
  };
}

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
    // Two pages: the kiosk and the administrators' console (served by the hub at /admin).
    rollupOptions: {
      input: { main: 'index.html', admin: 'admin.html' },
      // The console's own files go to assets/admin/, which the kiosk's service worker never precaches.
      output: {
        entryFileNames: (chunk) => `assets/${chunk.name === 'admin' ? 'admin/' : ''}[name]-[hash].js`,
        chunkFileNames: (chunk) => `assets/${consoleOnly(chunk.moduleIds) ? 'admin/' : ''}[name]-[hash].js`,
        assetFileNames: (asset) =>
          `assets/${asset.names.some((n) => n.startsWith('admin')) ? 'admin/' : ''}[name]-[hash][extname]`,
      },
    },
  },
  plugins: [
    adminPages(),
    kepuPack({
      contentDir: 'content',
      keyPath: PUBLISHER_KEY,
      ...(process.env.KEPU_TRUST_DIR ? { trustDir: process.env.KEPU_TRUST_DIR } : {}),
      ...(process.env.KEPU_TIMESTAMP_KEY ? { timestampKeyPath: process.env.KEPU_TIMESTAMP_KEY } : {}),
    }),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      // The shell plus the built-in content pack, so a new kiosk works with no network.
      injectManifest: {
        globPatterns: ['**/*.{js,css,html}', 'pack/manifest.json', 'pack/blobs/*', 'pack/trust/*'],
        globIgnores: ['admin.html', 'assets/admin/**'],
      },
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
