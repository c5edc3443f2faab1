import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  base: './',
  build: {
    target: 'es2022',
    sourcemap: true,
    // fonts (KaTeX's) stay files: the policy's default-src 'self' would refuse small ones inlined as data: URLs
    assetsInlineLimit: (file) => (/\.(woff2?|ttf|otf)$/i.test(file) ? false : undefined),
  },
  plugins: [contentSecurityPolicyMeta()],
  preview: { headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
});
