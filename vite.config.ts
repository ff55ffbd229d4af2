import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import packageJson from './package.json' with { type: 'json' };
import { precompressAssets } from './scripts/precompress-assets.ts';
import { zodJitless } from './scripts/zod-jitless.ts';

export default defineConfig({
  // Shown on the home screen, so a kader can tell the puskesmas which version her phone runs.
  define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
  plugins: [
    preact(),
    zodJitless(),
    VitePWA({
      // Our own service worker (src/sw/sw.ts): precache, offline navigation, cache cleanup, update on consent.
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      registerType: 'prompt',
      injectRegister: false,
      includeManifestIcons: false,
      injectManifest: {
        // The app shell, the icons and the WHO growth tables (generated at install into public/growth/): all
        // of it must be on the phone before the kader goes out of signal.
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest,json}'],
        // The puskesmas web app (docs/puskesmas.md) is not the kader's: it never goes into the phone's cache.
        globIgnores: ['puskesmas.html', 'assets/puskesmas-*'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: 'Posyandu ILP — Catatan Kader',
        short_name: 'Posyandu',
        description: 'Catatan posyandu untuk kader: keluarga, ibu dan anak, penimbangan, imunisasi. Bisa tanpa sinyal.',
        lang: 'id',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'portrait',
        theme_color: '#0f766e',
        background_color: '#ffffff',
        categories: ['health', 'medical'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      devOptions: { enabled: false },
    }),
    // Brotli and gzip copies of the built files, for the server to send as they are.
    precompressAssets(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    rollupOptions: {
      // Two entries: the kader app, and the puskesmas web app served at /puskesmas/ by the same server.
      input: { index: 'index.html', puskesmas: 'puskesmas.html' },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
