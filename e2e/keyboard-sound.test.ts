/**
 * The keyboard and spikes as sound at 1280x800, in Chromium, on one page: Tab reaches the
 * spiking scene, the arrow keys move a visible ring between neurons (per layer; the page's own
 * arrow-key step does not fire), a live region says which neuron with its rate, Enter opens the
 * inspector on it; on the ANN plane the arrows move a cursor (0.05, Shift 0.25) and Enter sets the
 * probe. The sound runs against a spy AudioContext (installed before the page's scripts): none
 * is made before the speaker is pressed; once on, each spike of the selected neuron in the spike
 * ring gets one click scheduled on the audio clock (or is counted as dropped by the 200 /s cap),
 * none while paused. axe-core: no serious or critical violation in the states tested.
 * Built into its own directory (never shared with another browser test running in parallel).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT, expectAccessible, expectNoErrors, openPage, servedPage } from './harness';

const app = servedPage();
const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');

/** A spy in place of Web Audio: counts contexts, records each buffer source's start time. */
const FAKE_AUDIO = `
  window.__audio = { created: 0, starts: [] };
  class FakeParam { constructor() { this.value = 1; } }
  class FakeNode { connect() {} disconnect() {} }
  class FakeGain extends FakeNode { constructor() { super(); this.gain = new FakeParam(); } }
  class FakeSource extends FakeNode { constructor() { super(); this.buffer = null; } start(when) { window.__audio.starts.push(when); } }
  class FakeAudioContext {
    constructor() { window.__audio.created++; this.sampleRate = 44100; this.destination = new FakeNode(); this.t0 = performance.now(); this.state = 'running'; }
    get currentTime() { return (performance.now() - this.t0) / 1000; }
    createGain() { return new FakeGain(); }
    createBuffer(ch, n) { const d = new Float32Array(n); return { length: n, getChannelData: () => d }; }
    createBufferSource() { return new FakeSource(); }
    resume() { return Promise.resolve(); }
    suspend() { return Promise.resolve(); }
    close() { return Promise.resolve(); }
  }
  window.AudioContext = FakeAudioContext;
`;

/** The ring's centre and the focused neuron's centre, in page pixels. */
function ringAndNeuron(page: Page, scene: 'bio' | 'ann') {
  return page.evaluate((w) => {
    const soma = window.soma!;
    const host = document.getElementById(`${w}-scene`)!;
    const ring = host.querySelector<HTMLElement>('.neuron-focus')!;
    const rr = ring.getBoundingClientRect();
    const i = soma.app.access!.keys.focused;
    const p = w === 'bio' ? soma.stage.bio.somaPosition(i) : soma.stage.ann.nodePosition(i);
    const c = (w === 'bio' ? soma.stage.bioApp : soma.stage.annApp).canvas.getBoundingClientRect();
    return { visible: !ring.hidden && rr.width > 0, ring: { x: rr.left + rr.width / 2, y: rr.top + rr.height / 2 }, neuron: { x: c.left + p.x, y: c.top + p.y }, i };
  }, scene);
}

describe('keyboard in the scenes and planes, and spikes as sound (1280x800)', () => {
  it('arrows move between neurons with a ring and a spoken line, Enter inspects; arrows move the probe cursor; clicks follow the spike ring', async () => {
    const { page, errors } = await openPage(app.browser, app.base, { width: 1280, height: 800 }, { initScript: FAKE_AUDIO });
    await page.evaluate(() => window.soma!.advance(40, 4));
    expect(await page.evaluate(() => (window as unknown as { __audio: { created: number } }).__audio.created)).toBe(0); // no AudioContext before a gesture
    await expectAccessible(page, 'start');

    // Tab from the last settings control reaches the spiking scene's PNG button, then the scene (the closed circuit panel is skipped).
    await page.evaluate(() => {
      const f = [...document.querySelectorAll<HTMLElement>('#controls input, #controls select, #controls textarea, #controls button')].filter((e) => e.offsetParent !== null);
      f[f.length - 1].focus();
    });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/PNG/);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('bio-scene');
    const [d, h, k] = await page.evaluate(() => [...window.soma!.lab.snapshot.sizes]);
    const step0 = await page.evaluate(() => window.soma!.lab.snapshot.trainStep);
    for (let q = 0; q < 3; q++) await page.keyboard.press('ArrowDown');
    let r = await ringAndNeuron(page, 'bio');
    expect(r.i).toBe(d + 3);
    expect(r.visible).toBe(true);
    expect(Math.hypot(r.ring.x - r.neuron.x, r.ring.y - r.neuron.y)).toBeLessThan(2);
    expect(await page.evaluate(() => window.soma!.stage.selected)).toBe(d + 3);
    await expect.poll(() => page.textContent('#focus-live')).toMatch(/^hidden neuron 3 · rate \(Hz\) (\d+|…) · activation -?\d+\.\d{3}$/);
    expect(await page.getAttribute('#focus-live', 'aria-live')).toBe('polite');
    // Right goes to the output layer at the same height; the page's own ArrowRight (a training step) does not fire.
    await page.keyboard.press('ArrowRight');
    r = await ringAndNeuron(page, 'bio');
    expect(r.i).toBe(d + h + Math.min(k - 1, Math.floor((3.5 / h) * k)));
    expect(await page.evaluate(() => window.soma!.lab.snapshot.trainStep)).toBe(step0);
    await expect.poll(() => page.textContent('#focus-live')).toMatch(/^output neuron \d/);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('End');
    expect((await ringAndNeuron(page, 'bio')).i).toBe(d + h - 1);
    await page.keyboard.press('ArrowUp');
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-scene-1280x800.png') });
    await expectAccessible(page, 'scene focused');
    // Enter opens the inspector on the focused neuron; Escape closes it and focus stays in the scene.
    await page.keyboard.press('Enter');
    await expect.poll(() => page.textContent('#inspector-title')).toBe(`Hidden neuron h[${h - 2}]`);
    expect(await page.isVisible('#inspector')).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.isVisible('#inspector')).toBe(false);

    // The ANN scene takes focus too (Tab order: the spiking scene's button, then the ANN scene).
    await page.focus('#ann-scene');
    await page.keyboard.press('ArrowDown');
    r = await ringAndNeuron(page, 'ann');
    expect(r.visible).toBe(true);
    expect(Math.hypot(r.ring.x - r.neuron.x, r.ring.y - r.neuron.y)).toBeLessThan(2);

    // The ANN plane: arrows move a cursor, Enter sets the probe there.
    const p0 = await page.evaluate(() => [...window.soma!.lab.snapshot.probe]);
    await page.focus('#ann-regions canvas');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowUp');
    const want = [Math.round(Math.min(1, p0[0] + 0.1) * 1000) / 1000, Math.round(Math.min(1, p0[1] + 0.25) * 1000) / 1000];
    await expect.poll(() => page.textContent('#focus-live')).toBe(`cursor x ${want[0].toFixed(2)}, y ${want[1].toFixed(2)}`);
    expect(await page.evaluate(() => [...window.soma!.lab.snapshot.probe])).toEqual(p0); // not yet set
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => [...window.soma!.lab.snapshot.probe])).toEqual(want);
    expect(await page.textContent('#focus-live')).toBe(`probe set at x ${want[0].toFixed(2)}, y ${want[1].toFixed(2)}`);
    const cursor = await page.evaluate(() => {
      const c = document.querySelector('#ann-regions canvas')!.getBoundingClientRect();
      const x = document.querySelector('#ann-regions .plane-cursor')!.getBoundingClientRect();
      return { cx: (x.left + x.right) / 2, cy: (x.top + x.bottom) / 2, left: c.left, top: c.top, w: c.width, h: c.height };
    });
    expect(cursor.cx).toBeCloseTo(cursor.left + ((want[0] + 1) / 2) * cursor.w, 0);
    expect(cursor.cy).toBeCloseTo(cursor.top + ((1 - want[1]) / 2) * cursor.h, 0);
    await page.screenshot({ path: join(ARTIFACTS, 'keyboard-plane-1280x800.png') });
    await expectAccessible(page, 'plane focused');

    // Sound: the speaker has an accessible name and is off; a press (a user gesture) makes the context.
    const speaker = page.getByRole('button', { name: /Spike sound/ });
    expect(await speaker.getAttribute('aria-pressed')).toBe('false');
    // The hidden neuron that fires most at this probe.
    await page.evaluate(() => window.soma!.advance(60, 4));
    const target = await page.evaluate(() => {
      const s = window.soma!.lab.snapshot;
      let best = s.offsets[1];
      for (let i = s.offsets[1]; i < s.offsets[2]; i++) if (s.lastCounts[i] > s.lastCounts[best]) best = i;
      return best;
    });
    await page.evaluate((i) => (window.soma!.stage.selected = i), target);
    await speaker.click();
    expect(await speaker.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __audio: { created: number } }).__audio.created)).toBe(1);
    await page.evaluate(() => window.soma!.runner.setPlaying(true));
    await page.evaluate(() => window.soma!.advance(1, 4)); // the first frame listens from here
    const head0 = await page.evaluate(() => window.soma!.lab.snapshot.spikeHead);
    await page.evaluate(() => window.soma!.advance(30, 4));
    const got = await page.evaluate((i) => {
      const s = window.soma!.lab.snapshot;
      return { head: s.spikeHead, starts: (window as unknown as { __audio: { starts: number[] } }).__audio.starts, dropped: window.soma!.app.access!.sound.dropped, i };
    }, target);
    // The oracle: the neuron's spikes written into the ring over those frames, read here on their own.
    const spikes = await page.evaluate(([i, from, to]) => {
      const s = window.soma!.lab.snapshot;
      const cap = s.spikeNeuron.length;
      let n = 0;
      for (let e = from; e < to; e++) if (s.spikeNeuron[e % cap] === i) n++;
      return n;
    }, [target, head0, got.head] as const);
    const rateHz = await page.evaluate((i) => { const s = window.soma!.lab.snapshot; return (s.lastCounts[i] * 1000) / s.windowMs; }, target);
    // The figures the README quotes (one JSON line).
    console.log(JSON.stringify({ sound: { neuron: target - d, rateHz, frames: 30, bioMs: 120, spikes, clicks: got.starts.length, dropped: got.dropped, audioS: got.starts.length > 1 ? got.starts[got.starts.length - 1] - got.starts[0] : 0 } }));
    expect(got.head - head0).toBeLessThan(8192);
    expect(spikes).toBeGreaterThan(0);
    expect(got.starts.length + got.dropped).toBe(spikes);
    for (let q = 1; q < got.starts.length; q++) expect(got.starts[q] - got.starts[q - 1]).toBeGreaterThanOrEqual(1 / 200 - 1e-9);
    await expect.poll(() => page.textContent('#sound-note')).toMatch(new RegExp(`^Clicks: hidden neuron ${target - d}`));
    // Paused: silent.
    await page.evaluate(() => window.soma!.runner.setPlaying(false));
    const n0 = got.starts.length;
    await page.evaluate(() => window.soma!.advance(10, 0));
    expect(await page.evaluate(() => (window as unknown as { __audio: { starts: number[] } }).__audio.starts.length)).toBe(n0);
    expect(await page.textContent('#sound-note')).toMatch(/plays while running/);
    await expectAccessible(page, 'sound on');
    await speaker.click();
    expect(await speaker.getAttribute('aria-pressed')).toBe('false');
    // The S key toggles it too (presenter mode hides the bar's buttons); the context is reused.
    await page.keyboard.press('s');
    expect(await speaker.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => (window as unknown as { __audio: { created: number } }).__audio.created)).toBe(1);
    await expectNoErrors(page, errors);
    await page.context().close();
  }, 240_000);
});
