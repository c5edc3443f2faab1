import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { checkCircuitGradients, errorBand, nonFiniteCause, wireGradients } from './circuit-check';
import { buildCircuit } from './circuits';

const byName = (rows: ReturnType<typeof checkCircuitGradients>) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('numerical against analytic gradients of a circuit', () => {
  it('(x+y)z at (-2, 5, -4): the lecture\'s -4, -4, 3 both ways (f is linear in each variable, so the centred difference is exact up to round-off)', () => {
    const r = byName(checkCircuitGradients('(x+y)*z', { x: -2, y: 5, z: -4 }, 1e-5));
    expect([r.x.analytic, r.y.analytic, r.z.analytic]).toEqual([-4, -4, 3]);
    for (const [k, g] of [['x', -4], ['y', -4], ['z', 3]] as const) {
      expect(r[k].numerical).toBeCloseTo(g, 9);
      expect(r[k].relError).toBeLessThan(1e-9);
      expect(r[k].band).toBe('fine');
      expect(r[k].kink).toBe(false);
    }
  });

  it('x*x at 3: the two uses of x add, 2x = 6, and the centred difference of a parabola is exact: (9+6h+h²-9+6h-h²)/2h', () => {
    const r = byName(checkCircuitGradients('x*x', { x: 3 }, 1e-3));
    expect(r.x.analytic).toBe(6);
    expect(Math.abs(r.x.numerical - 6)).toBeLessThan(1e-10);
  });

  it('the sigmoid neuron: both columns match the closed form dσ/dw0 = σ(1-σ) x0 to 1e-9', () => {
    const v = { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 };
    const z = v.w0 * v.x0 + v.w1 * v.x1 + v.w2;
    const s = 1 / (1 + Math.exp(-z));
    const r = byName(checkCircuitGradients('1/(1+exp(-(w0*x0+w1*x1+w2)))', v, 1e-5));
    expect(r.w0.analytic).toBeCloseTo(s * (1 - s) * v.x0, 12);
    expect(r.w0.numerical).toBeCloseTo(s * (1 - s) * v.x0, 9);
    expect(r.x1.numerical).toBeCloseTo(s * (1 - s) * v.w1, 9);
    expect(r.w0.relError).toBeLessThan(1e-7);
  });

  it('a difference across the ReLU\'s kink is marked, and its error is large (analytic 1, numerical (x+h)/2h)', () => {
    const x = 1e-6, h = 1e-5;
    const r = byName(checkCircuitGradients('relu(x)', { x }, h));
    expect(r.x.kink).toBe(true);
    expect(r.x.analytic).toBe(1);
    expect(r.x.numerical).toBeCloseTo((x + h) / (2 * h), 9);
    expect(r.x.band).toBe('wrong');
    expect(byName(checkCircuitGradients('relu(x)', { x: 0.5 }, h)).x.kink).toBe(false);
  });

  it('the step h is checked (1e-10 to 1e-2)', () => {
    expect(() => checkCircuitGradients('x', { x: 1 }, 0)).toThrow(ParameterError);
    expect(() => checkCircuitGradients('x', { x: 1 }, 0.5)).toThrow(/h = 0.5/);
  });

  it('the course\'s bands: < 1e-7 fine, < 1e-4 kinks, < 1e-2 uncomfortable, else wrong (NaN too)', () => {
    expect([0, 9.9e-8, 1e-7, 9.9e-5, 1e-4, 9.9e-3, 1e-2, NaN, Infinity].map(errorBand)).toEqual(
      ['fine', 'fine', 'kinks', 'kinks', 'uncomfortable', 'uncomfortable', 'wrong', 'wrong', 'wrong']);
  });
});

describe('why a circuit is not finite', () => {
  it('log(-1): the log gate, input -1, outside its domain', () => {
    expect(nonFiniteCause(buildCircuit('2*log(x)', { x: -1 }))).toEqual({ node: 'log(x)', op: 'log', inputs: [-1], reason: 'log-domain' });
  });
  it('1/x at 0: division by zero; exp(x) at 1000: overflow; a finite output: null', () => {
    expect(nonFiniteCause(buildCircuit('1/x', { x: 0 }))?.reason).toBe('divide-by-zero');
    expect(nonFiniteCause(buildCircuit('exp(x)+1', { x: 1000 }))).toMatchObject({ node: 'exp(x)', reason: 'overflow' });
    expect(nonFiniteCause(buildCircuit('(x+y)*z', { x: -2, y: 5, z: -4 }))).toBeNull();
  });
});

describe('the gradient on each wire', () => {
  const sums = (expr: string, values: Record<string, number>) => {
    const m = buildCircuit(expr, values);
    const w = wireGradients(m);
    const total = new Map<number, number>();
    m.nodes.forEach((n, i) => n.inputs.forEach((j, k) => { if (w[i][k] !== null) total.set(j, (total.get(j) ?? 0) + w[i][k]!); }));
    return { m, w, total };
  };
  it('x*x at 3: two wires of 3 each, adding to the engine\'s 6 (fan-out adds)', () => {
    const { m, w } = sums('x*x', { x: 3 });
    expect(w[m.output]).toEqual([3, 3]);
    expect(m.nodes[0].grad).toBe(6);
  });
  for (const [expr, values] of [
    ['(x+y)*z', { x: -2, y: 5, z: -4 }], ['2*(x*y+max(z,w))', { x: 3, y: -4, z: 2, w: -1 }],
    ['1/(1+exp(-(w0*x0+w1*x1+w2)))', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 }],
    ['x*y/(x-y)+relu(x)*tanh(y)-min(x,log(y))+sigmoid(x*x)', { x: 0.7, y: 1.9 }],
  ] as const) {
    it(`${expr}: every node's outgoing wires add up to its backprop gradient`, () => {
      const { m, total } = sums(expr, { ...values });
      for (const n of m.nodes) if (n.grad !== null && n.index !== m.output) expect(total.get(n.index)).toBeCloseTo(n.grad, 12);
    });
  }
});
