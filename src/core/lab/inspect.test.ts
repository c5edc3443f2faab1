import { describe, expect, it } from 'vitest';
import { makeTrainerPort } from './engines';
import { Lab } from './lab';
import { defaultSettings, type Settings } from './settings';

function lab(patch: Partial<Settings> = {}): Lab {
  return new Lab({ ...defaultSettings(), dataset: 'moons', hidden: 6, ...patch }, makeTrainerPort);
}

/**
 * Steps the lab one frame (1 training step, 1 ms) at a time and checks, for unit j of `layer`,
 * that the spiking dendrite's sum is the input its IF soma integrated: V_after - V_before plus
 * the threshold (1) when it fired. Frames that start a new window (a new probe network) are skipped.
 */
function checkIntegrated(l: Lab, layer: 1 | 2, frames: number): { checked: number; arrivals: number; fired: number } {
  const s = l.snapshot;
  const [d, h] = s.sizes;
  const count = layer === 1 ? h : s.sizes[2];
  const off = layer === 1 ? d : d + h;
  let checked = 0, arrivals = 0, fired = 0;
  for (let f = 0; f < frames; f++) {
    const before = Float64Array.from(s.v.subarray(off, off + count));
    const window = s.windowStartMs;
    l.frame(1);
    if (s.windowStartMs !== window) continue;
    for (let j = 0; j < count; j++) {
      const pair = l.inspect(layer, j);
      const spiked = s.spikedThisFrame[off + j];
      expect(pair.bio!.dendrite.sum).toBeCloseTo(s.v[off + j] + spiked - before[j], 12);
      expect(pair.bio!.soma.value).toBe(s.v[off + j]);
      for (const x of pair.bio!.dendrite.inputs) if (x.value > 0) arrivals += x.value; // spikes delivered (Poisson or hidden)
      fired += spiked;
      checked++;
    }
  }
  return { checked, arrivals, fired };
}

describe('the inspector: one unit as a neuron of three parts on both sides', () => {
  it('ANN hidden unit: dendrite sum = w.x + b of the shown inputs, axon = relu(sum) = the trainer\'s activation', () => {
    const l = lab();
    for (let f = 0; f < 5; f++) l.frame(3);
    const s = l.snapshot;
    const [d, h] = s.sizes;
    for (let j = 0; j < h; j++) {
      const { ann } = l.inspect(1, j);
      let z = ann.dendrite.bias;
      for (const x of ann.dendrite.inputs) z += x.weight * x.value;
      expect(ann.dendrite.bias).toBe(s.b1[j]);
      expect(ann.dendrite.inputs.map((x) => x.value)).toEqual([...s.probe]);
      expect(ann.dendrite.sum).toBe(z);
      expect(ann.axon.value).toBe(Math.max(0, z));
      expect(ann.axon.value).toBe(s.activation[d + j]);
    }
    // output unit: identity axon, the trainer's score
    const { ann } = l.inspect(2, 1);
    expect(ann.axon.value).toBe(s.activation[d + h + 1]);
    expect(ann.dendrite.inputs.map((x) => x.source)).toEqual(Array.from({ length: h }, (_, q) => `h[${q}]`));
  });

  it('spiking hidden neuron, current encoding: x W + b split back into input currents; sum = what V integrated', () => {
    const l = lab({ train: false });
    const r = checkIntegrated(l, 1, 60);
    expect(r.checked).toBeGreaterThan(300);
    expect(r.fired).toBeGreaterThan(0);
    const pair = l.inspect(1, 0);
    const bio = pair.bio!;
    expect(bio.dendrite.inputs.map((x) => x.source)).toEqual(['x[0]', 'x[1]']);
    expect(bio.dendrite.inputs.map((x) => x.value)).toEqual([...l.snapshot.probe]);
    expect(bio.soma).toMatchObject({ model: 'if-subtract', stateName: 'v', unit: 'threshold units' });
    expect(bio.axon.kind).toBe('spikes');
    expect(bio.axon.rateHz).toBe((bio.axon.value * 1000) / bio.axon.windowMs!);
    expect(pair.bioStep).toBe(l.snapshot.probeStep);
  });

  it('Poisson encoding: the input spikes arrive through synapses x[i]; output neurons hear h[j]; sums = what V integrated', () => {
    const l = lab({ train: false, encoding: 'poisson' });
    const hid = checkIntegrated(l, 1, 50);
    expect(hid.arrivals).toBeGreaterThan(10);
    const out = checkIntegrated(l, 2, 50);
    expect(out.checked).toBeGreaterThan(50);
    expect(out.arrivals).toBeGreaterThan(0);
  });

  it('LIF neurons show mV; sigmoid has no spiking twin (bio null, the ANN side still shown)', () => {
    const l = lab({ train: false, neuron: 'lif' });
    l.frame(5);
    const bio = l.inspect(1, 2).bio!;
    expect(bio.soma).toMatchObject({ model: 'lif', unit: 'mV' });
    expect(bio.dendrite.unit).toBe('mV (drive R*I)');
    const sig = lab({ activation: 'sigmoid' });
    sig.frame(2);
    const pair = sig.inspect(1, 0);
    expect(pair.bio).toBeNull();
    expect(pair.ann.axon).toMatchObject({ kind: 'activation', activation: 'sigmoid' });
    expect(() => sig.inspect(1, 6)).toThrow(/unit = 6/);
  });
});
