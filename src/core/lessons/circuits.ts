/**
 * The circuit view's model: a formula typed by a student (or one of the lecture's circuits) run
 * through the backprop core's expression parser and graph (`src/core/ann/`), and laid out left to
 * right for drawing. No new maths here: every value and gradient is the engine's own.
 *
 * Layout: longest-path layering (a gate sits one column right of its deepest input; the
 * variables sit in column 0, as in the lecture's diagrams; a constant sits just left of its first
 * consumer), then a few barycenter sweeps to order each column so that edges cross less.
 */
import { evaluateExpression, parseExpression, type ExpressionGraph } from '../ann/expression';
import type { GraphNode } from '../ann/graph';
import { ParameterError } from '../errors';
import type { Bilingual } from './text';

/** A lecture circuit: its formula, the values the lecture uses, and the lecture's published results. */
export interface CircuitPreset {
  id: 'add-multiply' | 'max-circuit' | 'sigmoid-neuron';
  title: Bilingual;
  expression: string;
  values: Readonly<Record<string, number>>;
  /** The lecture's numbers: the output and d(output)/d(variable), to the digits it prints. */
  expected: { output: number; grads: Readonly<Record<string, number>>; digits: number };
}

/** The three circuits of the backprop lecture, with the numbers printed in its notes. */
export const CIRCUIT_PRESETS: readonly CircuitPreset[] = [
  {
    id: 'add-multiply',
    title: { en: 'f = (x + y) z', ko: 'f = (x + y) z' },
    expression: '(x+y)*z',
    values: { x: -2, y: 5, z: -4 },
    expected: { output: -12, grads: { x: -4, y: -4, z: 3 }, digits: 12 },
  },
  {
    id: 'max-circuit',
    title: { en: 'add, max and mul gates', ko: '덧셈, max, 곱셈 게이트' },
    expression: '2*(x*y+max(z,w))',
    values: { x: 3, y: -4, z: 2, w: -1 },
    expected: { output: -20, grads: { x: -8, y: 6, z: 2, w: 0 }, digits: 12 },
  },
  {
    id: 'sigmoid-neuron',
    title: { en: 'the sigmoid neuron', ko: '시그모이드 뉴런' },
    expression: '1/(1+exp(-(w0*x0+w1*x1+w2)))',
    values: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 },
    // The notes print 0.73 and, with the finer digits of their code, dw = [-0.19661, -0.39322, 0.19661], dx = [0.39322, -0.58984].
    expected: { output: 0.7311, grads: { w0: -0.19661, w1: -0.39322, w2: 0.19661, x0: 0.39322, x1: -0.58984 }, digits: 4 },
  },
];

/** The preset with this id (ParameterError naming the allowed ids otherwise). */
export function circuitPreset(id: string): CircuitPreset {
  const p = CIRCUIT_PRESETS.find((c) => c.id === id);
  if (!p) throw new ParameterError('circuit preset', id, `one of ${CIRCUIT_PRESETS.map((c) => c.id).join(', ')}`);
  return p;
}

/** One node as drawn: the engine's value and gradient, and its place in the layout. */
export interface CircuitNode {
  /** Index in `CircuitModel.nodes` (topological order: inputs come first). */
  index: number;
  /** The sub-expression it computes (`x+y`), or the variable's name, or the constant's text. */
  name: string;
  /** The gate (`add`, `multiply`, `max`, `exp`, ...) or `variable` / `constant`. */
  op: string;
  value: number;
  /** d(output)/d(node); null for constants (nothing upstream can change them). */
  grad: number | null;
  /** Indices of the inputs, in the gate's argument order. */
  inputs: number[];
  /** Column, 0 = left (the variables). */
  layer: number;
  /** Vertical place in row units, centred on 0 (column of n nodes: -(n-1)/2 ... (n-1)/2). */
  y: number;
}

/** A laid-out circuit. */
export interface CircuitModel {
  expression: string;
  nodes: CircuitNode[];
  /** Index of the output node (the last one). */
  output: number;
  /** Number of columns. */
  layers: number;
  /** Largest number of nodes in one column. */
  maxRows: number;
  /** The variables in order of appearance. */
  variables: string[];
}

/** The variables of an expression, in order of appearance (throws ExpressionError on bad syntax). */
export function expressionVariables(expression: string): string[] {
  return [...parseExpression(expression).variables.keys()];
}

/**
 * Reads `x=-2,y=5,z=-4` (spaces allowed) into values. Throws ParameterError naming the entry.
 * An empty text gives no values.
 */
export function parseCircuitValues(text: string): Record<string, number> {
  // No prototype: a variable named `__proto__` or `constructor` is an ordinary key.
  const out: Record<string, number> = Object.create(null);
  if (text.trim() === '') return out;
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    if (!m) throw new ParameterError('vals', part.trim(), 'name=number, separated by commas (x=-2,y=5)');
    const v = Number(m[2]);
    if (!Number.isFinite(v)) throw new ParameterError(`vals.${m[1]}`, m[2], 'a finite number');
    out[m[1]] = v;
  }
  return out;
}

/** Writes values as `x=-2,y=5,z=-4`, in the order of `names`. */
export function formatCircuitValues(names: readonly string[], values: Readonly<Record<string, number>>): string {
  return names.map((n) => `${n}=${values[n]}`).join(',');
}

/**
 * Values for every variable of `names`: the given value where there is one, else `fallback`
 * (a student who types a new variable gets a number to start from).
 */
export function completeValues(names: readonly string[], values: Readonly<Record<string, number>>, fallback = 1): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const n of names) out[n] = Object.hasOwn(values, n) ? values[n] : fallback;
  return out;
}

/**
 * Parses, runs forward and backward through the engine (`evaluateExpression`), and lays out the
 * graph. Throws ExpressionError (with the 1-based position) on bad syntax, ParameterError on a
 * missing or unknown variable value.
 */
export function buildCircuit(expression: string, values: Readonly<Record<string, number>>): CircuitModel {
  const eg = evaluateExpression(expression, { ...values });
  return layoutCircuit(expression, eg);
}

/** Lays out an evaluated expression graph (see the file comment for the method). */
export function layoutCircuit(expression: string, eg: ExpressionGraph): CircuitModel {
  const order = eg.graph.topologicalOrder(eg.output);
  const indexOf = new Map<GraphNode, number>();
  order.forEach((n, i) => indexOf.set(n, i));
  const n = order.length;
  const inputs = order.map((node) => node.inputs.map((x) => indexOf.get(x)!));
  const consumers: number[][] = Array.from({ length: n }, () => []);
  inputs.forEach((ins, i) => ins.forEach((j) => consumers[j].push(i)));

  // Longest path from the leaves: a gate is one column right of its deepest input.
  const layer = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    for (const j of inputs[i]) layer[i] = Math.max(layer[i], layer[j] + 1);
  }
  // Constants move right, next to their nearest consumer (the lecture draws "+1", "*2" at the gate).
  for (let i = 0; i < n; i++) {
    if (order[i].op === 'constant' && consumers[i].length) layer[i] = Math.min(...consumers[i].map((c) => layer[c])) - 1;
  }
  const layers = n ? Math.max(...layer) + 1 : 0;
  const columns: number[][] = Array.from({ length: layers }, () => []);
  for (let i = 0; i < n; i++) columns[layer[i]].push(i); // first appearance order (the formula's left to right)

  // Barycenter sweeps: order each column by the mean place of its neighbours in the other columns.
  const pos = new Array<number>(n).fill(0);
  const place = (): void => columns.forEach((col) => col.forEach((i, r) => (pos[i] = r - (col.length - 1) / 2)));
  const mean = (xs: number[], fallback: number): number => (xs.length ? xs.reduce((a, j) => a + pos[j], 0) / xs.length : fallback);
  place();
  for (let sweep = 0; sweep < 4; sweep++) {
    const rightward = sweep % 2 === 0;
    const range = rightward ? columns.keys() : [...columns.keys()].reverse();
    for (const l of range) {
      const col = columns[l];
      const key = new Map(col.map((i) => [i, mean(rightward ? inputs[i] : consumers[i], pos[i])]));
      col.sort((a, b) => key.get(a)! - key.get(b)! || a - b);
      col.forEach((i, r) => (pos[i] = r - (col.length - 1) / 2));
    }
  }
  place();

  const nodes: CircuitNode[] = order.map((node, i) => ({
    index: i,
    name: node.name,
    op: node.op,
    value: node.value[0],
    grad: node.requiresGrad ? node.grad[0] : null,
    inputs: inputs[i],
    layer: layer[i],
    y: pos[i],
  }));
  return {
    expression,
    nodes,
    output: n - 1,
    layers,
    maxRows: Math.max(0, ...columns.map((c) => c.length)),
    variables: [...eg.variables.keys()],
  };
}

/** The gates' local rules as the lecture states them, one line each (shown on hover). */
export const GATE_RULES: Readonly<Record<string, Bilingual>> = {
  add: {
    en: 'add gate distributes: every input gets the upstream gradient unchanged (∂(a+b)/∂a = ∂(a+b)/∂b = 1)',
    ko: '덧셈 게이트는 분배합니다: 모든 입력이 위에서 온 기울기를 그대로 받습니다 (∂(a+b)/∂a = ∂(a+b)/∂b = 1)',
  },
  subtract: {
    en: 'subtract gate: the first input gets the upstream gradient, the second its negative (∂(a−b)/∂b = −1)',
    ko: '뺄셈 게이트: 첫 입력은 위에서 온 기울기를, 둘째 입력은 그 음수를 받습니다 (∂(a−b)/∂b = −1)',
  },
  multiply: {
    en: 'mul gate switches: each input gets the upstream gradient times the OTHER input (∂(ab)/∂a = b)',
    ko: '곱셈 게이트는 맞바꿉니다: 각 입력은 위에서 온 기울기 곱하기 다른 입력의 값을 받습니다 (∂(ab)/∂a = b)',
  },
  divide: {
    en: 'divide gate: ∂(a/b)/∂a = 1/b and ∂(a/b)/∂b = −a/b², times the upstream gradient',
    ko: '나눗셈 게이트: ∂(a/b)/∂a = 1/b, ∂(a/b)/∂b = −a/b², 여기에 위에서 온 기울기를 곱합니다',
  },
  max: {
    en: 'max gate routes: the larger input gets the whole upstream gradient, the other gets 0',
    ko: 'max 게이트는 길을 정합니다: 큰 입력이 위에서 온 기울기를 모두 받고, 다른 입력은 0을 받습니다',
  },
  min: {
    en: 'min gate routes: the smaller input gets the whole upstream gradient, the other gets 0',
    ko: 'min 게이트는 길을 정합니다: 작은 입력이 위에서 온 기울기를 모두 받고, 다른 입력은 0을 받습니다',
  },
  negate: {
    en: 'negate gate (×−1): the input gets minus the upstream gradient',
    ko: '부호 반전 게이트 (×−1): 입력은 위에서 온 기울기의 음수를 받습니다',
  },
  exp: {
    en: 'exp gate: local gradient d(eˣ)/dx = eˣ, the gate\'s own output',
    ko: 'exp 게이트: 국소 기울기 d(eˣ)/dx = eˣ, 곧 게이트 자신의 출력입니다',
  },
  log: {
    en: 'log gate: local gradient d(log x)/dx = 1/x',
    ko: 'log 게이트: 국소 기울기 d(log x)/dx = 1/x',
  },
  relu: {
    en: 'ReLU gate: passes the upstream gradient where x > 0 and blocks it where x ≤ 0',
    ko: 'ReLU 게이트: x > 0이면 위에서 온 기울기를 통과시키고, x ≤ 0이면 막습니다',
  },
  sigmoid: {
    en: 'sigmoid gate: local gradient dσ/dx = (1 − σ(x)) σ(x)',
    ko: '시그모이드 게이트: 국소 기울기 dσ/dx = (1 − σ(x)) σ(x)',
  },
  tanh: {
    en: 'tanh gate: local gradient 1 − tanh²(x)',
    ko: 'tanh 게이트: 국소 기울기 1 − tanh²(x)',
  },
  variable: {
    en: 'input: green is its value, red is ∂f/∂(input), how much f changes per unit change of it',
    ko: '입력: 초록은 값, 빨강은 ∂f/∂(입력), 곧 입력이 한 단위 바뀔 때 f가 바뀌는 양입니다',
  },
  constant: {
    en: 'constant: a value with no gradient (nothing upstream can change it)',
    ko: '상수: 기울기가 없는 값입니다 (위쪽의 무엇도 이 값을 바꿀 수 없습니다)',
  },
};

/** The symbol drawn inside a gate's circle. */
export function gateSymbol(node: Pick<CircuitNode, 'op' | 'name'>): string {
  switch (node.op) {
    case 'add': return '+';
    case 'subtract': return '−';
    case 'multiply': return '×';
    case 'divide': return '÷';
    case 'negate': return '×−1';
    case 'sigmoid': return 'σ';
    case 'variable':
    case 'constant': return node.name;
    default: return node.op; // max, min, exp, log, relu, tanh
  }
}

// ---- the formula in TeX (KaTeX renders it on the page) ----------------------------------------

const PRECEDENCE: Readonly<Record<string, number>> = { add: 1, subtract: 1, multiply: 2, negate: 3 };
const FUNCTION_TEX: Readonly<Record<string, string>> = {
  log: '\\log', relu: '\\operatorname{ReLU}', sigmoid: '\\sigma', tanh: '\\tanh', max: '\\max', min: '\\min',
};

/** A variable name in TeX: `w0` -> `w_{0}`, `x` -> `x`, longer names upright-italic, `_` escaped. */
export function texName(name: string): string {
  const sub = /^([A-Za-z])_?(\d+)$/.exec(name);
  if (sub) return `${sub[1]}_{${sub[2]}}`;
  if (/^[A-Za-z]$/.test(name)) return name;
  return `\\mathit{${name.replace(/_/g, '\\_')}}`;
}

/** The expression as TeX, `f(x, y, z) = (x + y) z`, from the parsed graph (so it shows what was understood). */
export function expressionTex(expression: string): string {
  const { output, variables } = parseExpression(expression);
  const args = [...variables.keys()].map(texName).join(', ');
  return `f(${args}) = ${nodeTex(output, 0)}`;
}

function nodeTex(node: GraphNode, outer: number): string {
  const p = PRECEDENCE[node.op] ?? 4;
  const wrap = (s: string): string => (p < outer ? `\\left(${s}\\right)` : s);
  const [a, b] = node.inputs;
  switch (node.op) {
    case 'variable': return texName(node.name);
    case 'constant': return node.name;
    case 'add': return wrap(`${nodeTex(a, 1)} + ${nodeTex(b, 1)}`);
    case 'subtract': return wrap(`${nodeTex(a, 1)} - ${nodeTex(b, 2)}`);
    case 'multiply': {
      // Juxtapose as the lecture writes (x + y) z; a dot where two numbers or a sign would meet.
      const right = nodeTex(b, 2);
      const dot = b.op === 'constant' || b.op === 'negate' || (a.op === 'constant' && /^\d/.test(right));
      return wrap(`${nodeTex(a, 2)}${dot ? ' \\cdot ' : ' \\, '}${right}`);
    }
    case 'negate': return wrap(`-${nodeTex(a, 3)}`);
    case 'divide': return `\\frac{${nodeTex(a, 0)}}{${nodeTex(b, 0)}}`;
    case 'exp': return `e^{${nodeTex(a, 0)}}`;
    default: {
      const fn = FUNCTION_TEX[node.op] ?? `\\operatorname{${node.op}}`;
      return `${fn}\\left(${node.inputs.map((x) => nodeTex(x, 0)).join(', ')}\\right)`;
    }
  }
}

/**
 * A value or gradient as the lecture's diagrams print it: integers as integers (-12, 3), other
 * numbers with two decimals (0.73, -0.20), very large or very small ones with three significant
 * digits (1.23e+5, 4.00e-4). -0 prints as 0.
 */
export function formatCircuitNumber(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (Object.is(v, -0) || v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 5e-3) return v.toExponential(2);
  if (Math.abs(v - Math.round(v)) < 1e-9 * Math.max(1, a)) return String(Math.round(v));
  return v.toFixed(2);
}

/**
 * A formula read from a hand-written link: in a query string `+` means a space, so
 * `?expr=(x+y)*z` arrives as `(x y)*z`. When the text does not parse but reads with every space
 * as `+`, that reading is returned; otherwise the text itself (its error is then shown).
 */
export function repairQueryPlus(expression: string): string {
  if (!expression.includes(' ')) return expression;
  try {
    parseExpression(expression);
    return expression;
  } catch {
    const plus = expression.replace(/ /g, '+');
    try {
      parseExpression(plus);
      return plus;
    } catch {
      return expression;
    }
  }
}
