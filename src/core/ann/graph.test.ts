import { describe, expect, it } from 'vitest';
import { ParameterError } from '../errors';
import { Rng } from '../random';
import { MAX_EXPRESSION_DEPTH, MAX_EXPRESSION_LENGTH, evaluateExpression, parseExpression } from './expression';
import { gradientCheck, relativeError } from './gradcheck';
import { BINARY_GATES, Graph, UNARY_GATES, type GraphNode } from './graph';

const grads = (e: ReturnType<typeof evaluateExpression>, names: string[]) => names.map((n) => e.variables.get(n)!.grad[0]);

describe("the lecture's circuits", () => {
  it('f = (x+y) z at (-2, 5, -4) is -12 with gradients (-4, -4, 3)', () => {
    const e = evaluateExpression('(x+y)*z', { x: -2, y: 5, z: -4 });
    expect(e.output.value[0]).toBe(-12);
    expect(grads(e, ['x', 'y', 'z'])).toEqual([-4, -4, 3]);
    expect(e.graph.nodes.map((n) => n.name)).toEqual(['x', 'y', 'x+y', 'z', '(x+y)*z']);
    expect(e.graph.get('x+y').grad[0]).toBe(-4);
  });

  it('2(xy + max(z, w)) at x=3, y=-4, z=2, w=-1 is -20 with gradients (-8, 6, 2, 0)', () => {
    const e = evaluateExpression('2*(x*y+max(z,w))', { x: 3, y: -4, z: 2, w: -1 });
    expect(e.output.value[0]).toBe(-20);
    expect(grads(e, ['x', 'y', 'z', 'w'])).toEqual([-8, 6, 2, 0]);
  });

  it('the sigmoid neuron with w = [2, -3, -3], x = [-1, -2]', () => {
    const e = evaluateExpression('1/(1+exp(-(w0*x0+w1*x1+w2)))', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    expect(e.output.value[0]).toBeCloseTo(0.7311, 4);
    const [dw0, dw1, dw2, dx0, dx1] = grads(e, ['w0', 'w1', 'w2', 'x0', 'x1']);
    expect(dw0).toBeCloseTo(-0.19661, 5);
    expect(dw1).toBeCloseTo(-0.39322, 5);
    expect(dw2).toBeCloseTo(0.19661, 5);
    expect(dx0).toBeCloseTo(0.39322, 5);
    expect(dx1).toBeCloseTo(-0.58984, 5);
    // the same neuron through the sigmoid gate: local gradient (1 - s) s
    const s = evaluateExpression('sigmoid(w0*x0+w1*x1+w2)', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    expect(s.output.value[0]).toBeCloseTo(e.output.value[0], 15);
    expect(grads(s, ['w0', 'w1', 'w2', 'x0', 'x1'])[0]).toBeCloseTo(dw0, 15);
  });

  it('gradients add up where a value fans out: d(x*x + x)/dx = 2x + 1', () => {
    const e = evaluateExpression('x*x+x', { x: 3 });
    expect(e.variables.get('x')!.grad[0]).toBe(7);
  });
});

describe('expression errors', () => {
  it('give the position', () => {
    expect(() => parseExpression('(x+y')).toThrow(/expected "\)" but found the end at position 5/);
    expect(() => parseExpression('x + * y')).toThrow(/at position 5/);
    expect(() => parseExpression('x $ y')).toThrow(/unexpected character "\$" at position 3/);
    expect(() => parseExpression('foo(x)')).toThrow(/known function .* but found "foo" at position 1/);
    expect(() => parseExpression('max(x)')).toThrow(/2 arguments for max but found 1 at position 1/);
    expect(() => parseExpression('x y')).toThrow(ParameterError);
    expect(() => evaluateExpression('x*y', { x: 1 })).toThrow(/values.y/);
    expect(() => evaluateExpression('x*y', { x: 1, y: 2, q: 3 })).toThrow(/values = "q"/);
  });
});

/** A random node of the given shape with values away from the gates' kinks and poles. */
function randomVariable(g: Graph, name: string, rows: number, cols: number, rng: Rng, positive = false): GraphNode {
  const v = g.variable(name, rows, cols);
  for (let i = 0; i < v.value.length; i++) {
    const m = rng.uniform(0.3, 2);
    v.value[i] = positive || rng.random() < 0.5 ? m : -m;
  }
  return v;
}

describe('every gate passes the gradient check (h = 1e-5, relative error)', () => {
  const rng = new Rng(7);
  for (const op of BINARY_GATES) {
    for (const [ar, ac, br, bc] of [[3, 4, 3, 4], [3, 4, 1, 4], [1, 1, 3, 4]]) {
      it(`${op} ${ar}x${ac} with ${br}x${bc}`, () => {
        const g = new Graph();
        const a = randomVariable(g, 'a', ar, ac, rng), b = randomVariable(g, 'b', br, bc, rng, op === 'divide');
        if (op === 'max' || op === 'min') for (let i = 0; i < b.value.length; i++) b.value[i] += 0.05; // no ties
        const out = g.binary(op, a, b);
        const r = gradientCheck(g, out);
        expect(r.maxRelError).toBeLessThan(1e-7);
        expect(Object.keys(r.params)).toEqual(['a', 'b']);
      });
    }
  }
  for (const op of UNARY_GATES) {
    it(op, () => {
      const g = new Graph();
      const x = randomVariable(g, 'x', 4, 5, rng, op === 'log' || op === 'lif-rate');
      const r = gradientCheck(g, g.unary(op, x));
      expect(r.maxRelError).toBeLessThan(op === 'lif-rate' ? 1e-6 : 1e-7);
    });
  }
  it('matmul', () => {
    const g = new Graph();
    const r = gradientCheck(g, g.matmul(randomVariable(g, 'A', 3, 5, rng), randomVariable(g, 'B', 5, 2, rng)));
    expect(r.maxRelError).toBeLessThan(1e-7);
  });
  for (const h of [4, 20]) {
    it(`affine to ${h} outputs`, () => {
      const g = new Graph();
      const r = gradientCheck(g, g.affine(randomVariable(g, 'X', 6, 3, rng), randomVariable(g, 'W', 3, h, rng), randomVariable(g, 'b', 1, h, rng)));
      expect(r.maxRelError).toBeLessThan(1e-7);
      expect(r.params.X.checked).toBe(18);
    });
  }
  it('sum, softmax cross-entropy, SVM (Weston-Watkins), L2', () => {
    const labels = Int32Array.from([0, 2, 1, 2, 0]);
    for (const build of [
      (g: Graph, s: GraphNode) => g.sum(s),
      (g: Graph, s: GraphNode) => g.softmaxCrossEntropy(s, labels),
      (g: Graph, s: GraphNode) => g.svm(s, labels),
      (g: Graph, s: GraphNode) => g.l2(s, 0.3),
    ]) {
      const g = new Graph();
      const r = gradientCheck(g, build(g, randomVariable(g, 'scores', 5, 3, rng)));
      expect(r.maxRelError).toBeLessThan(1e-7);
    }
  });
});

describe('losses against closed forms', () => {
  it('softmax cross-entropy of equal scores is log K; SVM of equal scores is (K-1) delta', () => {
    const g = new Graph();
    const s = g.variable('s', 2, 3, 0.5);
    const labels = Int32Array.from([0, 1]);
    expect(g.forward(g.softmaxCrossEntropy(s, labels)).value[0]).toBeCloseTo(Math.log(3), 15);
    expect(g.forward(g.svm(s, labels)).value[0]).toBe(2);
  });
  it("the course's SVM example: scores [3.2, 5.1, -1.7], label 0, gives 2.9", () => {
    const g = new Graph();
    const s = g.variable('s', 1, 3, [3.2, 5.1, -1.7]);
    expect(g.forward(g.svm(s, Int32Array.from([0]))).value[0]).toBeCloseTo(2.9, 12);
  });
});

describe('graph mechanics', () => {
  it('a graph 100,000 gates deep runs forward and backward without overflowing the stack', () => {
    const g = new Graph();
    const x = g.variable('x', 1, 1, 1);
    const c = g.constant(1e-6);
    let y: GraphNode = x;
    for (let i = 0; i < 100_000; i++) y = g.add(y, c);
    g.forward(y);
    g.backward(y);
    expect(y.value[0]).toBeCloseTo(1.1, 9);
    expect(x.grad[0]).toBe(1);
  });
  it('refuses shapes that do not match and unknown gates', () => {
    const g = new Graph();
    const a = g.variable('a', 2, 3), b = g.variable('b', 3, 2);
    expect(() => g.add(a, b)).toThrow(/add shapes = "a 2x3, b 3x2" is not allowed/);
    expect(() => g.matmul(a, a)).toThrow(/matmul shapes/);
    expect(() => g.affine(a, b, g.variable('c', 1, 3))).toThrow(/affine shapes/);
    expect(() => g.apply('conv', [a])).toThrow(/gate = "conv" is not allowed/);
    expect(() => g.softmaxCrossEntropy(a, new Int32Array(3))).toThrow(ParameterError);
    expect(() => g.set(a, [1, 2])).toThrow(/6 numbers/);
  });
  it('relative error is the course formula', () => {
    expect(relativeError(1, 1.1)).toBeCloseTo(0.1 / 1.1, 15);
    expect(relativeError(0, 0)).toBe(0);
  });
});

describe('expression limits', () => {
  it('refuses an expression longer than MAX_EXPRESSION_LENGTH or nested deeper than MAX_EXPRESSION_DEPTH, quickly', () => {
    const t0 = performance.now();
    expect(() => parseExpression(Array.from({ length: 100_000 }, (_, i) => `x${i}`).join('+'))).toThrow(new RegExp(`at most ${MAX_EXPRESSION_LENGTH} characters`));
    expect(() => parseExpression('('.repeat(500) + 'x' + ')'.repeat(500))).toThrow(new RegExp(`nesting at most ${MAX_EXPRESSION_DEPTH} deep at position ${MAX_EXPRESSION_DEPTH + 1}`));
    expect(() => parseExpression('-'.repeat(500) + 'x')).toThrow(/nesting at most/);
    expect(() => parseExpression('exp('.repeat(150) + 'x' + ')'.repeat(150))).toThrow(/nesting at most/);
    expect(performance.now() - t0).toBeLessThan(2000);
    const ok = '('.repeat(MAX_EXPRESSION_DEPTH) + 'x' + ')'.repeat(MAX_EXPRESSION_DEPTH);
    expect(parseExpression(ok).variables.has('x')).toBe(true);
  });
  it('treats names of built-in object properties as variables, not functions', () => {
    expect(() => parseExpression('constructor(x)')).toThrow(/a known function .* but found "constructor"/);
    expect(evaluateExpression('constructor*toString', { constructor: 2, toString: 3 }).output.value[0]).toBe(6);
  });
  it('reads variable values as own keys only (found by fuzzing: `__proto__` read the prototype)', () => {
    expect(() => evaluateExpression('constructor+1', {})).toThrow(/values\.constructor = \(nothing\) is not allowed/);
    expect(evaluateExpression('__proto__*2', JSON.parse('{"__proto__": 4}')).output.value[0]).toBe(8);
  });
  it('escapes a control or bidirectional character it names in the error (found by fuzzing)', () => {
    for (const c of ['\u0001', '\u202e', '\u0085']) {
      expect(() => parseExpression(`x${c}`)).toThrow(/unexpected character "\\u00(01|85)"|unexpected character "\\u202e"/);
      try { parseExpression(`x${c}`); } catch (e) { expect((e as Error).message).not.toContain(c); }
    }
  });
});
