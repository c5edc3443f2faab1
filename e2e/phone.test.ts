/**
 * The page on a phone (390x844, touch), in Chromium, on one page: the top bar's row with Play,
 * Step, the tour's Next and the speaker stays on screen while the page scrolls (nothing covers
 * it; the tour bar sticks just under it); every export and import action is in one File menu
 * (a disclosure button; arrow keys move in it, Escape closes it and gives focus back); a tapped
 * neuron's membrane trace opens in a card beside it (its Inspect button opens the inspector); the
 * circuit is drawn top to bottom and fits the width (no sideways scrolling, labels >= 10 px).
 * axe-core: no serious or critical violation in each state. Built into its own directory.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, expectAccessible, expectNoErrors, openPage, servedPage } from './harness';

const app = servedPage();
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/** Whether each element is inside the window and is what a finger at its centre would touch. */
function onScreen(page: Page, ids: string[]) {
  return page.evaluate((list) => list.map((id) => {
    const el = document.getElementById(id)!;
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return { id, inside: r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth && r.height > 0, hit: !!hit && el.contains(hit) };
  }), ids);
}

describe('the page on a phone (390x844)', () => {
  it('a sticky bar, one File menu, a trace card beside a tapped neuron, a circuit that fits the width', async () => {
    const size = { width: 390, height: 844 };
    const { page, errors } = await openPage(app.browser, app.base, size, { isMobile: true, hasTouch: true });
    await page.evaluate(() => window.soma!.advance(30, 4));
    await page.screenshot({ path: join(ARTIFACTS, 'phone-top-390x844.png') });
    await expectAccessible(page, 'phone start');

    // Scrolled far down, Play, Step and the speaker are still on screen and uncovered; Play works there.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
    for (const r of await onScreen(page, ['play', 'step', 'sound-toggle', 'file-menu'])) expect(r, r.id).toEqual({ id: r.id, inside: true, hit: true });
    const bar = await page.evaluate(() => document.querySelector('.topbar')!.getBoundingClientRect().bottom);
    expect(bar).toBeLessThan(64); // compact: what stays of the bar is its one row of buttons
    await page.tap('#step');
    await expect.poll(() => page.evaluate(() => window.soma!.lab.snapshot.trainStep)).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(size.width);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-scrolled-390x844.png') });

    // The tour: its Next in the bar, on screen while scrolled; the tour bar sticks just under the bar.
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.isVisible('#bar-next')).toBe(false);
    await page.tap('#tour-open');
    await page.waitForFunction(() => window.soma!.app.teachingParts()!.tour.framed >= 1);
    expect(await page.isVisible('#bar-next')).toBe(true);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight / 2));
    for (const r of await onScreen(page, ['play', 'bar-next'])) expect(r, r.id).toEqual({ id: r.id, inside: true, hit: true });
    const stack = await page.evaluate(() => ({ play: document.getElementById('play')!.getBoundingClientRect().bottom, tour: document.getElementById('tour')!.getBoundingClientRect().top }));
    expect(stack.tour).toBeGreaterThanOrEqual(stack.play - 1);
    await page.tap('#bar-next');
    await page.waitForFunction(() => window.soma!.app.teachingParts()!.tour.framed >= 2);
    expect(new URL(page.url()).searchParams.get('tour')).toBe('2');
    await expectAccessible(page, 'phone tour step 2');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.isVisible('#bar-next')).toBe(false);

    // One File menu holds every export and import action; keyboard: open, arrows, Escape.
    await page.evaluate(() => window.scrollTo(0, 0));
    const actions = ['export-network', 'export-inputs', 'export-brian2', 'export-pynn', 'export-results', 'import-network', 'project-save', 'project-open'];
    expect(await page.evaluate((ids) => ids.filter((id) => !document.getElementById('export-bar')!.contains(document.getElementById(id))), actions)).toEqual([]);
    expect(await page.isVisible('#export-network')).toBe(false);
    const menu = page.getByRole('button', { name: /export and import/ });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getAttribute('aria-controls')).toBe('export-bar');
    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-network');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('export-inputs');
    await page.keyboard.press('End'); // the menu's last control: the pictures' 2x box
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('pictures-2x');
    const box = await page.evaluate(() => document.getElementById('export-bar')!.getBoundingClientRect().toJSON());
    expect(box.right).toBeLessThanOrEqual(size.width);
    expect(box.bottom).toBeLessThanOrEqual(size.height);
    for (const id of ['export-network', 'export-brian2', 'export-pynn', 'export-results', 'project-save']) expect(await page.isVisible(`#${id}`), id).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-file-menu-390x844.png') });
    await expectAccessible(page, 'phone File menu open');
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('file-menu');
    expect(await page.isVisible('#export-network')).toBe(false);
    // A download from the menu closes it.
    await menu.tap();
    const download = page.waitForEvent('download');
    await page.tap('#export-network');
    expect((await download).suggestedFilename()).toBe('soma-network.json');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // A tapped neuron: its trace in a card beside it; the card's Inspect opens the inspector.
    await page.locator('#bio-scene').scrollIntoViewIfNeeded();
    await page.evaluate(() => window.soma!.advance(20, 4));
    const [d] = await page.evaluate(() => [...window.soma!.lab.snapshot.sizes]);
    const at = await page.evaluate((i) => {
      const p = window.soma!.stage.bio.somaPosition(i);
      const r = window.soma!.stage.bioApp.canvas.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    }, d + 1);
    await page.touchscreen.tap(at.x, at.y);
    await expect.poll(() => page.isVisible('#trace-pop')).toBe(true);
    expect(await page.isVisible('#inspector')).toBe(false);
    expect(await page.textContent('#trace-pop-title')).toBe('Membrane potential of hidden neuron 1, last 200 ms (V / V_th)');
    await page.evaluate(() => window.soma!.advance(6, 4));
    const card = await page.evaluate(() => {
      const r = document.getElementById('trace-pop')!.getBoundingClientRect();
      const c = document.querySelector<HTMLCanvasElement>('#trace-pop canvas')!;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let trace = 0;
      for (let q = 0; q < px.length; q += 4) if (px[q] > 200 && px[q + 1] > 170 && px[q + 2] < 140) trace++; // the trace's yellow
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, trace };
    });
    expect(card.trace).toBeGreaterThan(50);
    expect(card.right).toBeLessThanOrEqual(size.width);
    // Beside the neuron: level with it, its near edge within 40 px of it.
    expect(at.y).toBeGreaterThanOrEqual(card.top - 1);
    expect(at.y).toBeLessThanOrEqual(card.bottom + 1);
    expect(Math.min(Math.abs(card.left - at.x), Math.abs(card.right - at.x))).toBeLessThan(40);
    await page.screenshot({ path: join(ARTIFACTS, 'phone-trace-390x844.png') });
    await expectAccessible(page, 'phone trace card');
    await page.getByRole('button', { name: 'Inspect', exact: true }).tap();
    await expect.poll(() => page.textContent('#inspector-title')).toBe('Hidden neuron h[1]');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Close the trace' }).tap();
    expect(await page.isVisible('#trace-pop')).toBe(false);

    // The circuit: top to bottom, as wide as its panel (no sideways scrolling), labels >= 10 px.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.tap('#circuit-open');
    await page.waitForSelector('#circuit-panel .circuit-svg.circuit-portrait');
    const presets = await page.locator('#circuit-panel .circuit-presets button').count();
    expect(presets).toBe(3);
    for (let q = presets - 1; q >= 0; q--) {
      // Each of the lecture's circuits (the last one left on show is the first).
      await page.locator('#circuit-panel .circuit-presets button').nth(q).tap();
      await page.waitForTimeout(100);
    const c = await page.evaluate(() => {
      const drawing = document.querySelector<HTMLElement>('#circuit-panel .circuit-drawing')!;
      const labels = [...document.querySelectorAll<SVGTextElement>('#circuit-panel .circuit-value, #circuit-panel .circuit-grad')].map((t) => t.getBoundingClientRect().height);
      return { scroll: drawing.scrollWidth, client: drawing.clientWidth, page: document.documentElement.scrollWidth, labels };
    });
    expect(c.scroll).toBeLessThanOrEqual(c.client);
    expect(c.page).toBeLessThanOrEqual(size.width);
    expect(c.labels.length).toBeGreaterThan(3);
    expect(Math.min(...c.labels)).toBeGreaterThanOrEqual(10);
    }
    await page.evaluate(() => {
      const bar = document.querySelector('.topbar')!.getBoundingClientRect().bottom;
      window.scrollBy(0, document.getElementById('circuit-panel')!.getBoundingClientRect().top - bar - 4);
    });
    await page.screenshot({ path: join(ARTIFACTS, 'phone-circuit-390x844.png') });
    await expectAccessible(page, 'phone circuit');
    await expectNoErrors(page, errors);
    await page.context().close();
  }, 300_000);
});
