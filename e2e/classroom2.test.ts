/**
 * More of the classroom pass in Chromium, against the built page: the numbers each ANN node
 * pairs (its activation and its spiking twin's count) come from the same weights or say they
 * do not (grey, with the training step of the count's weights); after Play, wait, Pause the
 * spiking side catches up by itself and the labels and the hover line agree with the snapshot;
 * inputs show what they carry under the encoding (x, or x and its Poisson rate); the perf
 * meter's words in Korean. axe-core in every state: 0 serious or critical violations.
 * Screenshots go to e2e/artifacts/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, openPage as openHarnessPage, type PageErrors, servedPage } from './harness';

const app = servedPage();
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
mkdirSync(ARTIFACTS, { recursive: true });
const SIZE = { width: 1280, height: 900 };
const opened: Page[] = [];

async function open(query: string, size = SIZE): Promise<{ page: Page; errors: PageErrors }> {
  const r = await openHarnessPage(app.browser, `${app.base}${query}`, size);
  opened.push(r.page);
  return r;
}

afterEach(async () => {
  for (const p of opened.splice(0)) await p.context().close();
});

async function expectNoErrors(page: Page, errors: PageErrors): Promise<void> {
  await page.waitForTimeout(200);
  expect(errors.pageErrors, 'page errors').toEqual([]);
  expect(errors.consoleErrors, 'console errors').toEqual([]);
}

async function expectAccessible(page: Page, state: string): Promise<void> {
  const r = await new AxeBuilder({ page }).analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${state}: ${v.id} (${v.impact}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** What the page shows and the numbers it was drawn from, read in the same frame. */
interface Shown {
  labels: { text: string; stale: boolean }[];
  staleLine: string;
  note: string;
  sizes: number[];
  activation: number[];
  lastCounts: number[];
  lastCountsStep: number;
  trainStep: number;
  current: boolean;
  windowMs: number;
  bioTimeMs: number;
  inputEncoding: string;
  inputRateHz: number[];
}

/**
 * Stops the loop, advances frames of `k` steps (0: paused frames) until the ANN scene has
 * rewritten its labels, selects neuron `selected` and reads labels, hover line and snapshot.
 */
async function readShown(page: Page, k: number, selected: number): Promise<Shown> {
  return page.evaluate(
    async ([k, selected]) => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      soma.stage.selected = selected;
      const ann = soma.stage.ann as unknown as { frame: number };
      for (let i = 0; i < 8; i++) {
        await soma.runner.advance(k);
        if (ann.frame % 8 === 1) break; // this frame wrote the labels (LABEL_EVERY = 8)
      }
      soma.app.refreshCounters();
      const s = soma.lab.snapshot;
      return {
        labels: soma.stage.ann.labelTexts(),
        staleLine: soma.stage.ann.staleShown(),
        note: document.getElementById('membrane-note')!.textContent ?? '',
        sizes: Array.from(s.sizes),
        activation: Array.from(s.activation),
        lastCounts: Array.from(s.lastCounts),
        lastCountsStep: s.lastCountsStep,
        trainStep: s.trainStep,
        current: s.lastCountsStep === s.trainStep && s.lastCountsVersion === s.probeVersion,
        windowMs: s.windowMs,
        bioTimeMs: s.bioTimeMs,
        inputEncoding: s.inputEncoding,
        inputRateHz: Array.from(s.inputRateHz),
      };
    },
    [k, selected] as const,
  );
}

/** Waits (the loop running) until the spiking side's counts are those of the weights and probe on show. */
async function waitCaughtUp(page: Page): Promise<void> {
  await page.evaluate(() => window.soma!.runner.start());
  await expect
    .poll(() => page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      return s.lastCountsStep === s.trainStep && s.lastCountsVersion === s.probeVersion && !window.soma!.lab.busy;
    }), { timeout: 60_000, interval: 200 })
    .toBe(true);
}

describe('paired numbers read true', () => {
  it('Play, wait, Pause: stale counts are grey with their step; after Pause the spiking side catches up and labels and hover agree', async () => {
    const { page, errors } = await open('?tMs=100&dataset=moons');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(2500);
    const d = 2;
    // Playing: the counts of the last window ran older weights: every hidden and output label is grey, the step said under the scene.
    const playing = await readShown(page, await page.evaluate(() => window.soma!.runner.speed), d);
    expect(playing.trainStep).toBeGreaterThan(0);
    expect(playing.lastCountsStep).toBeGreaterThanOrEqual(0);
    expect(playing.lastCountsStep).toBeLessThan(playing.trainStep);
    const n = playing.labels.length;
    expect(n).toBe(playing.sizes[0] + playing.sizes[1] + playing.sizes[2]);
    for (let i = d; i < n; i++) {
      expect(playing.labels[i]).toEqual({ text: `${playing.activation[i].toFixed(2)} / ${playing.lastCounts[i]}`, stale: true });
    }
    expect(playing.staleLine).toBe(`grey counts: spikes under the weights of step ${playing.lastCountsStep}`);
    expect(playing.note).toContain(`spikes counted under the weights of step ${playing.lastCountsStep}`);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-playing-stale.png') });

    // Pause: the biology runs on by itself until a whole window of the current weights is counted.
    await page.evaluate(() => window.soma!.runner.start());
    await page.getByRole('button', { name: 'Pause' }).click();
    await waitCaughtUp(page);
    const paused = await readShown(page, 0, d);
    expect(paused.current).toBe(true);
    for (let i = 0; i < n; i++) expect(paused.labels[i].stale, `label ${i}`).toBe(false);
    expect(paused.staleLine).toBe('');
    // Inputs carry the value x under current encoding: the value alone, no "/ 0".
    expect(paused.inputEncoding).toBe('current');
    for (let i = 0; i < d; i++) expect(paused.labels[i].text).toBe(paused.activation[i].toFixed(2));
    for (let i = d; i < n; i++) expect(paused.labels[i].text).toBe(`${paused.activation[i].toFixed(2)} / ${paused.lastCounts[i]}`);
    // The hover line says the same pair: rate = count x 1000 / T and the activation.
    const rate = ((paused.lastCounts[d] * 1000) / paused.windowMs).toFixed(0);
    expect(paused.note).toBe(`hidden neuron 0 · rate (Hz) ${rate} · activation ${paused.activation[d].toFixed(3)}`);
    // Caught up, the biology rests: further paused frames run none.
    const again = await readShown(page, 0, d);
    expect(again.bioTimeMs).toBe(paused.bioTimeMs);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-paused-paired.png') });
    await expectAccessible(page, 'paused, pairs current');
    await expectNoErrors(page, errors);
  });

  it('Poisson input: an input shows its value and its rate; the counts catch up after the encoding changes', async () => {
    const { page, errors } = await open('?tMs=200&dataset=moons&train=false');
    await page.getByLabel('Input encoding').selectOption('poisson');
    await expect.poll(() => page.evaluate(() => window.soma!.lab.snapshot.inputEncoding)).toBe('poisson');
    await waitCaughtUp(page);
    const shown = await readShown(page, 0, 0);
    for (let i = 0; i < 2; i++) {
      expect(shown.inputRateHz[i]).toBeGreaterThan(0);
      expect(shown.labels[i]).toEqual({ text: `${shown.activation[i].toFixed(2)} · ${shown.inputRateHz[i].toFixed(0)} Hz`, stale: false });
    }
    expect(shown.note).toBe(`input 0 · Poisson rate (Hz) ${shown.inputRateHz[0].toFixed(0)}`);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-poisson-inputs.png') });
    await expectAccessible(page, 'poisson inputs');
    await expectNoErrors(page, errors);
  });

  it('Korean: the perf meter and the stale step speak Korean', async () => {
    const { page, errors } = await open('?lang=ko&perf=1&tMs=100');
    const overlay = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      // 112 to 144 ms: the first window (T = 100 ms) closed on step 0's weights, the second not yet.
      for (let i = 0; i < 28; i++) await soma.runner.advance(4);
      const ann = soma.stage.ann as unknown as { frame: number };
      for (let i = 0; i < 8; i++) {
        await soma.runner.advance(4);
        if (ann.frame % 8 === 1) break; // this frame wrote the labels
      }
      soma.app.refreshCounters();
      return { perf: document.getElementById('overlay')!.textContent ?? '', stale: soma.stage.ann.staleShown(), step: soma.lab.snapshot.lastCountsStep };
    });
    expect(overlay.stale).toBe(`회색 스파이크 수: 가중치의 스텝 ${overlay.step}`);
    expect(overlay.perf).toMatch(/^JS ms\/프레임 [\d.]+ \([\d.]+\) · 워커 ms [\d.]+ \([\d.]+\)$/);
    expect(overlay.perf).not.toContain('worker');
    await expectAccessible(page, 'korean perf meter');
    await expectNoErrors(page, errors);
  });
});

describe('"Clear points" clears them all', () => {
  it('the data empties, training waits with a note, the planes are blank, no NaN; a click adds a point and trains again', async () => {
    const { page, errors } = await open('?dataset=custom&pts=0.5,0.5,0;-0.5,-0.5,1;0.5,-0.5,0;-0.5,0.5,1');
    await page.evaluate(() => window.soma!.runner.stop());
    const count = (): Promise<number> => page.evaluate(() => window.soma!.lab.snapshot.dataCount);
    expect(await count()).toBe(4);
    await page.getByRole('button', { name: 'Clear points' }).click();
    await expect.poll(count).toBe(0);
    expect(decodeURIComponent(page.url())).not.toContain('pts=');
    const empty = await page.evaluate(async () => {
      const soma = window.soma!;
      await soma.advance(10, 4);
      for (let i = 0; i < 6; i++) await soma.runner.advance(0);
      soma.app.refreshCounters();
      const s = soma.lab.snapshot;
      return {
        trainStep: s.trainStep,
        historyLength: s.historyLength,
        diverged: s.diverged,
        annBlank: s.annRegions.every((c) => c === 255),
        snnBlank: s.snnRegions.every((c) => c === 255),
        note: document.getElementById('probe-note')!.textContent,
        text: document.body.innerText,
      };
    });
    expect(empty).toMatchObject({ trainStep: 0, historyLength: 0, diverged: false, annBlank: true, snnBlank: true });
    expect(empty.note).toBe('No points: add points (click the ANN plane, or paste CSV). Training and the spiking network wait for them.');
    expect(empty.text).not.toMatch(/NaN|undefined|Infinity/);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-cleared-points.png') });
    await expectAccessible(page, 'no points');
    // One click on the plane: one point, and training runs on it.
    const plane = page.getByRole('img', { name: /ANN decision regions/ });
    const box = (await plane.boundingBox())!;
    await plane.click({ position: { x: box.width * 0.3, y: box.height * 0.5 } });
    await expect.poll(count).toBe(1);
    const again = await page.evaluate(async () => {
      const soma = window.soma!;
      await soma.advance(5, 4);
      soma.app.refreshCounters();
      return { trainStep: soma.lab.snapshot.trainStep, note: document.getElementById('probe-note')!.textContent };
    });
    expect(again.trainStep).toBe(20);
    expect(again.note).not.toContain('No points');
    await expectNoErrors(page, errors);
  });
});

describe('the tour drives the view: the neuron step opens the inspector, the spike steps slow the biology', () => {
  it('step 8 opens the inspector on hidden neuron h[0] with dendrites, soma and axon; 1 ms per frame and a 20 ms delay; step 9 closes it', async () => {
    const { page, errors } = await open('?tour=8');
    await page.waitForFunction(() => window.soma!.app.teachingParts()!.tour.framed >= 1);
    await expect.poll(() => page.isVisible('#inspector')).toBe(true);
    expect(await page.textContent('#inspector-title')).toBe('Hidden neuron h[0]');
    const parts = await page.evaluate(() => Array.from(document.querySelectorAll('#inspector [data-part]')).map((e) => e.getAttribute('data-part')));
    expect(parts.sort()).toEqual(['axon', 'axon', 'dendrite', 'dendrite', 'soma', 'soma']); // both sides: the neuron and the unit
    const q = new URL(page.url()).searchParams;
    expect([q.get('speed'), q.get('delayMs')]).toEqual(['1', '20']);
    // A spike's dot travels down its axon over 20 frames of 1 ms: it is on screen for 20 frames, not a fraction of one.
    const track = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      let flight: { neuron: number; spikeMs: number } | undefined;
      for (let i = 0; i < 300 && !flight; i++) {
        await soma.runner.advance(1);
        const now = soma.lab.snapshot.bioTimeMs;
        flight = soma.stage.bio.flights().find((f) => now - f.spikeMs === 1);
      }
      if (!flight) return null;
      let frames = 0;
      for (let i = 0; i < 40; i++) {
        if (!soma.stage.bio.flights().some((g) => g.neuron === flight!.neuron && g.spikeMs === flight!.spikeMs)) break;
        frames++;
        await soma.runner.advance(1);
      }
      return frames;
    });
    expect(track, 'a spike dot appeared').not.toBeNull();
    expect(track).toBeGreaterThanOrEqual(18);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-tour-neuron-inspector.png') });
    await expectAccessible(page, 'tour step 8 with the inspector');
    await page.click('#tour-next');
    await page.waitForFunction(() => window.soma!.app.teachingParts()!.tour.framed >= 2);
    await expect.poll(() => page.isVisible('#inspector')).toBe(false);
    await expectNoErrors(page, errors);
  });
});

describe('spikes visibly travel at default settings; the ANN sweeps read as direction', () => {
  it('a spike lights its axon and the trail stays for several frames, fading by 0.75 a frame; forward runs left to right, backward right to left, labelled', async () => {
    const { page, errors } = await open('');
    const r = await page.evaluate(async () => {
      const soma = window.soma!;
      soma.runner.stop();
      await soma.runner.settle();
      const bio = soma.stage.bio;
      // Default settings: 4 ms of biology per frame and a 2 ms delay, so a dot arrives within its first frame.
      const frames: { spiked: number[]; dots: number; trails: { neuron: number; alpha: number; length: number; axon: number }[] }[] = [];
      for (let f = 0; f < 40; f++) {
        await soma.runner.advance(soma.runner.speed);
        const s = soma.lab.snapshot;
        const spiked: number[] = [];
        for (let i = 0; i < s.spikedThisFrame.length; i++) if (s.spikedThisFrame[i]) spiked.push(i);
        frames.push({ spiked, dots: bio.flights().length, trails: bio.trailsShown() });
      }
      // The ANN: one sweep per training step, read frame by frame.
      const ann = soma.stage.ann;
      const sweep: { text: string; x: number }[] = [];
      for (let i = 0; i < 110; i++) {
        await soma.runner.advance(soma.runner.speed, false);
        const s = ann.sweepShown();
        if (s && (sweep.length === 0 || sweep[sweep.length - 1].text !== s.text || sweep[sweep.length - 1].x !== s.x)) sweep.push(s);
      }
      return { frames, sweep, columns: ann.columns(), delay: soma.lab.snapshot.delayMs, speed: soma.runner.speed };
    });
    expect([r.delay, r.speed]).toEqual([2, 4]);
    const spikes = r.frames.reduce((n, f) => n + f.spiked.length, 0);
    expect(spikes).toBeGreaterThan(0);
    // Each spike's axon stays lit for the 8 frames after it (0.9 x 0.75^n >= 5% for n <= 10).
    for (let f = 0; f < r.frames.length; f++) {
      for (const i of r.frames[f].spiked) {
        for (let g = f; g < Math.min(f + 9, r.frames.length); g++) expect(r.frames[g].trails.some((t) => t.neuron === i), `neuron ${i} spiked at frame ${f}, trail at ${g}`).toBe(true);
      }
    }
    // Without a new spike the trail fades by 0.75 a frame, along the whole axon (the spike was delivered).
    let fades = 0;
    for (let f = 1; f < r.frames.length; f++) {
      for (const t of r.frames[f].trails) {
        const before = r.frames[f - 1].trails.find((u) => u.neuron === t.neuron);
        if (!before || r.frames[f].spiked.includes(t.neuron)) continue;
        expect(t.alpha).toBeCloseTo(0.75 * before.alpha, 9);
        expect(t.length).toBeCloseTo(t.axon, 9);
        fades++;
      }
    }
    expect(fades).toBeGreaterThan(0);
    // The sweep: forward between inputs and hidden, then hidden and outputs; backward the other way.
    const [c0, c1, c2] = r.columns;
    const start = r.sweep.findIndex((s) => s.text === 'forward →' && s.x === (c0 + c1) / 2);
    expect(start).toBeGreaterThanOrEqual(0);
    expect(r.sweep.slice(start, start + 4)).toEqual([
      { text: 'forward →', x: (c0 + c1) / 2 },
      { text: 'forward →', x: (c1 + c2) / 2 },
      { text: '← backward', x: (c1 + c2) / 2 },
      { text: '← backward', x: (c0 + c1) / 2 },
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'classroom2-spike-trails.png') });
    await expectAccessible(page, 'spike trails');
    await expectNoErrors(page, errors);
  });
});
