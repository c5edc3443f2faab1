/**
 * A fast subset of the soma-model sweep (scripts/soma/sweep.ts, committed output sweep.json):
 * iris, a small network, short windows. The aims checked here are the README's: the spiking network
 * of a model within 2 points of its own ANN, its hidden rates standing for the activations.
 */
import { describe, expect, it } from 'vitest';
import { runSomaExperiment } from './soma-experiment';

describe('real neurons carry the network (iris, 16 hidden, 400 iterations, f-I over 200 ms)', () => {
  for (const soma of ['lif', 'izhikevich:FS']) {
    it(`${soma}: the spiking network reaches its own ANN's accuracy within 2 points by 200 ms; rates follow activations (r > 0.95)`, async () => {
      const r = await runSomaExperiment({ dataset: 'iris', soma, seed: 0, tMs: [50, 100, 200], fiMs: 200, train: { hidden: 16, iters: 400 } });
      expect(r.fiAnnAcc).toBeGreaterThan(0.8);
      expect(r.reluAnnAcc).toBeGreaterThan(0.8);
      expect(r.gapPoints).toBeLessThanOrEqual(2);
      expect(r.rateVsActivationR!).toBeGreaterThan(0.95);
      // the current map: u = 0 just below the onset of firing, the data's scale reaching the top of the range
      expect(r.currentOffset).toBeLessThan(r.rheobase);
      expect(r.currentOffset + r.currentScale * r.dataScale).toBeCloseTo(soma === 'lif' ? 60 : 30, 9);
    }, 120_000);
  }
});
