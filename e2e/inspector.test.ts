/**
 * The neuron inspector in Chromium: a click on a hidden neuron of the spiking scene opens a panel
 * with both neurons in three parts (Dendrites, Soma, Axon) and numbers; the ANN's dendrite sum is
 * w.x + b of the inputs it shows and its axon max(0, sum); the numbers follow the running lab; the
 * I key and the button open it for the selected neuron, a click on an output node of the ANN scene
 * shows that unit, and Escape closes it.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, openPage, servedPage } from './harness';

const app = servedPage();

/** Page coordinates of neuron i in a scene. */
function neuronAt(page: Page, which: 'bio' | 'ann', i: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([w, n]) => {
    const soma = window.soma!;
    const p = w === 'bio' ? soma.stage.bio.somaPosition(n as number) : soma.stage.ann.nodePosition(n as number);
    const r = (w === 'bio' ? soma.stage.bioApp : soma.stage.annApp).canvas.getBoundingClientRect();
    return { x: r.left + p.x, y: r.top + p.y };
  }, [which, i] as const);
}

/**
 * What the panel shows, read from the DOM (numbers from their data-value), once it shows the
 * numbers of the unit in its title (the lab answers from its worker: `data-unit` names the unit
 * on show, '' while the answer is on its way).
 */
async function readPanel(page: Page) {
  await page.waitForFunction(() => {
    const panel = document.getElementById('inspector')!;
    const m = /\[(\d+)\]/.exec(document.getElementById('inspector-title')!.textContent ?? '');
    return panel.hidden || (!!m && (panel.dataset.unit ?? '').endsWith(`:${m[1]}`));
  });
  return page.evaluate(() => {
    const panel = document.getElementById('inspector')!;
    const side = (s: string) => {
      const root = panel.querySelector(`[data-side="${s}"]`)!;
      const nums = (sel: string) => Array.from(root.querySelectorAll<HTMLElement>(sel), (e) => Number(e.dataset.value));
      const one = (sel: string) => nums(sel)[0];
      return {
        parts: Array.from(root.querySelectorAll<HTMLElement>('[data-part]'), (e) => [e.dataset.part, e.querySelector('h4')?.textContent, e.querySelector('h4')?.title.length ?? 0]),
        sources: Array.from(root.querySelectorAll('[data-row="input"] th'), (e) => e.textContent),
        weights: nums('[data-field="weight"]'),
        values: nums('[data-field="value"]'),
        contributions: nums('[data-field="contribution"]'),
        shownWeights: Array.from(root.querySelectorAll('[data-field="weight"]'), (e) => e.textContent),
        bias: one('[data-field="bias"]'),
        terms: nums('[data-field="term"]'),
        sum: one('[data-field="sum"]'),
        soma: one('[data-field="soma"]'),
        somaText: root.querySelector('[data-part="soma"] p')?.textContent ?? '',
        axon: one('[data-field="axon"]'),
        axonText: root.querySelector('[data-part="axon"] p')?.textContent ?? '',
        unitText: root.querySelector('.insp-unit')?.textContent ?? '',
      };
    };
    return { hidden: panel.hidden, title: document.getElementById('inspector-title')!.textContent, status: panel.querySelector('.insp-status')!.textContent, bio: side('bio'), ann: side('ann') };
  });
}

describe('the neuron inspector', () => {
  it('a click on a hidden neuron shows both neurons in three parts; ANN sum = w.x + b, axon = relu; Escape closes', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(30, 4)); // 120 training steps, 120 ms of biology
    const [d, h] = await page.evaluate(() => [...window.soma!.lab.snapshot.sizes]);
    const at = await neuronAt(page, 'bio', d + 1);
    await page.mouse.click(at.x, at.y);
    const p = await readPanel(page);
    expect(p.hidden).toBe(false);
    expect(p.title).toBe('Hidden neuron h[1]');
    for (const side of [p.bio, p.ann]) {
      expect(side.parts.map(([part]) => part)).toEqual(['dendrite', 'soma', 'axon']);
      expect(side.parts.map(([, title]) => title)).toEqual(['Dendrites', 'Soma (cell body)', 'Axon']);
      for (const [, , tip] of side.parts) expect(tip).toBeGreaterThan(20); // each part has its tooltip
      for (const x of [side.sum, side.soma, side.axon, side.bias]) expect(Number.isFinite(x)).toBe(true);
    }
    // The artificial unit: inputs x[0], x[1] with the probe's values; sum = w.x + b; axon = max(0, sum).
    const probe = await page.evaluate(() => [...window.soma!.lab.snapshot.probe]);
    expect(p.ann.sources).toEqual(['x[0]', 'x[1]']);
    expect(p.ann.values).toEqual(probe);
    let z = p.ann.bias;
    p.ann.weights.forEach((w, q) => {
      expect(p.ann.contributions[q]).toBeCloseTo(w * p.ann.values[q], 14);
      z += w * p.ann.values[q];
    });
    expect(p.ann.sum).toBeCloseTo(z, 12);
    expect(p.ann.axon).toBe(Math.max(0, p.ann.sum));
    expect(p.ann.axonText).toMatch(/^relu\(z\) = /);
    expect(p.ann.somaText).toMatch(/^identity: z = -?[\d.e-]+$/);
    // It is the page's own hidden activation.
    expect(p.ann.axon).toBe(await page.evaluate((i) => window.soma!.lab.snapshot.activation[i], d + 1));
    // The spiking neuron: the input currents x W (threshold units) and its bias sum to its input; V and spikes.
    expect(p.bio.sources).toEqual(['x[0]', 'x[1]']);
    expect(p.bio.sum).toBeCloseTo(p.bio.bias + p.bio.contributions.reduce((a, b) => a + b, 0) + p.bio.terms.reduce((a, b) => a + b, 0), 12);
    expect(p.bio.somaText).toMatch(/^if-subtract: v = -?[\d.e-]+ threshold units$/);
    expect(p.bio.axonText).toMatch(/^\d+ spikes in \d+ ms = [\d.]+ Hz/);
    expect(p.bio.unitText).toBe('unit: threshold units per step');
    expect(p.ann.unitText).toBe('unit: none (a number)');
    expect(p.status).toMatch(/^Spiking side: weights of training step \d+, t = 120 ms/);
    // The numbers follow the lab as it runs.
    await page.evaluate(() => window.soma!.advance(10, 4));
    const q = await readPanel(page);
    expect(q.status).toMatch(/t = 160 ms/);
    const now = await page.evaluate(async (j) => (await window.soma!.lab.inspect(1, j)).ann.dendrite.sum, 1);
    expect(q.ann.sum).toBe(now);
    expect(h).toBeGreaterThan(1);
    // Escape closes, from anywhere.
    await page.keyboard.press('Escape');
    expect((await readPanel(page)).hidden).toBe(true);
    await page.screenshot({ path: join(ROOT, 'e2e', 'artifacts', 'inspector-closed.png') }).catch(() => {});
    expect(errors.pageErrors).toEqual([]);
    expect(errors.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('keyboard: the button and the I key open it for the selected neuron; an output node of the ANN scene; Escape returns focus', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(5, 4));
    const [d, h] = await page.evaluate(() => [...window.soma!.lab.snapshot.sizes]);
    // The button: focus it, press Enter: the selected neuron (the first hidden one by default).
    await page.focus('#inspect-open');
    await page.keyboard.press('Enter');
    let p = await readPanel(page);
    expect(p.hidden).toBe(false);
    expect(p.title).toBe('Hidden neuron h[0]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe('close');
    // The next button moves to h[1].
    await page.click('#inspector [data-action="next"]');
    expect((await readPanel(page)).title).toBe('Hidden neuron h[1]');
    await page.keyboard.press('Escape');
    expect((await readPanel(page)).hidden).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('inspect-open');
    // A click on output node 0 of the ANN scene: its dendrite is h W2 + b2, identity axon (the score).
    const at = await neuronAt(page, 'ann', d + h);
    await page.mouse.click(at.x, at.y);
    p = await readPanel(page);
    expect(p.title).toBe('Output neuron s[0]');
    expect(p.ann.sources).toEqual(Array.from({ length: h }, (_, q) => `h[${q}]`));
    let z = p.ann.bias;
    p.ann.weights.forEach((w, q) => (z += w * p.ann.values[q]));
    expect(p.ann.sum).toBeCloseTo(z, 12);
    expect(p.ann.axon).toBe(p.ann.sum);
    expect(p.bio.sources).toEqual(Array.from({ length: h }, (_, q) => `h[${q}]`)); // synapses from the hidden layer
    // The I key toggles it (closed here), then opens it again for the selected neuron (output 0).
    await page.keyboard.press('i');
    expect((await readPanel(page)).hidden).toBe(true);
    await page.keyboard.press('i');
    expect((await readPanel(page)).title).toBe('Output neuron s[0]');
    await page.keyboard.press('Escape');
    expect((await readPanel(page)).hidden).toBe(true);
    expect(errors.pageErrors).toEqual([]);
    expect(errors.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('a large network (200 hidden: edges as one image, the hidden layer as a strip): hovering and clicking a row of the strip select and open that neuron', async () => {
    const { page, errors } = await openPage(app.browser, `${app.base}?hidden=200`, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(10, 4));
    // Both scenes draw with the stand-ins: the edge image and the strip are lit pixels.
    const lit = await page.evaluate(() => {
      const out: number[] = [];
      for (const app of [window.soma!.stage.bioApp, window.soma!.stage.annApp]) {
        app.render();
        const { pixels } = app.renderer.extract.pixels({ target: app.stage });
        let n = 0;
        for (let i = 0; i < pixels.length; i += 4) if (pixels[i + 3] > 0 && pixels[i] + pixels[i + 1] + pixels[i + 2] > 60) n++;
        out.push(n);
      }
      return out;
    });
    for (const n of lit) expect(n).toBeGreaterThan(1000);
    // ... and not one display object per edge (400 + 600 edges, 205 nodes): a few dozen at most.
    const objects = await page.evaluate(() => [window.soma!.stage.bio, window.soma!.stage.ann].map((sc) => (sc.view.children[0] as { children: unknown[] }).children.length));
    for (const n of objects) expect(n).toBeLessThan(100);
    // Hidden neuron 137 in the bio scene's strip: hovering selects it, a click opens it.
    const d = 2;
    const at = await neuronAt(page, 'bio', d + 137);
    await page.mouse.move(at.x, at.y);
    await page.mouse.move(at.x + 0.5, at.y);
    await expect.poll(() => page.evaluate(() => window.soma!.stage.selected)).toBe(d + 137);
    await page.mouse.click(at.x, at.y);
    expect((await readPanel(page)).title).toBe('Hidden neuron h[137]');
    await page.keyboard.press('Escape');
    // The ANN scene's strip: neuron 20.
    const an = await neuronAt(page, 'ann', d + 20);
    await page.mouse.click(an.x, an.y);
    const p = await readPanel(page);
    expect(p.title).toBe('Hidden neuron h[20]');
    expect(p.ann.sources).toEqual(['x[0]', 'x[1]']);
    expect(errors.pageErrors).toEqual([]);
    expect(errors.consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('speaks Korean with ?lang=ko', async () => {
    const { page } = await openPage(app.browser, `${app.base}?lang=ko`, { width: 1280, height: 900 });
    await page.click('#inspect-open');
    const p = await readPanel(page);
    expect(p.title).toBe('은닉 뉴런 h[0]');
    expect(p.bio.parts.map(([, t]) => t)).toEqual(['가지돌기', '세포체', '축삭']);
    await page.context().close();
  });
});
