import { describe, expect, it } from 'vitest';
import { makeDataset } from '../data/index';
import { NETWORK_FILE_FORMAT, NETWORK_FILE_VERSION, hiddenOf, parseNetworkFile, type NetworkFile } from '../export/network-file';
import { Rng } from '../random';
import { GRADCHECK_TOLERANCE, gradientCheck } from './gradcheck';
import { buildNetworkGraph, forwardNetwork, initNetwork } from './network';
import { checkNetworkGradients, networkFileGraph } from './network-gradcheck';

/** A network file holding the weights of a graph built and initialised directly. */
function fileOf(net: ReturnType<typeof buildNetworkGraph>): NetworkFile {
  const layers = [];
  for (let l = 0; l < net.params.length / 2; l++) {
    const W = net.params[2 * l], b = net.params[2 * l + 1];
    layers.push({ weights: Array.from({ length: W.rows }, (_, i) => Array.from(W.value.subarray(i * W.cols, (i + 1) * W.cols))), bias: Array.from(b.value) });
  }
  return { format: NETWORK_FILE_FORMAT, version: NETWORK_FILE_VERSION, model: net.spec.model, activation: net.spec.activation, loss: net.spec.loss, hidden: hiddenOf({ layers }), layers };
}

describe('the gradient check of a given network (page action and soma gradcheck --network)', () => {
  const ds = makeDataset('spiral', { seed: 3, pointsPerClass: 20, classes: 3 });

  for (const [model, activation, loss] of [['two-layer', 'relu', 'softmax'], ['two-layer', 'tanh', 'softmax'], ['two-layer', 'relu', 'svm'], ['linear', 'relu', 'softmax']] as const) {
    it(`${model} ${activation} ${loss}: the same figures, bit for bit, as gradientCheck on the graph the file was written from`, () => {
      const net = buildNetworkGraph({ model, d: 2, hidden: 7, classes: 3, activation, loss, reg: 1e-3, batch: ds.n });
      const rng = new Rng(5);
      initNetwork(net, 'he', rng);
      for (const p of net.params) if (p.name.startsWith('b')) for (let i = 0; i < p.value.length; i++) p.value[i] = 0.1 * rng.normal();
      net.x.value.set(ds.x);
      net.labels.set(ds.y);
      const direct = gradientCheck(net.graph, net.loss, net.params, { h: 1e-5 });
      const viaFile = checkNetworkGradients(fileOf(net), ds, 1e-3, 1e-5);
      expect(viaFile).toEqual(direct);
      expect(Object.keys(viaFile.params)).toEqual(model === 'linear' ? ['W', 'b'] : ['W1', 'b1', 'W2', 'b2']);
      // smooth everywhere: the course's "< 1e-7 fine"
      if (activation === 'tanh') expect(viaFile.maxRelError).toBeLessThan(1e-7);
    });
  }

  it('the weights land where the file puts them: the graph\'s scores equal forwardNetwork\'s (an independent forward pass)', () => {
    const net = buildNetworkGraph({ model: 'two-layer', d: 2, hidden: 5, classes: 3, activation: 'relu', loss: 'softmax', reg: 0, batch: ds.n });
    initNetwork(net, 'he', new Rng(9));
    const file = fileOf(net);
    const g = networkFileGraph(file, ds, 0);
    g.graph.forward(g.loss);
    const ref = forwardNetwork(file, ds.x, ds.n).scores;
    for (let i = 0; i < ref.length; i++) expect(g.scores.value[i]).toBeCloseTo(ref[i], 12);
  });

  it('data that does not fit the network is refused, naming what fits', () => {
    const net = buildNetworkGraph({ model: 'linear', d: 2, hidden: 1, classes: 2, activation: 'relu', loss: 'softmax', reg: 0, batch: 1 });
    expect(() => checkNetworkGradients(fileOf(net), ds, 0)).toThrow(/a class 0\.\.1/);
  });

  // Deeper stacks: the graph's backprop through 2 and 3 hidden layers against centred differences.
  for (const [hiddenLayers, activation, loss] of [[[6, 5], 'tanh', 'softmax'], [[5, 4, 3], 'tanh', 'softmax'], [[6, 5], 'relu', 'softmax'], [[5, 4, 3], 'relu', 'softmax']] as const) {
    it(`${hiddenLayers.length} hidden layers (${hiddenLayers.join(',')}) ${activation} ${loss}: analytic gradients equal centred differences`, () => {
      const net = buildNetworkGraph({ model: 'deep', d: 2, hidden: hiddenLayers[0], hiddenLayers, classes: 3, activation, loss, reg: 1e-3, batch: ds.n });
      expect(net.params.map((p) => p.name)).toEqual(hiddenLayers.flatMap((_, l) => [`W${l + 1}`, `b${l + 1}`]).concat([`W${hiddenLayers.length + 1}`, `b${hiddenLayers.length + 1}`]));
      expect(net.hiddenNodes.map((h) => h.cols)).toEqual([...hiddenLayers]);
      const rng = new Rng(11);
      initNetwork(net, 'he', rng);
      for (const p of net.params) if (p.name.startsWith('b')) for (let i = 0; i < p.value.length; i++) p.value[i] = 0.1 * rng.normal();
      const file = parseNetworkFile(JSON.parse(JSON.stringify(fileOf(net))));
      const r = checkNetworkGradients(file, ds, 1e-3, 1e-5);
      expect(Object.keys(r.params)).toEqual(net.params.map((p) => p.name));
      for (const c of Object.values(r.params)) expect(c.checked - c.floored).toBeGreaterThan(0);
      expect(r.verdict).not.toBe("fail");
      // smooth activations: the course's "< 1e-7 fine"; with kinks (ReLU) entries across a
      // kink are skipped and the rest must stay within the course's "fine with kinks" (GRADCHECK_TOLERANCE)
      expect(r.maxRelError).toBeLessThan(activation === 'relu' ? GRADCHECK_TOLERANCE : 1e-7);
    });
  }

  it('a deep network\'s graph gives forwardNetwork\'s scores (the weights land in the right layer)', () => {
    const net = buildNetworkGraph({ model: 'deep', d: 2, hidden: 6, hiddenLayers: [6, 5, 4], classes: 3, activation: 'relu', loss: 'softmax', reg: 0, batch: ds.n });
    initNetwork(net, 'he', new Rng(4));
    const file = fileOf(net);
    const g = networkFileGraph(file, ds, 0);
    g.graph.forward(g.loss);
    const ref = forwardNetwork(file, ds.x, ds.n);
    for (let i = 0; i < ref.scores.length; i++) expect(g.scores.value[i]).toBeCloseTo(ref.scores[i], 12);
    g.hiddenNodes.forEach((h, l) => { for (let i = 0; i < h.value.length; i++) expect(h.value[i]).toBeCloseTo(ref.hiddenLayers[l][i], 12); });
  });
});
