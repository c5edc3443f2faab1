/**
 * Browser-test harness shared by the e2e tests and the page benchmark: builds the page with
 * Vite's API when `dist/` is missing or older than the sources, serves it with Vite's
 * `preview()` on a free port, and launches the system Chromium through playwright-core (the
 * flags from the toolchain notes: headless, no sandbox, no background networking; WebGL in
 * software through SwiftShader).
 */
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
// @ts-expect-error: a plain .mjs helper without types
import { findChromium } from '../scripts/chromium.mjs';

export const ROOT = resolve(import.meta.dirname, '..');
export const DIST = join(ROOT, 'dist');

/** Written into a build directory once its build has finished. */
const BUILT_STAMP = '.soma-built';

/** Newest modification time (ms) of the files under `dir` (recursively). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const name of readdirSync(path)) m = Math.max(m, newest(join(path, name)));
  return m;
}

/**
 * Whether `outDir` holds a whole build newer than every source of the page: the stamp is written
 * after Vite's build has finished (its plugins write files after index.html, the service worker
 * last), so a build in progress is never taken for a fresh one.
 */
function isFresh(outDir: string): boolean {
  const index = join(outDir, BUILT_STAMP);
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json', 'public'].map((p) => join(ROOT, p)).filter(existsSync);
  return existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newest));
}

/**
 * Builds the page into `outDir` (default `dist/`) unless it is newer than every source of the
 * page. Returns whether it built. Test files that Vitest runs at the same time share one build:
 * the first takes a lock (a directory beside `outDir`, created atomically), builds and releases
 * it; the others wait for the lock and then find the build fresh. A lock older than five
 * minutes is taken to be left by a killed run and removed.
 */
export async function ensureBuilt(outDir = DIST): Promise<boolean> {
  const lock = `${outDir}.lock`;
  for (;;) {
    if (isFresh(outDir)) return false;
    try {
      mkdirSync(lock, { recursive: false });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 300_000) rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  try {
    if (isFresh(outDir)) return false;
    await build({ root: ROOT, logLevel: 'warn', configFile: join(ROOT, 'vite.config.ts'), build: { outDir, emptyOutDir: true } });
    writeFileSync(join(outDir, BUILT_STAMP), new Date().toISOString());
    return true;
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
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

/** Where the browser tests' shared build of the page lives (built once per change of the sources). */
export const E2E_DIST = join(ROOT, 'node_modules', '.cache', 'soma-e2e');

/**
 * For one test file: builds the page into {@link E2E_DIST} (if stale; shared by every browser
 * test, so a run builds it once), serves it and launches Chromium before the file's tests, and
 * closes both after them. Read `base` (the served URL) and `browser` inside tests, once the
 * hooks have run.
 */
export function servedPage(): { readonly base: string; readonly browser: Browser } {
  const out = E2E_DIST;
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
