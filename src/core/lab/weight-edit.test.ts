import { describe, expect, it } from 'vitest';
import { forwardInto } from '../ann/forward';
import { ParameterError } from '../errors';
import { makeTrainerPort } from './engines';
import { Lab } from './lab';
import { LabClient } from './lab-client';
import { LabService } from './lab-service';
import { defaultSettings, type Settings } from './settings';
import { WEIGHT_LIMIT, checkWeight, edgeName, unitName } from './weight-edit';

function lab(patch: Partial<Settings> = {}): Lab {
  const l = new Lab({ ...defaultSettings(), hidden: 5, ...patch }, makeTrainerPort);
  for (let i = 0; i < 20; i++) l.frame(5);
  return l;
}

describe('naming and checking an edge', () => {
  it('units and edges in the course\'s notation, for one hidden layer and for several', () => {
    expect(edgeName([2, 8, 3], { layer: 0, from: 1, to: 2 })).toBe('W1[1][2] (x[1] → h[2])');
    expect(edgeName([2, 8, 3], { layer: 1, from: 7, to: 0 })).toBe('W2[7][0] (h[7] → s[0])');
    expect(unitName([2, 4, 4, 3], 2, 0)).toBe('h2[0]');
  });

  it('a weight outside the range, not finite or not a number is refused naming the weight, the value and the range', () => {
    const e = { layer: 0, from: 0, to: 1 };
    for (const bad of [WEIGHT_LIMIT + 1, -1e9, NaN, Infinity, '0.5']) {
      let err: unknown;
      try { checkWeight([2, 5, 3], e, bad); } catch (x) { err = x; }
      expect(err).toBeInstanceOf(ParameterError);
      const p = err as ParameterError;
      expect(p.parameter).toBe('W1[0][1] (x[0] → h[1])');
      expect(p.allowed).toBe(`a number from ${-WEIGHT_LIMIT} to ${WEIGHT_LIMIT}`);
    }
    expect(checkWeight([2, 5, 3], e, -WEIGHT_LIMIT)).toBe(-WEIGHT_LIMIT);
  });
});

describe('setting a weight in the lab', () => {
  it('the ANN takes it (scores = forwardInto of the edited weights), the spiking twin\'s synapse becomes w times the conversion\'s scale', () => {
    for (const [edge, v] of [[{ layer: 0, from: 1, to: 3 }, 1.25], [{ layer: 1, from: 2, to: 0 }, -2.5]] as const) {
      const l = lab();
      const s = l.snapshot;
      const [d, h, k] = s.sizes;
      const versions = { w: s.weightsVersion, probe: s.probeVersion };
      const w1 = s.w1.slice(), w2 = s.w2.slice();
      (edge.layer === 0 ? w1 : w2)[edge.from * s.sizes[edge.layer + 1] + edge.to] = v;
      l.setWeight(edge, v);
      // the ANN: exactly the edited matrix, every other weight untouched
      expect(Array.from(s.w1)).toEqual(Array.from(w1));
      expect(Array.from(s.w2)).toEqual(Array.from(w2));
      expect(s.weightsVersion).toBeGreaterThan(versions.w);
      expect(s.probeVersion).toBeGreaterThan(versions.probe);
      const hidden = new Float64Array(h), scores = new Float64Array(k);
      forwardInto([{ inputs: d, outputs: h, weights: w1, bias: s.b1 }, { inputs: h, outputs: k, weights: w2, bias: s.b2 }], 'relu', s.probe, 1, [hidden, scores]);
      for (let j = 0; j < k; j++) expect(s.activation[d + h + j]).toBe(scores[j]);
      // the spiking twin (current encoding: the input's spike value is 1): W_l lambda_{l-1} / lambda_l
      const net = l.converted!;
      const lam = net.scales as number[];
      // lambda_1, lambda_2 of the edited network: the largest hidden activation and score on the training data (max norm)
      const tr = l.train, th = new Float64Array(tr.n * h), ts = new Float64Array(tr.n * k);
      forwardInto([{ inputs: d, outputs: h, weights: w1, bias: s.b1 }, { inputs: h, outputs: k, weights: w2, bias: s.b2 }], 'relu', tr.x, tr.n, [th, ts]);
      expect(lam[0]).toBe(Math.max(...th));
      expect(lam[1]).toBe(Math.max(...ts));
      const scale = edge.layer === 0 ? 1 / lam[0] : lam[0] / lam[1];
      const syn = net.layers[edge.layer].weights[edge.from * s.sizes[edge.layer + 1] + edge.to];
      expect(Math.abs(syn - v * scale)).toBeLessThanOrEqual(1e-15 * Math.abs(v * scale));
      // the network file (what the project file saves) carries it
      expect(l.networkFile().layers[edge.layer].weights[edge.from][edge.to]).toBe(v);
      // and training goes on from it
      l.frame(1);
      expect(Math.abs(l.snapshot.w1[0] - w1[0]) + Math.abs(l.snapshot.w2[0] - w2[0])).toBeGreaterThan(0);
    }
  });

  it('a refusal over the service leaves everything as it was and comes back as the same ParameterError', async () => {
    const service = new LabService(makeTrainerPort);
    const client = await LabClient.connect(service, { ...defaultSettings(), hidden: 5 });
    await client.frames(5, 4);
    const before = structuredClone(client.snapshot);
    await expect(client.setWeight({ layer: 0, from: 0, to: 0 }, 1e6)).rejects.toThrow('W1[0][0] (x[0] → h[0]) = 1000000 is not allowed: expected a number from -50 to 50');
    await expect(client.setWeight({ layer: 2, from: 0, to: 0 }, 1)).rejects.toThrow(/edge\.layer = 2/);
    await expect(client.setWeight({ layer: 1, from: 5, to: 0 }, 1)).rejects.toThrow(/edge\.from = 5/);
    expect(client.snapshot.w1).toEqual(before.w1);
    expect(client.snapshot.weightsVersion).toBe(before.weightsVersion);
    const s = await client.setWeight({ layer: 0, from: 0, to: 0 }, 0.5);
    expect(s.w1[0]).toBe(0.5);
  });
});
