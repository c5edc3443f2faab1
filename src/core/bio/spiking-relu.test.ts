import { describe, expect, it } from 'vitest';
import { relu } from './rate';
import { firedBuffer } from './soma';
import { SpikingReluSoma } from './spiking-relu';

describe('spiking ReLU', () => {
  it('fires at exactly relu(x) Hz: floor(relu(x) T) spikes in T seconds', () => {
    const xs = [-50, -1, 0, 0.5, 3, 17, 42.5, 99, 250, 1000];
    const soma = new SpikingReluSoma(xs.length);
    const input = Float64Array.from(xs);
    const fired = firedBuffer(xs.length);
    const counts = new Int32Array(xs.length);
    const dt = 0.1;
    for (let n = 0; n < 20000; n++) {
      const k = soma.step(dt, n * dt, input, fired);
      for (let j = 0; j < k; j++) counts[fired.indices[j]]++;
    }
    // T = 2 s; the phase v carries the remainder, so the count is exact up to rounding of v
    xs.forEach((x, i) => expect(Math.abs(counts[i] - Math.floor(relu(x) * 2 + 1e-9))).toBeLessThanOrEqual(1));
  });

  it('puts the spike where the phase reaches 1 inside the step', () => {
    const soma = new SpikingReluSoma(1);
    const fired = firedBuffer(1);
    const input = new Float64Array([400]); // reaches 1 at 2.5 ms
    let t = NaN;
    for (let n = 0; n < 100 && Number.isNaN(t); n++) if (soma.step(0.3, n * 0.3, input, fired)) t = n * 0.3 + fired.offsetsMs[0];
    expect(t).toBeCloseTo(2.5, 9);
  });

  it('fires at the start of the step when a delta jump already put the phase at or above 1', () => {
    const soma = new SpikingReluSoma(2);
    const fired = firedBuffer(2);
    soma.v[0] = 1.5; // e.g. after a delta synapse
    soma.v[1] = 1.2;
    const k = soma.step(0.1, 0, Float64Array.from([0, -3]), fired);
    expect(k).toBe(2);
    expect(Array.from(fired.offsetsMs.subarray(0, 2))).toEqual([0, 0]);
    expect(soma.v[0]).toBeCloseTo(0.5, 12);
  });
});
