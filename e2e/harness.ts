/**
 * Browser-test harness shared by the e2e tests and the page benchmark: builds the page with
 * Vite's API when `dist/` is missing or older than the sources, serves it with Vite's
 * `preview()` on a free port, and launches the system Chromium through playwright-core (the
 * flags from the toolchain notes: headless, no sandbox, no background networking; WebGL in
 * software through SwiftShader).
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
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
  mkdirSync(dirname(outDir), { recursive: true }); // a fresh clone has no node_modules/.cache yet
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

/** The page a test file serves: its base URL and the Chromium that opens it (read inside tests). */
export interface ServedPage {
  readonly base: string;
  readonly browser: Browser;
}

/** Where the browser tests' shared build of the page lives (built once per change of the sources). */
export const E2E_DIST = join(ROOT, 'node_modules', '.cache', 'soma-e2e');

/**
 * For one test file: builds the page into {@link E2E_DIST} (if stale; shared by every browser
 * test, so a run builds it once), serves it and launches Chromium before the file's tests, and
 * closes both after them. Read `base` (the served URL) and `browser` inside tests, once the
 * hooks have run.
 */
export function servedPage(): ServedPage {
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

/** How a test file opens its pages (see {@link pageOpener}). */
export interface OpenOptions {
  /** Viewport in CSS px (device scale 1). */
  size?: { width: number; height: number };
  /**
   * Stop the page's frame loop once it is ready (the play state still changes; only the frames
   * stop), so a page that plays does not load the machine while the test clicks and reads; the
   * test advances frames by hand (`window.soma.advance`).
   */
  stopLoop?: boolean;
  isMobile?: boolean;
  hasTouch?: boolean;
  initScript?: string;
}

/** A page opened by a test, with the errors it reports. */
export interface OpenedPage {
  page: Page;
  errors: PageErrors;
}

/**
 * For one test file: a function that opens the served page (`where` is a query such as
 * `?circuit=1`, '' for the page as it starts, or a whole URL, e.g. a link the page wrote) with the
 * file's defaults, each option overridable per call. Every page opened is closed with its browser
 * context after the test that opened it (`closeAfter: 'test'`, the default) or after the file's
 * last test (`'file'`: one page shared by several tests).
 */
export function pageOpener(app: ServedPage, defaults: OpenOptions & { closeAfter?: 'test' | 'file' } = {}): (where?: string, options?: OpenOptions) => Promise<OpenedPage> {
  const { closeAfter = 'test', ...fileDefaults } = defaults;
  const opened: Page[] = [];
  const closeAll = async (): Promise<void> => {
    for (const p of opened.splice(0)) await p.context().close();
  };
  if (closeAfter === 'test') afterEach(closeAll);
  else afterAll(closeAll);
  return async (where = '', options = {}) => {
    const { size = { width: 1280, height: 900 }, stopLoop = false, ...contextOptions } = { ...fileDefaults, ...options };
    const r = await openPage(app.browser, /^https?:/.test(where) ? where : `${app.base}${where}`, size, contextOptions);
    opened.push(r.page);
    if (stopLoop) await r.page.evaluate(() => window.soma!.runner.stop());
    return r;
  };
}

/** Waits `waitMs` for late errors (they arrive asynchronously), then asserts there were none. */
export async function expectNoErrors(page: Page, errors: PageErrors, waitMs = 200): Promise<void> {
  await page.waitForTimeout(waitMs);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

/**
 * axe-core on the page as it is (or on the elements matching `include` only): no serious or
 * critical violation. `state` names what is on show in the failure message.
 */
export async function expectAccessible(page: Page, state: string, include: string[] = []): Promise<void> {
  let axe = new AxeBuilder({ page });
  for (const selector of include) axe = axe.include(selector);
  const r = await axe.analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
