/**
 * The gates of the backprop lecture by name, with their local gradients: what each elementwise
 * gate computes and what it sends back (add distributes, mul swaps, max routes). The graph
 * (graph.ts) binds them to its nodes' buffers; the expression language accepts these names.
 */
import { ACTIVATIONS } from './activations';

/** Every gate the graph knows (the names `apply` and the expression language accept). */
export const GATE_NAMES = [
  'add', 'subtract', 'multiply', 'divide', 'max', 'min',
  'negate', 'exp', 'log', 'relu', 'sigmoid', 'tanh', 'lif-rate', 'soft-lif',
  'matmul', 'affine', 'sum', 'softmax-cross-entropy', 'svm', 'l2',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

export const BINARY_GATES = ['add', 'subtract', 'multiply', 'divide', 'max', 'min'] as const;
export type BinaryGateName = (typeof BINARY_GATES)[number];
export const UNARY_GATES = ['negate', 'exp', 'log', 'relu', 'sigmoid', 'tanh', 'lif-rate', 'soft-lif'] as const;
export type UnaryGateName = (typeof UNARY_GATES)[number];

/** The lecture's local gradients of the binary gates: d out/d a and d out/d b at (a, b). */
export const BINARY: Record<BinaryGateName, { f(a: number, b: number): number; da(a: number, b: number): number; db(a: number, b: number): number }> = {
  add: { f: (a, b) => a + b, da: () => 1, db: () => 1 }, // add distributes the gradient
  subtract: { f: (a, b) => a - b, da: () => 1, db: () => -1 },
  multiply: { f: (a, b) => a * b, da: (_a, b) => b, db: (a) => a }, // mul swaps the inputs
  divide: { f: (a, b) => a / b, da: (_a, b) => 1 / b, db: (a, b) => -a / (b * b) },
  // max routes the gradient to the larger input (ties: the first), min to the smaller
  max: { f: (a, b) => (a >= b ? a : b), da: (a, b) => (a >= b ? 1 : 0), db: (a, b) => (a >= b ? 0 : 1) },
  min: { f: (a, b) => (a <= b ? a : b), da: (a, b) => (a <= b ? 1 : 0), db: (a, b) => (a <= b ? 0 : 1) },
};

/** Unary gates: value y = f(x) and local gradient dy/dx given x and y. */
export const UNARY: Record<UnaryGateName, { f(x: number): number; df(x: number, y: number): number }> = {
  negate: { f: (x) => -x, df: () => -1 },
  exp: { f: Math.exp, df: (_x, y) => y }, // d e^x = e^x
  log: { f: Math.log, df: (x) => 1 / x },
  // the hidden activations, each defined once (activations.ts)
  ...ACTIVATIONS,
};
