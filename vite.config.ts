import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Preact's automatic JSX runtime through Vite 8's built-in Oxc transform (no Babel).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  build: {
    target: 'es2022',
    manifest: true,
    sourcemap: true,
  },
  plugins: [
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      injectRegister: false,
      injectManifest: { globPatterns: ['**/*.{js,css,html}'] },
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
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
  },
});
