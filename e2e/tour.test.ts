/**
 * The teacher's features in Chromium, against the built page: the circuit view draws the
 * lecture's numbers from the engine, a syntax error shows its position and keeps the last good
 * graph, the tour advances by button and key and its step survives the URL round trip, presenter
 * mode hides the controls and the panels of other steps, and the Korean texts appear with
 * lang=ko. No page errors, no console errors.
 *
 * Chromium and the page opening come from e2e/harness.ts.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, openPage as openHarnessPage, type PageErrors, servedPage } from './harness';

const app = servedPage();

const SIZE = { width: 1280, height: 900 };
const opened: Page[] = [];

/**
 * Opens the page and stops its frame loop (the play state still changes; only the frames stop),
 * so pages that play do not load the machine while the test clicks and reads.
 */
async function openPage(b: Browser, url: string, size: typeof SIZE): Promise<{ page: Page; errors: PageErrors }> {
  const r = await openHarnessPage(b, url, size);
  opened.push(r.page);
  await r.page.evaluate(() => window.soma!.runner.stop());
  return r;
}

afterEach(async () => {
  for (const p of opened.splice(0)) await p.context().close();
});

/** Waits a little for late errors (they arrive asynchronously), then asserts there were none. */
async function expectNoErrors(page: Page, errors: PageErrors): Promise<void> {
  await page.waitForTimeout(300);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

/** The green value and red gradient printed on a node's wire. */
async function wire(page: Page, node: string): Promise<[string, string | null]> {
  const sel = (cls: string) => `#circuit-panel .${cls}[data-node="${node}"]`;
  const value = (await page.textContent(sel('circuit-value'))) ?? '';
  const grad = (await page.locator(sel('circuit-grad')).count()) ? await page.textContent(sel('circuit-grad')) : null;
  return [value, grad];
}

const query = (page: Page): URLSearchParams => new URLSearchParams(new URL(page.url()).search);

describe('the teacher\'s page in Chromium', () => {
  it('the circuit view draws (x+y)z at (-2, 5, -4): f = -12, gradients -4, -4, 3; KaTeX formula; the gate rule on hover', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?circuit=1`, SIZE);
    await expect.poll(() => page.isVisible('#circuit-panel')).toBe(true);
    expect(await wire(page, '(x+y)*z')).toEqual(['-12', '1']);
    expect(await wire(page, 'x')).toEqual(['-2', '-4']);
    expect(await wire(page, 'y')).toEqual(['5', '-4']);
    expect(await wire(page, 'z')).toEqual(['-4', '3']);
    expect(await wire(page, 'x+y')).toEqual(['3', '-4']);
    // The formula in KaTeX (loaded on first use).
    await page.waitForSelector('#circuit-panel .circuit-formula .katex');
    expect(await page.textContent('#circuit-panel .circuit-formula .katex-mathml')).toMatch(/^f\(x,y,z\)=\(x\+y\)\s*z/);
    // Left to right: x+y right of x, the product right of x+y.
    const xOf = (n: string) => page.locator(`#circuit-panel .circuit-node[data-node="${n}"]`).boundingBox().then((b) => b!.x);
    expect(await xOf('x')).toBeLessThan(await xOf('x+y'));
    expect(await xOf('x+y')).toBeLessThan(await xOf('(x+y)*z'));
    // Hovering a gate shows its local rule.
    await page.hover('#circuit-panel .circuit-node[data-op="add"]');
    expect(await page.textContent('#circuit-caption')).toMatch(/x\+y: add gate distributes/);
    await page.hover('#circuit-panel .circuit-node[data-op="multiply"]');
    expect(await page.textContent('#circuit-caption')).toMatch(/mul gate switches/);
    // The max circuit preset: -20, gradients -8, 6, 2, 0; the URL keeps it.
    await page.click('#circuit-panel [data-preset="max-circuit"]');
    expect(await wire(page, '2*(x*y+max(z,w))')).toEqual(['-20', '1']);
    expect(await Promise.all(['x', 'y', 'z', 'w'].map(async (n) => (await wire(page, n))[1]))).toEqual(['-8', '6', '2', '0']);
    await page.hover('#circuit-panel .circuit-node[data-op="max"]');
    expect(await page.textContent('#circuit-caption')).toMatch(/max gate routes/);
    expect(query(page).get('expr')).toBe('2*(x*y+max(z,w))');
    expect(query(page).get('vals')).toBe('x=3,y=-4,z=2,w=-1');
    await expectNoErrors(page, errors);
  });

  it('a syntax error shows its position beside the formula and keeps the last good graph; values re-run the engine', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?circuit=1`, SIZE);
    await page.fill('#circuit-expr', '(x+*y');
    const err = page.locator('#circuit-expr-error');
    await expect.poll(() => err.textContent()).toMatch(/^Position 4: .*found "\*"/);
    expect(await err.getAttribute('data-position')).toBe('4');
    expect(await page.getAttribute('#circuit-expr', 'aria-invalid')).toBe('true');
    expect(await wire(page, '(x+y)*z')).toEqual(['-12', '1']); // the last good graph stays
    expect(query(page).has('expr')).toBe(false); // a bad formula never reaches the URL
    // A good formula clears the error and draws; a new variable starts at 1.
    await page.fill('#circuit-expr', 'x*y+q');
    await expect.poll(() => err.textContent()).toBe('');
    expect(await wire(page, 'x*y+q')).toEqual(['-9', '1']);
    expect(await page.inputValue('#circuit-val-q')).toBe('1');
    // Typing a value re-runs forward and backward.
    await page.fill('#circuit-val-x', '4');
    expect(await wire(page, 'x*y+q')).toEqual(['21', '1']);
    expect(await wire(page, 'y')).toEqual(['5', '4']);
    expect(query(page).get('vals')).toBe('x=4,y=5,q=1');
    await page.fill('#circuit-val-x', 'abc');
    expect(await page.textContent('#circuit-val-x-error')).toMatch(/finite number/);
    expect(await wire(page, 'x*y+q')).toEqual(['21', '1']);
    await expectNoErrors(page, errors);
    // A hand-written link with a raw + (a space in a query string) still opens the formula.
    const raw = await openPage(app.browser, `${app.base}?circuit=1&expr=(x+y)*(z+1)`, SIZE);
    expect(await wire(raw.page, '(x+y)*(z+1)')).toEqual(['-9', '1']);
    expect(query(raw.page).get('expr')).toBe('(x+y)*(z+1)');
    await expectNoErrors(raw.page, raw.errors);
  });

  it('the tour advances by button and key, applies its settings, and its step survives the URL round trip', async () => {
    const { page, errors } = await openPage(app.browser, app.base, SIZE);
    expect(await page.isVisible('#tour')).toBe(false);
    // KaTeX is loaded on first use: not by a page without the tour or the circuit view.
    const katexLoaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((r) => /katex/.test(r.name)));
    expect(await katexLoaded()).toBe(false);
    await page.click('#tour-open');
    expect(await page.getAttribute('#tour', 'data-step')).toBe('score');
    expect(await page.textContent('#tour-count')).toBe('Step 1 of 10');
    expect(query(page).get('tour')).toBe('1');
    expect(query(page).get('dataset')).toBe('gaussians');
    // The lab (in its worker) answers with the settings it took.
    await expect.poll(() => page.evaluate(() => window.soma!.lab.current.dataset)).toBe('gaussians');
    await page.waitForSelector('#tour-text .katex');
    expect(await katexLoaded()).toBe(true);
    await page.click('#tour-next');
    expect(await page.getAttribute('#tour', 'data-step')).toBe('loss');
    await page.locator('body').press('n');
    await page.locator('body').press('PageDown');
    expect(await page.getAttribute('#tour', 'data-step')).toBe('graph');
    expect(await page.isVisible('#circuit-panel')).toBe(true);
    expect(await wire(page, '(x+y)*z')).toEqual(['-12', '1']);
    expect(await page.getAttribute('#circuit-panel', 'class')).toContain('teach-highlight');
    await page.locator('body').press('PageUp');
    expect(await page.getAttribute('#tour', 'data-step')).toBe('descent');
    expect(query(page).get('tour')).toBe('3');
    expect(query(page).get('optimizer')).toBe('sgd');
    expect(await page.evaluate(() => window.soma!.runner.playing)).toBe(true); // step 3 plays
    expect(await page.isVisible('#circuit-panel')).toBe(false);
    // Space still plays and pauses, the right arrow still steps (with no button focused: Space on
    // a focused button presses that button).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.locator('body').press(' ');
    expect(await page.evaluate(() => window.soma!.runner.playing)).toBe(false);
    const before = await page.evaluate(() => window.soma!.lab.snapshot.trainStep);
    await page.locator('body').press('ArrowRight');
    await expect.poll(() => page.evaluate(() => window.soma!.lab.snapshot.trainStep)).toBe(before + 1);
    expect(await page.getAttribute('#tour', 'data-step')).toBe('descent');
    // The link reopens the same step with the same settings.
    const link = page.url();
    const again = await openPage(app.browser, link, SIZE);
    expect(await again.page.getAttribute('#tour', 'data-step')).toBe('descent');
    expect(await again.page.textContent('#tour-count')).toBe('Step 3 of 10');
    await expect.poll(() => again.page.evaluate(() => window.soma!.lab.current)).toMatchObject({ dataset: 'gaussians', optimizer: 'sgd', lr: 0.5, tour: 3 });
    // A hand-made link to a step gets that step's settings.
    const made = await openPage(app.browser, `${app.base}?tour=7`, SIZE);
    expect(await made.page.getAttribute('#tour', 'data-step')).toBe('network');
    await expect.poll(() => made.page.evaluate(() => window.soma!.lab.current)).toMatchObject({ dataset: 'spiral', hidden: 24, activation: 'relu' });
    await made.page.click('#tour-close');
    expect(await made.page.isVisible('#tour')).toBe(false);
    expect(query(made.page).has('tour')).toBe(false);
    for (const p of [page, again.page, made.page]) await expectNoErrors(p, p === page ? errors : p === again.page ? again.errors : made.errors);
  });

  it('presenter mode hides the controls and the other panels, keeps big fonts, and stays in the URL', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?tour=10`, SIZE);
    const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const small = await fontSize();
    expect(await page.isVisible('#controls')).toBe(true);
    await page.locator('body').press('f');
    expect(await page.getAttribute('html', 'class')).toContain('presenter');
    expect(await fontSize()).toBeGreaterThan(small * 1.3);
    for (const hidden of ['#controls', '#play', '#step', '#reset', '#counters']) expect(await page.isVisible(hidden), hidden).toBe(false);
    // Step 10: the spiking regions, raster, scatter and biological scene; not the loss plot or the ANN.
    for (const shown of ['#snn-regions', '#raster-plot', '#scatter-plot', '#bio-scene']) expect(await page.isVisible(shown), shown).toBe(true);
    for (const off of ['#loss-plot', '#ann-scene', '#fi-plot', '#circuit-panel']) expect(await page.isVisible(off), off).toBe(false);
    expect(query(page).get('presenter')).toBe('1');
    // The tour moves on in presenter mode, and the panels follow.
    await page.locator('body').press('PageUp');
    expect(await page.isVisible('#fi-plot')).toBe(true);
    expect(await page.isVisible('#raster-plot')).toBe(false);
    // A reload keeps it; the button turns it off.
    const again = await openPage(app.browser, page.url(), SIZE);
    expect(await again.page.getAttribute('html', 'class')).toContain('presenter');
    expect(await again.page.isVisible('#controls')).toBe(false);
    await again.page.click('#presenter-toggle');
    expect(await again.page.isVisible('#controls')).toBe(true);
    expect(query(again.page).has('presenter')).toBe(false);
    await page.screenshot({ path: join(ROOT, 'e2e', 'artifacts', 'presenter-step9.png') });
    await expectNoErrors(page, errors);
    await expectNoErrors(again.page, again.errors);
  });

  it('Korean: the tour, its buttons and the circuit view speak Korean with lang=ko', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?lang=ko&tour=5`, SIZE);
    expect(await page.getAttribute('html', 'lang')).toBe('ko');
    expect(await page.textContent('#tour-title')).toBe('5. 역전파 흐름의 패턴');
    expect(await page.textContent('#tour-count')).toBe('10단계 중 5단계');
    expect(await page.textContent('#tour-next')).toBe('다음');
    expect(await page.textContent('#tour-open')).toBe('투어');
    expect(await page.textContent('#circuit-title')).toContain('회로 보기');
    await page.waitForSelector('#tour-text .katex');
    expect(await page.textContent('#tour-text')).toContain('덧셈 게이트는 기울기를');
    await page.hover('#circuit-panel .circuit-node[data-op="max"]');
    expect(await page.textContent('#circuit-caption')).toContain('max 게이트는 길을 정합니다');
    await page.screenshot({ path: join(ROOT, 'e2e', 'artifacts', 'tour-ko-step5.png') });
    await expectNoErrors(page, errors);
  });
});
