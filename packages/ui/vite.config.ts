import { defineConfig } from 'vite';

// A static site: relative `base` so dist/ works from any folder on any static server, and no inline
// scripts (a Content-Security-Policy without 'unsafe-inline' is planned; only 'wasm-unsafe-eval' is allowed).
export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // Keep module preloading as a separate file rather than an inline polyfill script.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['../..'] } },
});
