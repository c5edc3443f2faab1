import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The page's Content-Security-Policy: scripts only from the page's origin and no string-to-code
 * (`eval`, `new Function`), WebAssembly allowed ('wasm-unsafe-eval'), inline styles allowed (uPlot
 * and the views set element styles), images also from data: and blob: URLs (Pixi's textures and
 * the exported PNGs). src/ui/strict-csp.ts makes Pixi and zod work without 'unsafe-eval'.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:";

/**
 * The policy as a `<meta http-equiv>` in the built page, so it holds wherever the files are
 * served. Build only: the dev server's module loading and hot reload are left as they are.
 */
function contentSecurityPolicyMeta(): Plugin {
  return {
    name: 'soma-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Offline and installable (vite-plugin-pwa): a web app manifest (name, icons from public/, drawn by
 * scripts/pwa/icons.py, theme) and a Workbox service worker that precaches the whole build
 * (scripts, styles, fonts, the WebAssembly kernel, the digits, the icons), so the page runs
 * offline after its first visit (a classroom with bad Wi-Fi). The worker is registered by a
 * file, registerSW.js, not an inline script: the policy above allows scripts from 'self' only.
 * A new build replaces the old cache on the next visit (autoUpdate).
 */
function offline(): Plugin[] {
  return VitePWA({
    registerType: 'autoUpdate',
    injectRegister: 'script-defer',
    includeAssets: ['icon.svg'],
    manifest: {
      name: 'Soma: a spiking network beside its ReLU network',
      short_name: 'Soma',
      description: 'A browser laboratory where a spiking network of biological neurons and its 2-layer ReLU network run side by side.',
      lang: 'en',
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#0f172a',
      theme_color: '#0f172a',
      icons: [
        { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
      ],
    },
    workbox: {
      globPatterns: ['**/*.{js,css,html,wasm,woff,woff2,ttf,bin,json,svg,png,webmanifest}'],
      // the largest chunk and the digits are a few MB: precached too
      maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
    },
  });
}

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    // fonts (KaTeX's) stay files: the policy's default-src 'self' would refuse small ones inlined as data: URLs
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
  },
  plugins: [contentSecurityPolicyMeta(), ...offline()],
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
