import { describe, expect, it } from 'vitest';
import { lifRate } from '../bio/rate';
import { fiExperiment } from './fi';
import { fitRelu } from './relu-fit';

describe('f-I experiment', () => {
  const curves = fiExperiment({ durationMs: 500 });

  it('runs every soma model, with the twins beside and a consistent fit', () => {
    expect(curves.map((c) => c.model)).toEqual(['lif', 'izhikevich', 'hh', 'relu']);
    for (const c of curves) {
      const sse = c.points.reduce((s, p) => s + (p.rateHz - p.fittedReluHz) ** 2, 0);
      expect(Math.sqrt(sse / c.points.length)).toBeCloseTo(c.fit.rmseHz, 9);
      expect(c.points[0].rateHz).toBe(0); // every model is silent at its lowest current
    }
  });

  it('spiking ReLU: the fitted ReLU is relu itself (threshold 0, slope 1)', () => {
    const relu = curves.find((c) => c.model === 'relu')!;
    expect(relu.fit.threshold).toBeCloseTo(0, 6);
    expect(relu.fit.slope).toBeCloseTo(1, 3);
    expect(relu.fit.relativeError).toBeLessThan(1e-3);
  });

  it('LIF: the fit to the spiking curve is the fit to the closed-form LIF rate', () => {
    const lif = curves.find((c) => c.model === 'lif')!;
    const closed = fitRelu(lif.points.map((p) => p.current), lif.points.map((p) => lifRate(p.current)));
    expect(lif.fit.threshold).toBeCloseTo(closed.threshold, 1);
    expect(lif.fit.slope / closed.slope).toBeCloseTo(1, 2);
    for (const p of lif.points) expect(p.lifRateHz).toBe(lifRate(p.current));
    // LIF bends over (refractory saturation): a ReLU misses it by several percent of the top rate.
    expect(lif.fit.relativeError).toBeGreaterThan(0.02);
  });

  it('refuses an unknown model, naming it', () => {
    expect(() => fiExperiment({ models: ['adex'] })).toThrow(/^model = "adex" is not allowed/);
  });
});
