/**
 * Browser-test harness shared by the e2e tests and the page benchmark: builds the page with
 * Vite's API when `dist/` is missing or older than the sources, serves it with Vite's
 * `preview()` on a free port, and launches the system Chromium through playwright-core (the
 * flags from the toolchain notes: headless, no sandbox, no background networking; WebGL in
 * software through SwiftShader).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { findChromium } from '../scripts/chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');

/** Newest modification time (ms) of the files under `dir` (recursively). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

/**
 * Builds the page into `outDir` (default `dist/`) unless it is newer than every source of the
 * page. Returns whether it built. Test files that Vitest runs in parallel pass their own
 * directory, so two builds never write one folder.
 */
export async function ensureBuilt(outDir = DIST): Promise<boolean> {
  const index = join(outDir, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'].map((p) => join(ROOT, p)).filter(existsSync);
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newest))) return false;
  await build({ root: ROOT, logLevel: 'warn', configFile: join(ROOT, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
  return true;
}

/** Serves `outDir` (default `dist/`) on a free port; returns the server and its base URL. */
export async function startPreview(outDir = DIST): Promise<{ server: PreviewServer; url: string }> {
  const server = await preview({
    root: ROOT, logLevel: 'warn', configFile: join(ROOT, 'vite.config.ts'), build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** Launches Chromium headless with software WebGL. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set SOMA_CHROMIUM or install chromium');
  return chromium.launch({
    executablePath,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', ...extraArgs],
  });
}

/** Errors a page reported: uncaught exceptions and console errors. */
export interface PageErrors {
  pageErrors: string[];
  consoleErrors: string[];
}

/**
 * Opens `url` in a new page of `size`, recording errors; resolves once the app is running or its
 * start has failed (`window.__somaError`, set with the start-up notice). `initScript` runs in the
 * page before its own scripts.
 */
export async function openPage(browser: Browser, url: string, size: { width: number; height: number }, options: { isMobile?: boolean; hasTouch?: boolean; initScript?: string } = {}): Promise<{ page: Page; errors: PageErrors }> {
  const { initScript, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, ...contextOptions });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors: PageErrors = { pageErrors: [], consoleErrors: [] };
  page.on('pageerror', (e) => errors.pageErrors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.consoleErrors.push(m.text());
  });
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.ready === 'true' || (window as unknown as { __somaError?: string }).__somaError !== undefined, null, { timeout: 30_000 });
  return { page, errors };
}

/**
 * For one test file: builds the page into `node_modules/.cache/<cacheName>` (if stale), serves it
 * and launches Chromium before the file's tests, and closes both after them. Read `base` (the
 * served URL) and `browser` inside tests, once the hooks have run.
 */
export function servedPage(cacheName: string): { readonly base: string; readonly browser: Browser } {
  const out = join(ROOT, 'node_modules', '.cache', cacheName);
  let server: PreviewServer | undefined;
  let base = '';
  let browser: Browser | undefined;
  beforeAll(async () => {
    await ensureBuilt(out);
    ({ server, url: base } = await startPreview(out));
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get base() { return base; },
    get browser() {
      if (!browser) throw new Error('servedPage: Chromium is not running (read it inside a test)');
      return browser;
    },
  };
}
