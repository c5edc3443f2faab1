import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { LECTURE_CIRCUITS } from '../../cli/commands/graph';
import { ExpressionError } from '../ann/expression';
import { ParameterError } from '../errors';
import { checkSetting } from '../lab/settings';
import {
  CIRCUIT_PRESETS, GATE_RULES, buildCircuit, circuitPreset, completeValues, expressionTex, expressionVariables,
  formatCircuitNumber, formatCircuitValues, gateSymbol, parseCircuitValues, repairQueryPlus, type CircuitModel,
} from './circuits';

const byName = (m: CircuitModel, name: string) => m.nodes.find((n) => n.name === name)!;

/** Typed formulas a student might try (every gate of the expression language appears). */
const TYPED = [
  '(x+y)*z', '2*(x*y+max(z,w))', '1/(1+exp(-(w0*x0+w1*x1+w2)))', 'x*x+x', 'sigmoid(a*b-c)/2', 'relu(x)-min(x,y)',
  'tanh(log(x))*-y', 'exp(exp(x))', '-(a+b)*(a-b)', 'x/y/z', '3*2*x', 'long_name_1 + u_2',
];

describe('the lecture circuits through the backprop engine', () => {
  for (const preset of CIRCUIT_PRESETS) {
    it(`${preset.id}: the lecture's output and gradients`, () => {
      const m = buildCircuit(preset.expression, preset.values);
      expect(m.nodes[m.output].value).toBeCloseTo(preset.expected.output, preset.expected.digits);
      for (const [name, g] of Object.entries(preset.expected.grads)) {
        expect(byName(m, name).grad, name).toBeCloseTo(g, Math.max(5, Math.min(12, preset.expected.digits)));
      }
      expect(m.nodes[m.output].grad).toBe(1); // the seed of backprop
    });
  }

  it('(x+y)z at (-2, 5, -4) gives exactly -12 and (-4, -4, 3); q = x + y = 3 with gradient z = -4', () => {
    const m = buildCircuit('(x+y)*z', { x: -2, y: 5, z: -4 });
    expect(m.nodes.map((n) => [n.name, n.value, n.grad])).toEqual([
      ['x', -2, -4], ['y', 5, -4], ['x+y', 3, -4], ['z', -4, 3], ['(x+y)*z', -12, 1],
    ]);
  });

  it('the max circuit routes: z (the larger) gets the gradient 2, w gets 0; the constant 2 has no gradient', () => {
    const m = buildCircuit('2*(x*y+max(z,w))', { x: 3, y: -4, z: 2, w: -1 });
    expect(byName(m, 'max(z,w)').value).toBe(2);
    expect([byName(m, 'z').grad, byName(m, 'w').grad]).toEqual([2, 0]);
    expect(byName(m, '2').grad).toBeNull();
  });

  it("are the CLI's lecture circuits (one set of numbers for both)", () => {
    for (const p of CIRCUIT_PRESETS) expect(LECTURE_CIRCUITS[p.id]).toEqual({ expr: p.expression, values: p.values });
    expect(circuitPreset('max-circuit').expression).toBe('2*(x*y+max(z,w))');
    expect(() => circuitPreset('nope')).toThrow(ParameterError);
  });
});

describe('layout: longest-path layering, left to right', () => {
  it('(x+y)z: the variables in column 0, x+y in 1, the output in 2', () => {
    const m = buildCircuit('(x+y)*z', { x: -2, y: 5, z: -4 });
    expect(m.nodes.map((n) => n.layer)).toEqual([0, 0, 1, 0, 2]);
    expect(m.layers).toBe(3);
    expect(m.maxRows).toBe(3);
    expect(m.variables).toEqual(['x', 'y', 'z']);
  });

  it('the sigmoid neuron: seven columns, the shared constant 1 just left of its first consumer', () => {
    const p = circuitPreset('sigmoid-neuron');
    const m = buildCircuit(p.expression, p.values);
    // w*x (1), +w1x1 (2), +w2 (3), negate (4), exp (5), 1+exp (6), 1/(...) (7)
    expect(m.layers).toBe(8);
    const one = byName(m, '1');
    const consumers = m.nodes.filter((n) => n.inputs.includes(one.index));
    expect(consumers).toHaveLength(2);
    expect(one.layer).toBe(Math.min(...consumers.map((c) => c.layer)) - 1);
    for (const v of m.variables) expect(byName(m, v).layer).toBe(0);
  });

  it('every edge points right, and each column has distinct, centred places', () => {
    for (const expr of TYPED) {
      const names = expressionVariables(expr);
      const m = buildCircuit(expr, completeValues(names, {}, 0.5));
      for (const n of m.nodes) for (const j of n.inputs) expect(m.nodes[j].layer, expr).toBeLessThan(n.layer);
      for (let l = 0; l < m.layers; l++) {
        const ys = m.nodes.filter((n) => n.layer === l).map((n) => n.y).sort((a, b) => a - b);
        expect(ys.length, `${expr} column ${l}`).toBeGreaterThan(0);
        expect(new Set(ys).size).toBe(ys.length);
        expect(ys[0] + ys[ys.length - 1]).toBeCloseTo(0, 12);
      }
      expect(m.output).toBe(m.nodes.length - 1);
      expect(m.nodes[m.output].layer).toBe(m.layers - 1);
    }
  });

  it('barycenter ordering puts a shared input between its two consumers (no crossing)', () => {
    // (a+b)*(c+a): in first-appearance order a, b, c the edge a -> c+a crosses b -> a+b; a belongs in the middle.
    const m = buildCircuit('(a+b)*(c+a)', { a: 1, b: 2, c: 3 });
    const col0 = m.nodes.filter((n) => n.layer === 0).sort((p, q) => p.y - q.y).map((n) => n.name);
    expect(col0[1]).toBe('a');
    const col1 = m.nodes.filter((n) => n.layer === 1).sort((p, q) => p.y - q.y).map((n) => n.name);
    expect(col1.indexOf('a+b')).toBe(col0.indexOf('b') < 1 ? 0 : 1);
  });
});

describe('errors, values and symbols', () => {
  it('a syntax error names its 1-based position', () => {
    try {
      buildCircuit('(x+*y', { x: 1, y: 1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionError);
      expect((e as ExpressionError).position).toBe(4);
    }
    expect(() => buildCircuit('x+y', { x: 1 })).toThrow(/values\.y/);
  });

  it('a hand-written link\'s + (read as a space) is repaired only when that is the one reading that parses', () => {
    expect(repairQueryPlus('(x y)*z')).toBe('(x+y)*z');
    expect(repairQueryPlus('2*(x*y max(z,w))')).toBe('2*(x*y+max(z,w))');
    expect(repairQueryPlus('x * y')).toBe('x * y'); // parses as it is
    expect(repairQueryPlus('(x y')).toBe('(x y'); // no reading parses: the error is shown
    expect(repairQueryPlus('(x+y)*z')).toBe('(x+y)*z');
  });

  it('values: name=number pairs, refused with the entry named; the URL field accepts what format writes', () => {
    expect(parseCircuitValues(' x = -2, y=5 ,z=-4e0')).toEqual({ x: -2, y: 5, z: -4 });
    expect(parseCircuitValues('')).toEqual({});
    expect(() => parseCircuitValues('x=1,y')).toThrow(/vals = "y"/);
    expect(() => parseCircuitValues('x=abc')).toThrow(/vals\.x = "abc"/);
    const text = formatCircuitValues(['w0', 'x0'], { w0: 2, x0: -1.5 });
    expect(text).toBe('w0=2,x0=-1.5');
    expect(checkSetting('vals', text)).toBe(text);
    expect(() => checkSetting('vals', 'x=1,,y=2')).toThrow(ParameterError);
    expect(completeValues(['x', 'q'], { x: 3, zz: 1 })).toEqual({ x: 3, q: 1 });
  });

  it('every gate the formula language makes has a rule in both languages; the lecture\'s three words are there', () => {
    const ops = new Set<string>();
    for (const expr of TYPED) for (const n of buildCircuit(expr, completeValues(expressionVariables(expr), {}, 0.5)).nodes) ops.add(n.op);
    expect(ops.size).toBeGreaterThanOrEqual(14);
    for (const op of ops) {
      expect(GATE_RULES[op]?.en, op).toBeTruthy();
      expect(GATE_RULES[op]?.ko, op).toMatch(/[가-힣]/);
      expect(gateSymbol({ op, name: 'q' })).not.toBe('');
    }
    expect(GATE_RULES.add.en).toMatch(/distributes/);
    expect(GATE_RULES.max.en).toMatch(/routes/);
    expect(GATE_RULES.multiply.en).toMatch(/switches/);
  });
});

describe('numbers as the lecture prints them', () => {
  it('integers bare, two decimals otherwise, exponents at the extremes', () => {
    const cases: [number, string][] = [
      [-12, '-12'], [3, '3'], [-0, '0'], [0.7310585786300049, '0.73'], [-0.19661193324148185, '-0.20'], [1.3678794411714423, '1.37'],
      [-0.5344466460056328, '-0.53'], [123456, '1.23e+5'], [0.0004, '4.00e-4'], [(0.1 + 0.2) * 10, '3'], [NaN, 'NaN'], [-Infinity, '−∞'],
    ];
    for (const [v, s] of cases) expect(formatCircuitNumber(v), String(v)).toBe(s);
  });
});

describe('the formula in TeX', () => {
  it('writes the lecture circuits as the lecture does', () => {
    expect(expressionTex('(x+y)*z')).toBe('f(x, y, z) = \\left(x + y\\right) \\, z');
    expect(expressionTex('2*(x*y+max(z,w))')).toBe('f(x, y, z, w) = 2 \\, \\left(x \\, y + \\max\\left(z, w\\right)\\right)');
    expect(expressionTex('1/(1+exp(-(w0*x0+w1*x1+w2)))')).toBe(
      'f(w_{0}, x_{0}, w_{1}, x_{1}, w_{2}) = \\frac{1}{1 + e^{-\\left(w_{0} \\, x_{0} + w_{1} \\, x_{1} + w_{2}\\right)}}',
    );
    expect(expressionTex('x-(y-z)')).toBe('f(x, y, z) = x - \\left(y - z\\right)');
    expect(expressionTex('3*2')).toBe('f() = 3 \\cdot 2');
  });

  it('takes variables named like built-in properties (found by fuzzing: `__proto__=1` was lost)', () => {
    const values = parseCircuitValues('__proto__=1,constructor=2');
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor']);
    expect(buildCircuit('__proto__*constructor', values).nodes.at(-1)!.value).toBe(2);
    expect(Object.entries(completeValues(['__proto__', 'toString'], values))).toEqual([['__proto__', 1], ['toString', 1]]);
  });
  it('KaTeX renders every typed formula', () => {
    for (const expr of TYPED) expect(() => katex.renderToString(expressionTex(expr), { throwOnError: true }), expr).not.toThrow();
  });
});
