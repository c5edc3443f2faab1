/**
 * Keyboard movement in the scenes and on the planes. Oracle for the scenes: the drawn layout
 * (src/view/layout.ts): left / right must land on the neuron of the next column drawn nearest
 * in height, up / down on the one drawn just above / below. For more layers than the page has
 * today, a plain walk over the sizes.
 */
import { describe, expect, it } from 'vitest';
import { layoutNetwork } from '../view/layout';
import { indexOf, locate, moveNeuron, moveProbe, neuronName } from './focus-nav';

describe('moving between neurons', () => {
  for (const sizes of [[2, 5, 3], [2, 12, 4], [2, 1, 2], [2, 40, 3]] as const) {
    it(`[${sizes.join(', ')}]: left / right go to the nearest neuron of the next column, up / down to the one above / below`, () => {
      const { xy } = layoutNetwork(sizes);
      const n = sizes[0] + sizes[1] + sizes[2];
      for (let i = 0; i < n; i++) {
        const { layer, j } = locate(sizes, i);
        for (const [key, dl] of [['ArrowLeft', -1], ['ArrowRight', 1]] as const) {
          const to = moveNeuron(sizes, i, key);
          const l = layer + dl;
          if (l < 0 || l > 2) {
            expect(to).toBe(i);
            continue;
          }
          // The nearest in height among layer l (ties: the upper one).
          let best = -1;
          for (let q = 0; q < sizes[l]; q++) {
            const k = indexOf(sizes, l, q);
            if (best < 0 || Math.abs(xy[2 * k + 1] - xy[2 * i + 1]) < Math.abs(xy[2 * best + 1] - xy[2 * i + 1]) - 1e-9) best = k;
          }
          expect(Math.abs(xy[2 * to + 1] - xy[2 * i + 1]), `${key} from ${i}`).toBeCloseTo(Math.abs(xy[2 * best + 1] - xy[2 * i + 1]), 9);
          expect(locate(sizes, to).layer).toBe(l);
        }
        const down = moveNeuron(sizes, i, 'ArrowDown');
        const up = moveNeuron(sizes, i, 'ArrowUp');
        expect(down).toBe(j === sizes[layer] - 1 ? i : i + 1);
        expect(up).toBe(j === 0 ? i : i - 1);
        if (down !== i) expect(xy[2 * down + 1]).toBeGreaterThan(xy[2 * i + 1]);
        expect(moveNeuron(sizes, i, 'Home')).toBe(indexOf(sizes, layer, 0));
        expect(moveNeuron(sizes, i, 'End')).toBe(indexOf(sizes, layer, sizes[layer] - 1));
      }
    });
  }

  it('any number of layers: a walk right from the top reaches the last layer, skipping an empty one', () => {
    const sizes = [2, 6, 0, 4, 3];
    let i = 0;
    const layers = [locate(sizes, i).layer];
    for (let s = 0; s < 5; s++) {
      i = moveNeuron(sizes, i, 'ArrowRight');
      layers.push(locate(sizes, i).layer);
    }
    expect(layers).toEqual([0, 1, 3, 4, 4, 4]);
    expect(i).toBe(indexOf(sizes, 4, 1)); // heights 0.25 -> 0.25 (1 of 6) -> 0.375 (1 of 4) -> 0.5 (1 of 3)
    expect(moveNeuron(sizes, indexOf(sizes, 3, 3), 'ArrowLeft')).toBe(indexOf(sizes, 1, 5));
  });
});

describe('moving the probe', () => {
  it('one step of 0.05, 0.25 with Shift, up is +y, clamped to the plane, no floating-point dust', () => {
    expect(moveProbe(0.1, 0, 'ArrowRight', false)).toEqual([0.15, 0]);
    expect(moveProbe(0.1, 0, 'ArrowUp', true)).toEqual([0.1, 0.25]);
    expect(moveProbe(0.1, 0, 'ArrowDown', false)).toEqual([0.1, -0.05]);
    expect(moveProbe(0.9, -0.9, 'ArrowRight', true)).toEqual([1, -0.9]);
    expect(moveProbe(0.9, -0.9, 'ArrowDown', true)).toEqual([0.9, -1]);
    let p: [number, number] = [0, 0];
    for (let q = 0; q < 7; q++) p = moveProbe(p[0], p[1], 'ArrowLeft', false);
    expect(p).toEqual([-0.35, 0]);
  });
});

describe('naming a neuron', () => {
  const words = { inputName: 'input', hiddenName: 'hidden neuron', outputName: 'output neuron' };
  it('by its layer and index within it; the layer number only when there are several hidden layers', () => {
    expect([0, 1, 2, 6, 7, 9].map((i) => neuronName([0, 2, 7, 10], i, words))).toEqual(['input 0', 'input 1', 'hidden neuron 0', 'hidden neuron 4', 'output neuron 0', 'output neuron 2']);
    expect([2, 7, 10].map((i) => neuronName([0, 2, 7, 10, 13], i, words))).toEqual(['hidden neuron 1.0', 'hidden neuron 2.0', 'output neuron 0']);
  });
});
