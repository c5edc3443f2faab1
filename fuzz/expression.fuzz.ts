/**
 * Fuzz target: the expression language (`parseExpression`, `evaluateExpression`,
 * src/core/ann/expression.ts).
 *
 * Expressions are generated as trees, printed, and damaged. Property: any text parses to a graph
 * or is refused with a ParameterError; a printed tree parses and evaluates to the tree's own value
 * (computed here, independently of the graph); and each gradient from backward() matches a
 * centred difference wherever the output is finite and the function is smooth around the point
 * (no kink between x - h and x + h, one-sided differences agreeing).
 */
import fc from 'fast-check';
import { evaluateExpression, parseExpression } from '../src/core/ann/expression';
import { BUILTIN_NAMES, parserInput } from './arbitraries';
import { close, ensure, type FuzzTarget, valueOrTypedError } from './target';

type Tree =
  | { k: 'num'; v: number }
  | { k: 'var'; name: string }
  | { k: 'neg'; a: Tree }
  | { k: 'bin'; op: '+' | '-' | '*' | '/'; a: Tree; b: Tree }
  | { k: 'fn'; f: 'exp' | 'log' | 'relu' | 'sigmoid' | 'tanh'; a: Tree }
  | { k: 'fn2'; f: 'max' | 'min'; a: Tree; b: Tree };

/** Variable names: ordinary ones and the built-in property names (valid names in the language). */
const NAMES = ['x', 'y', 'z', 'w0', '_b', 'x1', ...BUILTIN_NAMES.filter((n) => /^[A-Za-z_]\w*$/.test(n))];

const treeArb: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 6 },
    fc.oneof(fc.double({ min: 0, max: 10, noNaN: true }), fc.constantFrom(0, 1, 2, 0.5, 1e-7, 1e21, 1e308, 5e-324)).map((v): Tree => ({ k: 'num', v })),
    fc.constantFrom(...NAMES).map((name): Tree => ({ k: 'var', name })),
    tie('tree').map((a): Tree => ({ k: 'neg', a })),
    fc.tuple(fc.constantFrom('+', '-', '*', '/' as const), tie('tree'), tie('tree')).map(([op, a, b]): Tree => ({ k: 'bin', op, a, b })),
    fc.tuple(fc.constantFrom('exp', 'log', 'relu', 'sigmoid', 'tanh' as const), tie('tree')).map(([f, a]): Tree => ({ k: 'fn', f, a })),
    fc.tuple(fc.constantFrom('max', 'min' as const), tie('tree'), tie('tree')).map(([f, a, b]): Tree => ({ k: 'fn2', f, a, b })),
  ),
})).tree;

/** Prints a tree with a parenthesis around every operation, and random spaces. */
function print(t: Tree, space: string): string {
  switch (t.k) {
    case 'num': return String(t.v);
    case 'var': return t.name;
    case 'neg': return `-${space}(${print(t.a, space)})`;
    case 'bin': return `(${print(t.a, space)}${space}${t.op}${space}${print(t.b, space)})`;
    case 'fn': return `${t.f}(${print(t.a, space)})`;
    case 'fn2': return `${t.f}(${print(t.a, space)},${space}${print(t.b, space)})`;
  }
}

/** The tree's value, with the lecture's definitions of the gates. */
function evaluate(t: Tree, env: Record<string, number>): number {
  switch (t.k) {
    case 'num': return Number(String(t.v));
    case 'var': return env[t.name];
    case 'neg': return -evaluate(t.a, env);
    case 'bin': {
      const a = evaluate(t.a, env), b = evaluate(t.b, env);
      return t.op === '+' ? a + b : t.op === '-' ? a - b : t.op === '*' ? a * b : a / b;
    }
    case 'fn': {
      const a = evaluate(t.a, env);
      return { exp: Math.exp, log: Math.log, relu: (v: number) => (v > 0 ? v : 0), sigmoid: (v: number) => 1 / (1 + Math.exp(-v)), tanh: Math.tanh }[t.f](a);
    }
    case 'fn2': {
      const a = evaluate(t.a, env), b = evaluate(t.b, env);
      return t.f === 'max' ? (a >= b ? a : b) : a <= b ? a : b;
    }
  }
}

function variablesOf(t: Tree, out = new Set<string>()): Set<string> {
  if (t.k === 'var') out.add(t.name);
  if ('a' in t) variablesOf(t.a, out);
  if ('b' in t) variablesOf(t.b, out);
  return out;
}

interface ExprCase { tree: Tree; text: string; values: number[] }

const treeCase: fc.Arbitrary<ExprCase> = fc.tuple(treeArb, fc.constantFrom('', ' ', '  '), fc.array(fc.oneof(fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(0, -0, 1e-8, 1e6)), { minLength: NAMES.length, maxLength: NAMES.length }))
  .map(([tree, space, values]) => ({ tree, text: print(tree, space), values }));

/** Gradient comparisons made and skipped (kinks, non-smooth, non-finite), over a whole run. */
export const gradientStats = { compared: 0, skipped: 0 };

const EPS = 2.220446049250313e-16;

export const expressionTreeTarget: FuzzTarget<ExprCase> = {
  name: 'expression-trees',
  boundMs: 5000,
  testShare: 1,
  arbitrary: treeCase,
  check({ tree, text, values }) {
    const names = [...variablesOf(tree)];
    // A values object without a prototype: `constructor` and `__proto__` are then plain own keys.
    const env: Record<string, number> = Object.create(null);
    for (const n of names) env[n] = values[NAMES.indexOf(n)];
    const r = valueOrTypedError('evaluateExpression', () => evaluateExpression(text, env));
    ensure(r !== null, () => `a well-formed expression was refused: ${text}`);
    const { graph, output, variables } = r.value;
    const expected = evaluate(tree, env);
    ensure(close(output.value[0], expected), () => `${text} = ${output.value[0]}, the tree gives ${expected}`);
    ensure(variables.size === names.length, `${variables.size} variables, the tree has ${names.length}`);
    // Gradients against centred differences, where they mean something.
    const f0 = output.value[0];
    if (!Number.isFinite(f0) || Math.abs(f0) > 1e100) { gradientStats.skipped += names.length; return; }
    const analytic = new Map(names.map((n) => [n, variables.get(n)!.grad[0]]));
    const at = (name: string, x: number) => {
      const node = variables.get(name)!;
      const keep = node.value[0];
      node.value[0] = x;
      graph.forward(output);
      const v = output.value[0], kinks = graph.kinkSignature(output);
      node.value[0] = keep;
      return { v, kinks };
    };
    const k0 = graph.kinkSignature(output);
    for (const n of names) {
      const x = env[n], h = 1e-6 * Math.max(1, Math.abs(x));
      const p = at(n, x + h), m = at(n, x - h), p2 = at(n, x + h / 2), m2 = at(n, x - h / 2);
      const a = analytic.get(n)!;
      const roundoff = (8 * EPS * Math.max(Math.abs(p.v), Math.abs(m.v), Math.abs(f0))) / h;
      const forward = (p.v - f0) / h, backward = (f0 - m.v) / h, centred = (p.v - m.v) / (2 * h);
      // Smooth at the scale of h: no kink crossed, one-sided differences agree, and halving h
      // changes the centred difference little (tanh(x / 1e-308) saturates within h: skipped).
      const centredHalf = (p2.v - m2.v) / h;
      const smooth = p.kinks === k0 && m.kinks === k0 && p2.kinks === k0 && m2.kinks === k0 && Number.isFinite(p.v) && Number.isFinite(m.v) && Number.isFinite(a)
        && Math.abs(forward - backward) <= 1e-3 * Math.max(1, Math.abs(centred)) + 4 * roundoff
        && Math.abs(centred - centredHalf) <= 1e-4 * Math.max(1, Math.abs(centred)) + 6 * roundoff;
      if (!smooth) { gradientStats.skipped++; continue; }
      gradientStats.compared++;
      ensure(Math.abs(a - centred) <= 1e-4 * Math.max(1, Math.abs(a), Math.abs(centred)) + 2 * roundoff, () => `${text}: d/d${n} = ${a} by backprop, ${centred} by centred difference at ${n} = ${x}`);
    }
    graph.forward(output);
  },
};

/** Any text, including damaged printed trees: a graph or a ParameterError; a graph evaluates or is refused with one. */
export const expressionTextTarget: FuzzTarget<string> = {
  name: 'expression-text',
  boundMs: 5000,
  testShare: 1,
  arbitrary: parserInput(treeCase.map((c) => c.text)),
  check(text) {
    const parsed = valueOrTypedError('parseExpression', () => parseExpression(text));
    if (!parsed) return;
    const env: Record<string, number> = Object.create(null);
    for (const n of parsed.value.variables.keys()) env[n] = 0.5;
    const r = valueOrTypedError('evaluateExpression', () => evaluateExpression(text, env));
    ensure(r !== null, () => `parsed but refused with every variable at 0.5: ${JSON.stringify(text.slice(0, 200))}`);
  },
};
