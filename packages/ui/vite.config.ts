import { defineConfig, type Plugin } from 'vite';

/**
 * The built site's Content-Security-Policy. Shared notebooks are data, never code: only this site's own
 * scripts run (plus compiling the WASM kernels), there is no inline script and no <style> element, no
 * plugin or frame, and no request to any other host — so even a rendering bug that let a shared note create
 * markup could neither run it nor phone home. Lit's component styles are constructable stylesheets, which
 * need no 'unsafe-inline'.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  // Lit's styleMap writes its first value as a `style` attribute; attributes cannot run code or load
  // anything outside img-src/font-src, and no shared text ever reaches one.
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * Adds the policy as the first <meta> of the built page only: the dev server injects CSS as <style>
 * elements and an inline HMR client, which the policy rightly forbids.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'convbook-content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * Cross-origin isolation for the dev and preview servers: with these two headers the page may use
 * SharedArrayBuffer, and training meets its helper thread over shared memory instead of a message per
 * step. A static host that cannot send headers still works: training then passes messages.
 */
export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

// A static site: relative `base` so dist/ works from any folder on any static server.
export default defineConfig({
  base: './',
  plugins: [contentSecurityPolicy()],
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    // No modulepreload at all: the policy forbids the inline polyfill script, and the preload helper would
    // add <link> elements at run time for lazy chunks, which the hostile-content tests rightly flag.
    modulePreload: false,
    assetsInlineLimit: 0,
  },
  worker: { format: 'es' },
  server: { fs: { allow: ['../..'] }, headers: ISOLATION_HEADERS },
  preview: { headers: ISOLATION_HEADERS },
});
