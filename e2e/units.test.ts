/**
 * The ANN scene's unit tools in Chromium, on one page: each hidden unit's maps beside its node
 * (the ANN's activation and the spiking twin's rate, painted from the lab's maps, with tooltips
 * giving r), and an edge edited by pointer and by keyboard (a refused value changes nothing; an
 * accepted one is the ANN's weight and the spiking twin's maps follow). axe-core in each state:
 * 0 serious or critical violations. Screenshots go to e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, expectAccessible, openPage, servedPage } from './harness';

const app = servedPage();
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/** Paused frames until the spiking plane (and so the twins' maps) shows the current weights. */
async function catchUp(page: Page): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const done = await page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      return s.snnRegionsStep === s.trainStep && s.snnGridStep < 0 && s.annRegionsStep === s.trainStep;
    });
    if (done) return;
    await page.evaluate(() => window.soma!.advance(1, 0));
  }
  throw new Error('the spiking plane did not catch up');
}

describe('unit maps and editable edges', () => {
  it('maps beside each hidden node look alike (r); an edge edited by pointer and keyboard; the twin follows', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(60, 5)); // 300 training steps
    await catchUp(page);
    await page.evaluate(() => window.soma!.advance(12, 0)); // drawn frames: maps painted, note written

    // --- the maps: one pair per hidden unit, level with its node, painted from the lab's maps ---
    const maps = await page.evaluate(() => {
      const soma = window.soma!;
      const s = soma.lab.snapshot;
      const [d, h] = s.sizes;
      const canvas = soma.stage.annApp.canvas.getBoundingClientRect();
      const pairs = Array.from(document.querySelectorAll<HTMLElement>('.unit-map-pair'));
      const place = pairs.map((p, j) => {
        const r = p.getBoundingClientRect();
        const node = soma.stage.ann.nodePosition(d + j);
        return { dy: r.top + r.height / 2 - (canvas.top + node.y), right: r.right, nodeX: canvas.left + node.x, side: r.height };
      });
      // The painted pixels of unit 0, both sides, against the heat colour of value / max from the snapshot.
      const cells = 256;
      const mismatches = (['ann', 'snn'] as const).map((kind) => {
        const c = pairs[0].querySelector<HTMLCanvasElement>(`.unit-map-${kind}`)!;
        const px = c.getContext('2d')!.getImageData(0, 0, 16, 16).data;
        const m = kind === 'ann' ? s.unitMapsAnn : s.unitMapsSnn;
        let max = 0;
        for (let q = 0; q < cells; q++) max = Math.max(max, m[q]);
        let bad = 0, lit = 0;
        for (let q = 0; q < cells; q++) {
          const v = max > 0 ? m[q] / max : 0;
          const bright = px[4 * q] + px[4 * q + 1] + px[4 * q + 2];
          if (v > 0.9) lit++;
          // brightest cells yellow-white, zero cells the table's dark blue (0x20244a)
          if ((v >= 0.999 && bright < 500) || (v === 0 && (px[4 * q] !== 0x20 || px[4 * q + 2] !== 0x4a))) bad++;
        }
        return { bad, lit };
      });
      const titles = pairs.map((p) => Array.from(p.querySelectorAll('canvas'), (c) => c.getAttribute('aria-label') ?? ''));
      return { h, count: pairs.length, place, mismatches, titles, r: Array.from(s.unitMapsR), note: document.getElementById('unit-maps-note')!.textContent ?? '', step: s.trainStep };
    });
    expect(maps.count).toBe(maps.h);
    for (const p of maps.place) {
      expect(Math.abs(p.dy)).toBeLessThan(2); // centred on its node's row
      expect(p.right).toBeLessThan(p.nodeX); // left of the node, clear of its label
      expect(p.side).toBeGreaterThan(12);
    }
    for (const m of maps.mismatches) {
      expect(m.bad).toBe(0);
      expect(m.lit).toBeGreaterThan(0);
    }
    const active = maps.r.filter(Number.isFinite);
    expect(active.length).toBeGreaterThanOrEqual(maps.h - 2);
    for (const r of active) expect(r).toBeGreaterThan(0.95);
    expect(maps.titles[0][0]).toMatch(new RegExp(`^h\\[0\\], ANN: its activation over the input plane, 0 to [0-9.]+ \\(weights of step ${maps.step}\\)$`));
    expect(maps.titles[0][1]).toMatch(new RegExp(`^h\\[0\\], spiking twin: its firing rate over the input plane, 0 to \\d+ Hz \\(weights of step ${maps.step}\\); r = (0\\.9\\d\\d|1\\.000|none .*) with the ANN map`));
    expect(maps.note).toMatch(/^Beside each hidden unit: .* Twins alike, weights of step \d+: mean r = 0\.9\d\d, lowest 0\.9\d\d \(\d of 8 units active\)\.$/);
    await page.locator('#ann-scene').locator('..').screenshot({ path: join(ARTIFACTS, 'units-maps.png') });
    await expectAccessible(page, 'unit maps on show');

    // --- an edge by pointer: W1[1][3], from x[1] to h[3] ---
    const edge = { layer: 0, from: 1, to: 3 };
    const before = await page.evaluate(() => ({ w1: Array.from(window.soma!.lab.snapshot.w1), version: window.soma!.lab.snapshot.weightsVersion }));
    const at = await page.evaluate(({ layer, from, to }) => {
      const parts = window.soma!.app.units!.parts();
      const k = parts.edges!.indexOf({ layer, from, to });
      const r = parts.edges!.rect(k);
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    }, edge);
    await page.mouse.click(at.x, at.y);
    const editor = page.locator('.edge-editor');
    await editor.waitFor({ state: 'visible' });
    expect(await page.locator('#edge-editor-title').textContent()).toBe('Weight W1[1][3] (x[1] → h[3])');
    const w13 = before.w1[1 * maps.h + 3];
    expect(Number(await page.locator('#edge-weight').inputValue())).toBeCloseTo(w13, 4);
    expect(await page.locator('.edge-editor-now').textContent()).toBe(`now ${Math.round(w13 * 1e4) / 1e4} (training step ${maps.step})`);

    // refused: not a number, and out of range; nothing changes
    for (const [typed, shown] of [['abc', '"abc"'], ['99', '"99"']]) {
      await page.locator('#edge-weight').fill(typed);
      await page.locator('#edge-weight').press('Enter');
      await expect.poll(() => page.locator('#edge-weight-error').textContent()).toBe(`Weight W1[1][3] (x[1] → h[3]): ${shown} is not allowed; allowed: a number from -50 to 50`);
      expect(await page.locator('#edge-weight').getAttribute('aria-invalid')).toBe('true');
    }
    const still = await page.evaluate(() => ({ w1: Array.from(window.soma!.lab.snapshot.w1), version: window.soma!.lab.snapshot.weightsVersion }));
    expect(still).toEqual(before);

    // accepted: the ANN's weight, its maps, and after a window of biology the twin's maps
    const snnBefore = await page.evaluate(() => Array.from(window.soma!.lab.snapshot.unitMapsSnn.subarray(3 * 256, 4 * 256)));
    await page.locator('#edge-weight').fill('2.5');
    await page.locator('.edge-set').click();
    await expect.poll(() => page.locator('.edge-editor-done').textContent()).toBe('W1[1][3] (x[1] → h[3]) is now 2.5: the spiking twin was converted again.');
    const after = await page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      return { w: s.w1[1 * s.sizes[1] + 3], version: s.weightsVersion, probeStep: s.probeStep, step: s.trainStep };
    });
    expect(after.w).toBe(2.5);
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.probeStep).toBe(after.step); // the probe's window runs the edited network
    expect(await page.locator('#edge-weight-error').textContent()).toBe('');
    await page.locator('#ann-scene').locator('..').screenshot({ path: join(ARTIFACTS, 'units-edge-editor.png') });
    await expectAccessible(page, 'edge editor open');
    await catchUp(page);
    const twin = await page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      return { snn: Array.from(s.unitMapsSnn.subarray(3 * 256, 4 * 256)), r: s.unitMapsR[3], w: s.w1[1 * s.sizes[1] + 3] };
    });
    expect(twin.w).toBe(2.5);
    expect(twin.snn).not.toEqual(snnBefore);
    expect(twin.r).toBeGreaterThan(0.95);

    // --- by keyboard: the edges are one tab stop; arrows move, Enter opens, Escape returns focus ---
    await page.locator('.edge-close').click();
    await page.evaluate(() => document.querySelector<SVGElement>('.edge-target[tabindex="0"]')!.focus());
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^W1\[0\]\[2\] \(x\[0\] → h\[2\]\) = -?\d/);
    // focused, the edge is shown in the editor, focus stays on the edge
    await editor.waitFor({ state: 'visible' });
    expect(await page.locator('#edge-editor-title').textContent()).toBe('Weight W1[0][2] (x[0] → h[2])');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');
    await editor.waitFor({ state: 'visible' });
    expect(await page.locator('#edge-editor-title').textContent()).toBe('Weight W1[0][2] (x[0] → h[2])');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('edge-weight');
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/^W1\[0\]\[2\] /);

    // --- a network above 16 hidden units: a note instead of the maps ---
    await page.evaluate(() => window.soma!.app.apply('hidden', 20));
    await page.evaluate(() => window.soma!.advance(2, 0));
    expect(await page.locator('.unit-map-pair').count()).toBe(0);
    expect(await page.locator('#unit-maps-note').textContent()).toBe('Unit maps are drawn for up to 16 hidden units; this network has 20.');

    await page.waitForTimeout(200);
    expect(errors.pageErrors).toEqual([]);
    expect(errors.consoleErrors).toEqual([]);
    await page.close();
  }, 240_000);
});
