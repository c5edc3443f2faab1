/**
 * What one seed gives in Node and in Chromium, side by side (the claim of src/core/random.ts):
 * the random integer streams, the uniform floats, the seeded connectivity and spike counts are
 * identical bit for bit; results that pass through Math.exp/log (normal draws, trained weights)
 * agree to 1e-12 relative and are reported where they differ in the last bits.
 */
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ROOT, launchChromium } from './harness';
import { probe, type ProbeResult } from './determinism-probe';

/** The probe bundled as one classic script (no imports, no DOM) for a blank page. */
async function bundleProbe(): Promise<string> {
  const out = await build({
    root: ROOT, configFile: false, logLevel: 'warn',
    build: {
      write: false, minify: false, emptyOutDir: false,
      lib: { entry: `${ROOT}/e2e/determinism-probe.ts`, formats: ['iife'], name: 'SomaProbe', fileName: 'probe' },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const chunk = outputs[0].output.find((o) => o.type === 'chunk');
  if (!chunk?.code) throw new Error('no bundle');
  return chunk.code;
}

/** Largest relative difference of two equally long arrays. */
function maxRelDiff(a: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) m = Math.max(m, Math.abs(a[i] - b[i]) / Math.max(Math.abs(a[i]), Math.abs(b[i])));
  return m;
}

describe('determinism across engines: Node against Chromium on the same seeds', () => {
  let browser: Browser;
  let node: ProbeResult;
  let chrome: ProbeResult;
  beforeAll(async () => {
    node = probe();
    const code = await bundleProbe();
    browser = await launchChromium();
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('about:blank');
    await page.addScriptTag({ content: code });
    if (errors.length) throw new Error(`the probe failed to load in Chromium: ${errors[0]}`);
    chrome = await page.evaluate(() => (globalThis as unknown as { SomaProbe: { probe(): ProbeResult } }).SomaProbe.probe());
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the random integer streams and uniform floats are identical bit for bit', () => {
    expect(chrome.uint32).toEqual(node.uint32);
    expect(chrome.uniform).toEqual(node.uniform);
  });
  it('seeded connectivity and spike counts are identical (LIF f-I counts, CUBA synapses and spikes)', () => {
    expect(chrome.lifCounts).toEqual(node.lifCounts);
    expect(chrome.cuba).toEqual(node.cuba);
    expect(node.cuba.spikes).toBeGreaterThan(0);
  });
  it('results through Math.log/exp (normal draws, trained weights) agree to 1e-12 relative', () => {
    const normal = maxRelDiff(chrome.normal, node.normal);
    const weights = maxRelDiff(chrome.weights, node.weights);
    console.info(`determinism: normal draws differ by ${normal.toExponential(2)} relative at most, weights after 40 iterations by ${weights.toExponential(2)}`);
    expect(normal).toBeLessThan(1e-12);
    expect(weights).toBeLessThan(1e-12);
  });
});
