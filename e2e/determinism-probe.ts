/**
 * What one seed gives, computed the same way in Node and in a browser (determinism.test.ts runs
 * this file in both): the random integer streams, the seeded connectivity, spike counts and
 * trained weights. DOM-free and self-contained so it can be bundled for a blank page.
 */
import { runCuba } from '../src/core/bio/cuba';
import { resolveModel } from '../src/core/bio/models';
import { runNeuron } from '../src/core/bio/single';
import { spiral } from '../src/core/data/generated';
import { train } from '../src/core/ann/train';
import { Rng } from '../src/core/random';

export interface ProbeResult {
  /** First 256 nextUint32 draws for seeds 0, 1, 2^32 - 1. */
  uint32: number[];
  /** 64 uniform floats in [0, 1) for seed 7 (integer arithmetic and one exact division). */
  uniform: number[];
  /** 64 standard normal draws for seed 7 (through Math.log: engine-dependent in the last bit). */
  normal: number[];
  /** Spike count of each current of an LIF f-I curve (exact exponential integration). */
  lifCounts: number[];
  /** CUBA, 1,000 neurons for 200 ms, seed 3: synapses (seeded connectivity) and spikes. */
  cuba: { synapses: number; spikes: number };
  /** The 2-layer net's weights after 40 iterations on the spiral (seed 1). */
  weights: number[];
}

export function probe(): ProbeResult {
  const uint32: number[] = [];
  for (const seed of [0, 1, 2 ** 32 - 1]) {
    const r = new Rng(seed);
    for (let i = 0; i < 256; i++) uint32.push(r.nextUint32());
  }
  const u = new Rng(7);
  const uniform = Array.from({ length: 64 }, () => u.random());
  const g = new Rng(7);
  const normal = Array.from({ length: 64 }, () => g.normal());
  const lif = resolveModel('lif', undefined, {});
  const lifCounts = [16, 20, 25, 30, 40].map((i) => runNeuron(lif, i, 500, 0.1).nSpikes);
  const c = runCuba({ neurons: 1000, durationMs: 200, dtMs: 0.1, seed: 3 });
  const ds = spiral({ seed: 1 });
  const net = train({ hidden: 20, iters: 40, seed: 1 }, { train: ds }).network;
  const weights = net.layers.flatMap((l) => [...l.weights.flat(), ...l.bias]);
  return { uint32, uniform, normal, lifCounts, cuba: { synapses: c.synapses, spikes: c.spikes }, weights };
}
