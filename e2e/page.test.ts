/**
 * The built page in Chromium (software WebGL): loads cleanly, draws both scenes with WebGL,
 * trains and spikes, feeds a clicked point to both networks, keeps its state in the URL, survives
 * a broken URL, refuses bad input beside the control, answers the keyboard, and holds its
 * layout at 1024x768 and on a phone. Frames are advanced by hand (`window.soma.advance`), so
 * nothing depends on the frame rate. Screenshots go to e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2E_DIST, ROOT, ensureBuilt, launchChromium, openPage, startPreview, type PageErrors } from './harness';

const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
let server: PreviewServer;
let base: string;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  await ensureBuilt(E2E_DIST);
  ({ server, url: base } = await startPreview(E2E_DIST));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Waits a little for late errors (they arrive asynchronously), then asserts there were none. */
async function expectNoErrors(page: Page, errors: PageErrors): Promise<void> {
  await page.waitForTimeout(300);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

/** Non-background pixels of a scene, read back from its renderer (Pixi's extract). */
async function scenePixels(page: Page, which: 'bioApp' | 'annApp'): Promise<{ lit: number; total: number; colours: number }> {
  return page.evaluate((key) => {
    const app = window.soma!.stage[key];
    app.render();
    const { pixels } = app.renderer.extract.pixels({ target: app.stage });
    let lit = 0;
    const seen = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4) {
      const r = pixels[i], g = pixels[i + 1], b = pixels[i + 2], a = pixels[i + 3];
      if (a > 0 && r + g + b > 60) {
        lit++;
        seen.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
      }
    }
    return { lit, total: pixels.length / 4, colours: seen.size };
  }, which);
}

const snap = (page: Page) =>
  page.evaluate(() => {
    const s = window.soma!.lab.snapshot;
    return {
      trainStep: s.trainStep,
      bioTimeMs: s.bioTimeMs,
      totalSpikes: s.totalSpikes,
      sizes: [...s.sizes],
      firstLoss: s.historyTrainLoss[0],
      lastLoss: s.historyTrainLoss[s.historyLength - 1],
      probe: [...s.probe],
      windowStartMs: s.windowStartMs,
      diverged: s.diverged,
      activation: [...s.activation],
      lastCounts: [...s.lastCounts],
    };
  });

describe('the page in Chromium', () => {
  it('loads without errors, renders with WebGL, and both scenes draw', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    expect(await page.evaluate(() => window.soma!.rendererNames())).toEqual(['webgl', 'webgl']);
    for (const key of ['bioApp', 'annApp'] as const) {
      const px = await scenePixels(page, key);
      // Somas/nodes, dendrites/edges and labels: a real drawing has many lit pixels in several colours.
      expect(px.lit, key).toBeGreaterThan(0.01 * px.total);
      expect(px.colours, key).toBeGreaterThan(5);
    }
    await page.screenshot({ path: join(ARTIFACTS, 'initial.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('play trains (the loss falls) and the spiking side spikes (the counter rises)', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    const before = await snap(page);
    await page.getByRole('button', { name: 'Play' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Pause' }).getAttribute('aria-pressed')).toBe('true');
    await page.evaluate(() => window.soma!.advance(100, 6));
    const after = await snap(page);
    expect(after.trainStep).toBeGreaterThanOrEqual(before.trainStep + 600);
    expect(after.lastLoss).toBeLessThan(0.6 * after.firstLoss);
    expect(after.totalSpikes).toBeGreaterThan(before.totalSpikes);
    const counter = await page.locator('#counters').textContent();
    expect(Number(/spikes (\d+)/.exec(counter ?? '')?.[1])).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'trained.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('clicking the input plane feeds the point to both networks', async () => {
    const { page, errors } = await openPage(browser, `${base}?tMs=50`, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.advance(30, 4));
    const plane = page.getByRole('img', { name: /ANN decision regions/ });
    const box = (await plane.boundingBox())!;
    // A quarter from the left, a quarter from the top: (-0.5, 0.5) in input units.
    await plane.click({ position: { x: box.width * 0.25, y: box.height * 0.25 } });
    // The lab (in its worker) answers the click with a snapshot: wait for it.
    await expect.poll(async () => (await snap(page)).probe[0]).toBeCloseTo(-0.5, 1);
    const s = await snap(page);
    expect(s.probe[0]).toBeCloseTo(-0.5, 1);
    expect(s.probe[1]).toBeCloseTo(0.5, 1);
    expect(s.activation.slice(0, 2)).toEqual(s.probe);
    expect(s.windowStartMs).toBe(s.bioTimeMs); // the spiking side restarted its window on the new input
    // One window later the spike counts stand next to the activations.
    await page.evaluate(async () => {
      window.soma!.runner.stop();
      const lab = window.soma!.lab;
      const T = lab.snapshot.windowMs;
      for (let i = 0; i < T; i++) await window.soma!.runner.advance(1);
    });
    const later = await snap(page);
    expect(later.lastCounts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('settings live in the URL: a reload restores them', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    await page.getByLabel('Data', { exact: true }).selectOption('moons');
    const hidden = page.getByLabel('Hidden units');
    await hidden.fill('5');
    await hidden.press('Enter');
    await page.getByLabel('Learning rate').fill('0.02');
    await page.getByLabel('Learning rate').press('Enter');
    await expect.poll(() => page.url()).toContain('hidden=5');
    expect(page.url()).toContain('dataset=moons');
    expect(page.url()).toContain('lr=0.02');
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    expect(await page.getByLabel('Data', { exact: true }).inputValue()).toBe('moons');
    expect(await page.getByLabel('Hidden units').inputValue()).toBe('5');
    expect(await page.getByLabel('Learning rate').inputValue()).toBe('0.02');
    expect((await snap(page)).sizes).toEqual([2, 5, 2]);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('a broken URL loads defaults for what is wrong, names it, and the page still works', async () => {
    const { page, errors } = await openPage(browser, `${base}?hidden=abc&dataset=nope&lr=0.03&bogus=1`, { width: 1280, height: 900 });
    const notice = page.locator('[data-notice="url"]');
    // Each by its control's label and what it allows (an unknown name stays as written).
    await expect.poll(() => notice.textContent()).toMatch(/Hidden units \("abc": a whole number from 1 to 1000\)/);
    const text = (await notice.textContent())!;
    expect(text).toMatch(/Data \("nope": one of spiral, XOR, /);
    expect(text).toMatch(/bogus/);
    expect(text).not.toMatch(/\blr\b/);
    expect(await page.getByLabel('Hidden units').inputValue()).toBe('8');
    expect(await page.getByLabel('Learning rate').inputValue()).toBe('0.03');
    await page.evaluate(() => window.soma!.advance(40, 4));
    const s = await snap(page);
    expect(s.trainStep).toBe(160);
    expect(s.totalSpikes).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS, 'broken-url.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('Korean: the texts change, the page works, hovering a soma shows its trace and rate', async () => {
    const { page, errors } = await openPage(browser, `${base}?lang=ko`, { width: 1280, height: 900 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await page.getByLabel('학습률').inputValue()).toBe('0.05');
    await expect.poll(() => page.getByRole('button', { name: '재생' }).count()).toBe(1);
    // Hover the first output neuron's soma (Pixi's pointer events), then one window later its rate shows.
    const at = await page.evaluate(() => {
      const soma = window.soma!;
      soma.runner.stop();
      const p = soma.stage.bio.somaPosition(soma.lab.snapshot.offsets[2]);
      const r = soma.stage.bioApp.canvas.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    });
    await page.mouse.move(at.x, at.y);
    await page.mouse.move(at.x + 1, at.y);
    expect(await page.evaluate(() => window.soma!.stage.selected)).toBe(await page.evaluate(() => window.soma!.lab.snapshot.offsets[2]));
    await page.evaluate(() => window.soma!.advance(60, 4));
    await expect.poll(() => page.locator('#membrane-note').textContent()).toMatch(/^출력 뉴런 0 · 발화율 \(Hz\) \d+/);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('bad values typed into a control are refused beside it; the last good value stays', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    const lr = page.getByLabel('Learning rate');
    await lr.fill('fast');
    await lr.press('Enter');
    await expect.poll(() => page.locator('#set-lr-error').textContent()).toBe('Learning rate: "fast" is not allowed; allowed: a number from 0.00001 to 10');
    expect(await lr.inputValue()).toBe('0.05');
    expect(await lr.getAttribute('aria-invalid')).toBe('true');
    const hidden = page.getByLabel('Hidden units');
    await hidden.fill('5000');
    await hidden.press('Enter');
    await expect.poll(() => page.locator('#set-hidden-error').textContent()).toBe('Hidden units: "5000" is not allowed; allowed: a whole number from 1 to 1000');
    expect(await hidden.inputValue()).toBe('8');
    // A pasted CSV with an error names the line.
    await page.getByLabel('Data', { exact: true }).selectOption('custom');
    await page.getByLabel('Paste CSV (x,y,class)').fill('x,y,class\n0.1,0.2,0\n0.3,oops,1\n');
    await page.getByRole('button', { name: 'Use CSV' }).click();
    await expect.poll(() => page.locator('#csv-error').textContent()).toMatch(/line 3/);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('custom data: clicks add points of the chosen class, kept in the URL', async () => {
    const { page, errors } = await openPage(browser, `${base}?dataset=custom`, { width: 1280, height: 900 });
    const plane = page.getByRole('img', { name: /ANN decision regions/ });
    const box = (await plane.boundingBox())!;
    await plane.click({ position: { x: box.width * 0.2, y: box.height * 0.5 } });
    await page.getByLabel('Class to add').fill('1');
    await page.getByLabel('Class to add').press('Enter');
    await plane.click({ position: { x: box.width * 0.8, y: box.height * 0.5 } });
    await expect.poll(() => page.evaluate(() => window.soma!.lab.snapshot.dataCount)).toBe(2);
    const url = decodeURIComponent(page.url());
    expect(url).toMatch(/pts=-0\.6\d*,0,0;0\.6\d*,0,1/);
    await page.evaluate(() => window.soma!.advance(20, 4));
    expect((await snap(page)).trainStep).toBe(80);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('training that diverges pauses and says so', async () => {
    const { page, errors } = await openPage(browser, `${base}?dataset=gaussians&optimizer=sgd&lr=10&reg=1&batch=1000`, { width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Play' }).click();
    await page.evaluate(async () => {
      window.soma!.runner.stop();
      for (let i = 0; i < 100 && !window.soma!.lab.snapshot.diverged; i++) await window.soma!.runner.advance(10);
    });
    await expect.poll(() => page.locator('[data-notice="diverged"]').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false');
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('keyboard: space plays and pauses, the right arrow steps', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    await page.evaluate(() => window.soma!.runner.stop());
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.soma!.runner.playing)).toBe(true);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.soma!.runner.playing)).toBe(false);
    const before = await snap(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => (await snap(page)).trainStep).toBe(before.trainStep + 2);
    const after = await snap(page);
    expect(after.trainStep).toBe(before.trainStep + 2);
    expect(after.bioTimeMs).toBe(before.bioTimeMs + 2);
    // Typing in a field does not trigger the shortcuts.
    await page.getByLabel('Seed').focus();
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => window.soma!.runner.playing)).toBe(false);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('synaptic delay: the dot of each spike travels down the axon in exactly the delay set', async () => {
    const { page, errors } = await openPage(browser, `${base}?tMs=50`, { width: 1280, height: 900 });
    const delay = page.getByLabel('Synaptic delay (ms)');
    await delay.fill('6');
    await delay.press('Enter');
    await expect.poll(() => page.url()).toContain('delayMs=6');
    // the lab runs in a worker: its snapshot carries the new delay after the next reply
    await expect.poll(() => page.evaluate(() => window.soma!.lab.snapshot.delayMs), { timeout: 20_000 }).toBe(6);
    // Step 1 ms per frame until a fresh dot leaves a soma, then follow it.
    const track = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      let flight: { neuron: number; spikeMs: number; u: number } | undefined;
      for (let i = 0; i < 200 && !flight; i++) {
        await soma.runner.advance(1);
        const now = soma.lab.snapshot.bioTimeMs;
        flight = soma.stage.bio.flights().find((f) => now - f.spikeMs === 1);
      }
      if (!flight) return null;
      const seen: { elapsed: number; u: number | null }[] = [];
      for (let i = 0; i < 8; i++) {
        const now = soma.lab.snapshot.bioTimeMs;
        const f = soma.stage.bio.flights().find((g) => g.neuron === flight!.neuron && g.spikeMs === flight!.spikeMs);
        seen.push({ elapsed: now - flight.spikeMs, u: f ? f.u : null });
        await soma.runner.advance(1);
      }
      return seen;
    });
    expect(track, 'a spike dot appeared').not.toBeNull();
    for (const { elapsed, u } of track!) {
      // u = elapsed / delay while on the way (elapsed <= 6 ms); gone once delivered.
      if (elapsed <= 6) expect(u, `after ${elapsed} ms`).toBeCloseTo(elapsed / 6, 9);
      else expect(u, `after ${elapsed} ms`).toBeNull();
    }
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('the soma model switch changes the f-I panel, its parameters and the single-neuron trace', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 900 });
    const fi = () =>
      page.evaluate(() => {
        const s = window.soma!.lab.snapshot;
        return { version: s.fiVersion, rateAt10: s.fiRate[30], drive30: s.fiDrive[30], maxRate: Math.max(...s.fiRate), spikes: s.neuronSpikeCount, model: s.somaModel, unit: s.somaUnit };
      });
    const lif = await fi();
    expect(lif.model).toBe('lif');
    expect(await page.getByLabel('Izhikevich preset').isVisible()).toBe(false);
    expect(await page.getByLabel('LIF tau_m (ms)').isVisible()).toBe(true);
    await page.getByLabel('Soma model', { exact: true }).selectOption('izhikevich');
    await expect.poll(async () => (await fi()).model).toBe('izhikevich');
    const rs = await fi();
    expect(rs.version).toBeGreaterThan(lif.version);
    expect(rs.unit).toBe('model units');
    expect(rs.drive30).toBeCloseTo(10, 9);
    expect(rs.rateAt10).toBe(22); // Brian2 2.5: RS fires 11 times in [100, 600) ms at I = 10
    expect(await page.getByLabel('Current I (model units)').isVisible()).toBe(true);
    await page.getByLabel('Izhikevich preset').selectOption('FS');
    await expect.poll(() => page.getByLabel('a', { exact: true }).inputValue()).toBe('0.1');
    expect(await page.getByLabel('d', { exact: true }).inputValue()).toBe('2');
    // The lab (in its worker) answers with the new f-I curve: wait for it.
    await expect.poll(async () => (await fi()).version).toBeGreaterThan(rs.version);
    const fs = await fi();
    expect(fs.rateAt10).toBeGreaterThan(3 * rs.rateAt10); // fast spiking
    expect(page.url()).toContain('izhPreset=FS');
    await expect.poll(() => page.locator('#fi-plot .u-legend').textContent()).toContain('Izhikevich');
    await expect.poll(() => page.locator('#neuron-note').textContent()).toMatch(/Izhikevich FS · I = 20 model units · \d+ spikes/);
    // Hodgkin-Huxley: its conductances in mS/cm2; without sodium channels no action potential.
    await page.getByLabel('Soma model', { exact: true }).selectOption('hh');
    const gna = page.getByLabel('g_Na (mS/cm²)');
    expect(await gna.isVisible()).toBe(true);
    await expect.poll(async () => (await fi()).model, { timeout: 30_000 }).toBe('hh');
    expect((await fi()).maxRate).toBeGreaterThan(50);
    await gna.fill('0');
    await gna.press('Enter');
    // Hodgkin-Huxley's f-I curve (61 currents) takes the worker a few seconds on a loaded machine.
    await expect.poll(async () => (await fi()).maxRate, { timeout: 30_000 }).toBe(0);
    expect((await fi()).spikes).toBe(0);
    await page.locator('#fi-plot').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'soma-hh.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('a lif-rate network runs on the spiking side with LIF neurons (it spikes, and says how)', async () => {
    const { page, errors } = await openPage(browser, `${base}?activation=lif-rate&tMs=100`, { width: 1280, height: 900 });
    await expect.poll(() => page.locator('#spiking-note').textContent()).toMatch(/lif-rate.*LIF/);
    await page.evaluate(() => window.soma!.advance(60, 4));
    const s = await snap(page);
    expect(s.totalSpikes).toBeGreaterThan(0);
    const [d, h] = s.sizes;
    expect(s.lastCounts.slice(d, d + h).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(await page.evaluate(() => Array.from(window.soma!.lab.snapshot.snnRegions).every((c) => c < 255))).toBe(true);
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('no select truncates its longest choice (1280 and 1024 wide)', async () => {
    for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 768 }]) {
      const { page, errors } = await openPage(browser, `${base}?soma=izhikevich`, size);
      const cut = await page.evaluate(() => {
        const ctx = document.createElement('canvas').getContext('2d')!;
        const bad: string[] = [];
        for (const sel of document.querySelectorAll<HTMLSelectElement>('.controls select')) {
          if (sel.offsetParent === null) continue;
          const st = getComputedStyle(sel);
          ctx.font = `${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
          const longest = Math.max(...Array.from(sel.options, (o) => ctx.measureText(o.text).width));
          // Text + left padding + the drop-down arrow (about 20 px in Chromium) must fit.
          if (longest + parseFloat(st.paddingLeft) + 20 > sel.clientWidth) bad.push(`${sel.id}: ${longest.toFixed(0)} px in ${sel.clientWidth} px`);
        }
        return bad;
      });
      expect(cut, `${size.width}x${size.height}`).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, `controls-${size.width}x${size.height}.png`) });
      await expectNoErrors(page, errors);
      await page.context().close();
    }
  });

  it('playing, the spiking side names the step of its weights; paused, it catches up and the planes agree as the number says', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Play' }).click();
    const playing = await page.evaluate(async () => {
      const soma = window.soma!;
      await soma.advance(36, 4);
      soma.app.refreshCounters();
      const s = soma.lab.snapshot;
      return { trainStep: s.trainStep, probeStep: s.probeStep, shown: { ...soma.stage.planesShown } };
    });
    expect(playing.probeStep).toBeLessThan(playing.trainStep);
    await expect.poll(() => page.locator('#probe-note').textContent()).toBe(
      `Spiking network: weights of step ${playing.probeStep} (converted at the start of this 200 ms window) · ANN now at step ${playing.trainStep}.`,
    );
    const agreement = (await page.locator('#agreement').textContent())!;
    // The line speaks of the steps the two planes were drawn with.
    expect(agreement).toMatch(new RegExp(`^Weights of step ${playing.shown.snnStep}\\b`));
    if (playing.shown.snnStep !== playing.shown.annStep) expect(agreement).toContain(`ANN plane at step ${playing.shown.annStep}`);
    expect(agreement).not.toMatch(/ANN = SNN/);
    await page.screenshot({ path: join(ARTIFACTS, 'playing-1280x800.png') });
    // Pause: idle frames let the grid convert and evaluate the current weights.
    await page.getByRole('button', { name: 'Pause' }).click();
    const caught = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      let frames = 0;
      const s = soma.lab.snapshot;
      while (frames < 100 && (s.snnRegionsStep !== s.trainStep || s.annRegionsStep !== s.trainStep || s.probeStep !== s.trainStep)) {
        await soma.runner.advance(0);
        frames++;
      }
      for (let i = 0; i < 8; i++) await soma.runner.advance(0); // the planes redraw (once in every PLOT_EVERY = 8 frames, stage.ts)
      soma.app.refreshCounters();
      // Oracle: the ANN class of the current weights at each spiking grid cell centre, through the trainer's forward pass.
      const n = 16;
      const x = new Float64Array(n * n * 2);
      for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) {
        x[2 * (r * n + c)] = -1 + (2 * (c + 0.5)) / n;
        x[2 * (r * n + c) + 1] = 1 - (2 * (r + 0.5)) / n;
      }
      // The forward pass written out over the snapshot's weights (default activation: ReLU): s = max(0, x W1 + b1) W2 + b2.
      const [, h, k] = s.sizes;
      const scores = new Float64Array(n * n * k);
      for (let cell = 0; cell < n * n; cell++) {
        for (let j = 0; j < h; j++) {
          const a = Math.max(0, x[2 * cell] * s.w1[j] + x[2 * cell + 1] * s.w1[h + j] + s.b1[j]);
          for (let o = 0; o < k; o++) scores[cell * k + o] += a * s.w2[j * k + o];
        }
        for (let o = 0; o < k; o++) scores[cell * k + o] += s.b2[o];
      }
      let agree = 0;
      for (let cell = 0; cell < n * n; cell++) {
        let best = 0;
        for (let j = 1; j < k; j++) if (scores[cell * k + j] > scores[cell * k + best]) best = j;
        if (best === s.snnRegions[cell]) agree++;
      }
      return { frames, trainStep: s.trainStep, snnStep: s.snnRegionsStep, probeStep: s.probeStep, agree: agree / (n * n) };
    });
    expect(caught.snnStep).toBe(caught.trainStep);
    expect(caught.probeStep).toBe(caught.trainStep);
    expect(caught.frames).toBeLessThan(100);
    const pct = (100 * caught.agree).toFixed(0);
    await expect.poll(() => page.locator('#agreement').textContent()).toBe(`Weights of step ${caught.trainStep}, as the ANN plane · spiking = ANN on ${pct}% of the 256 grid cells.`);
    expect(await page.locator('#probe-note').textContent()).toBe(`Spiking network: weights of step ${caught.trainStep}, the same as the ANN.`);
    await page.screenshot({ path: join(ARTIFACTS, 'paused-caught-up-1280x800.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('panels still filling say so; the membrane caption explains a silent IF neuron sinking below rest', async () => {
    const { page, errors } = await openPage(browser, `${base}?tMs=100`, { width: 1280, height: 800 });
    await expect.poll(() => page.locator('#scatter-plot .plot-placeholder').textContent()).toBe('Filling: first window of T = 100 ms, 0% done. Press Play or Step.');
    expect(await page.locator('#membrane-plot .plot-placeholder').textContent()).toMatch(/^No biology yet/);
    await page.evaluate(async () => {
      await window.soma!.advance(12, 3); // 36 ms
      window.soma!.app.refreshCounters();
    });
    await expect.poll(() => page.locator('#scatter-plot .plot-placeholder').textContent()).toMatch(/^Filling: first window of T = 100 ms, 36% done/);
    expect(await page.locator('#membrane-plot .plot-placeholder').isVisible()).toBe(false);
    // One window done: the scatter has its dots, the placeholder goes, the note names the weights' step.
    const silent = await page.evaluate(async () => {
      const soma = window.soma!;
      await soma.advance(30, 3);
      soma.app.refreshCounters();
      const s = soma.lab.snapshot;
      // A hidden neuron whose potential went below 0 over the trace on show (IF: no leak, no floor).
      for (let i = s.offsets[1]; i < s.offsets[2]; i++) {
        for (let q = 0; q < 200; q++) if (s.trace[i * 200 + q] < -0.05) return i;
      }
      return -1;
    });
    expect(await page.locator('#scatter-plot .plot-placeholder').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#scatter-note').textContent()).toMatch(/^Each dot: one hidden neuron over one window of 100 ms.*\(newest: step \d+\)\.$/);
    expect(silent, 'a hidden neuron with a negative drive').toBeGreaterThanOrEqual(0);
    await page.evaluate(async (i) => {
      window.soma!.stage.selected = i;
      await window.soma!.advance(1, 1);
      window.soma!.app.refreshCounters();
    }, silent);
    await expect.poll(() => page.locator('#membrane-caption').textContent()).toMatch(/no leak.*no floor.*clipped at -1/);
    await page.locator('#membrane-plot').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'membrane-caption.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  it('presenter mode scales the plots and the scene captions with the font', async () => {
    const { page, errors } = await openPage(browser, base, { width: 1280, height: 800 });
    const fonts = () =>
      page.evaluate(() => {
        const legend = document.querySelector('#loss-plot .u-legend')!;
        return { scale: window.soma!.stage.fontScale, legend: parseFloat(getComputedStyle(legend).fontSize) };
      });
    const before = await fonts();
    expect(before.scale).toBe(1);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('f');
    await expect.poll(async () => (await fonts()).scale).toBeCloseTo(20 / 14, 6);
    const after = await fonts();
    expect(after.legend / before.legend).toBeCloseTo(20 / 14, 1);
    await page.evaluate(() => window.soma!.advance(30, 4));
    await page.screenshot({ path: join(ARTIFACTS, 'presenter-1280x800.png') });
    await expectNoErrors(page, errors);
    await page.context().close();
  });

  for (const [name, size, mobile] of [
    ['projector-1024x768', { width: 1024, height: 768 }, false],
    ['phone-390x844', { width: 390, height: 844 }, true],
  ] as const) {
    it(`layout holds at ${name}`, async () => {
      const { page, errors } = await openPage(browser, base, size, mobile ? { isMobile: true, hasTouch: true } : {});
      await page.evaluate(() => window.soma!.advance(40, 4));
      const layout = await page.evaluate(() => {
        const rect = (id: string) => document.getElementById(id)!.getBoundingClientRect();
        return {
          scrollWidth: document.documentElement.scrollWidth,
          bio: rect('bio-scene'),
          ann: rect('ann-scene'),
          plane: rect('ann-regions'),
          play: rect('play'),
          // Panels on show (hidden ones, e.g. a closed circuit view, have no box).
          panelWidths: Array.from(document.querySelectorAll<HTMLElement>('.stage > .panel'))
            .filter((p) => p.offsetParent !== null)
            .map((p) => p.getBoundingClientRect().width),
        };
      });
      expect(layout.scrollWidth).toBeLessThanOrEqual(size.width);
      for (const r of [layout.bio, layout.ann]) {
        expect(r.width).toBeGreaterThan(mobile ? 300 : 350);
        expect(r.height).toBeGreaterThan(200);
        expect(r.right).toBeLessThanOrEqual(size.width + 0.5);
      }
      // Everything a finger needs is at least 36 px tall.
      expect(layout.play.height).toBeGreaterThanOrEqual(36);
      if (mobile) {
        // The two scenes first; the settings after the panels, one tap away through the top bar's link.
        const order = await page.evaluate(() => ['bio-scene', 'ann-scene', 'ann-regions', 'controls'].map((id) => document.getElementById(id)!.getBoundingClientRect().top + window.scrollY));
        expect(order[0]).toBeLessThan(order[1]);
        expect(order[1]).toBeLessThan(order[2]);
        expect(order[2]).toBeLessThan(order[3]);
        const link = page.getByRole('link', { name: 'Settings' });
        expect(await link.isVisible()).toBe(true);
        expect(await link.getAttribute('title')).toMatch(/settings/i);
        await link.tap();
        await expect.poll(() => page.evaluate(() => document.getElementById('controls')!.getBoundingClientRect().top)).toBeLessThan(50);
        await page.evaluate(() => window.scrollTo(0, 0));
        // One column: every panel takes the full width (none narrowed by implicit grid columns).
        expect(Math.max(...layout.panelWidths) - Math.min(...layout.panelWidths)).toBeLessThan(1);
        expect(Math.min(...layout.panelWidths)).toBeGreaterThan(size.width - 30);
        // Tapping the plane (no hover) feeds the point.
        const plane = page.getByRole('img', { name: /ANN decision regions/ });
        await plane.scrollIntoViewIfNeeded();
        const box = (await plane.boundingBox())!;
        await page.touchscreen.tap(box.x + box.width * 0.75, box.y + box.height * 0.5);
        await expect.poll(async () => (await snap(page)).probe[0]).toBeCloseTo(0.5, 1);
        const s = await snap(page);
        expect(s.probe[0]).toBeCloseTo(0.5, 1);
        expect(s.probe[1]).toBeCloseTo(0, 1);
      }
      await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: !mobile });
      await expectNoErrors(page, errors);
      await page.context().close();
    });
  }
});
