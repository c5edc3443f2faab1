/**
 * The lecture's gradient check on a circuit: beside each variable's analytic gradient (backprop
 * through the engine) its numerical gradient, the centred difference
 *   df/dx ≈ (f(x + h) - f(x - h)) / 2h,
 * and their relative error |a - n| / max(|a|, |n|) (ann/gradcheck.ts `relativeError`), placed in
 * the course's bands. A difference whose two sides choose differently at a kink (relu, max, min:
 * the engine's `kinkSignature` changes between x - h and x + h) is marked: it is not the
 * derivative of anything, and explains a large error. Also: why a circuit's output is not finite.
 */
import { evaluateExpression } from '../ann/expression';
import { GRADCHECK_H_RANGE, relativeError } from '../ann/gradcheck';
import { checkNumber } from '../errors';
import type { CircuitModel } from './circuits';

/**
 * The course's reading of a relative error: below 1e-7 `fine`; up to 1e-4 `kinks` (fine where
 * the function has kinks, too high otherwise); up to 1e-2 `uncomfortable`; above, `wrong`.
 */
export type ErrorBand = 'fine' | 'kinks' | 'uncomfortable' | 'wrong';

/** The band of a relative error (see ErrorBand). */
export function errorBand(relError: number): ErrorBand {
  if (!(relError < 1e-2)) return 'wrong';
  if (relError < 1e-7) return 'fine';
  return relError < 1e-4 ? 'kinks' : 'uncomfortable';
}

/** One variable's check. */
export interface VariableCheck {
  name: string;
  value: number;
  /** d f / d name by backprop. */
  analytic: number;
  /** The centred difference with step h. */
  numerical: number;
  relError: number;
  band: ErrorBand;
  /** x - h and x + h fall on different sides of a kink. */
  kink: boolean;
}

/**
 * Numerical against analytic gradients of `expression` at `values`, step `h` (within
 * GRADCHECK_H_RANGE, so the difference is neither round-off nor curvature). Float64 throughout.
 */
export function checkCircuitGradients(expression: string, values: Readonly<Record<string, number>>, h: number): VariableCheck[] {
  checkNumber('h', h, GRADCHECK_H_RANGE);
  const base = evaluateExpression(expression, { ...values });
  const signature = base.graph.kinkSignature(base.output);
  const out: VariableCheck[] = [];
  for (const [name, node] of base.variables) {
    const analytic = node.grad[0];
    const at = (x: number): { f: number; kinks: number } => {
      const eg = evaluateExpression(expression, { ...values, [name]: x });
      return { f: eg.output.value[0], kinks: eg.graph.kinkSignature(eg.output) };
    };
    const plus = at(values[name] + h);
    const minus = at(values[name] - h);
    const numerical = (plus.f - minus.f) / (2 * h);
    const relError = Number.isFinite(numerical) && Number.isFinite(analytic) ? relativeError(analytic, numerical) : Infinity;
    out.push({
      name, value: values[name], analytic, numerical, relError, band: errorBand(relError),
      kink: plus.kinks !== signature || minus.kinks !== signature,
    });
  }
  return out;
}

/** Why a circuit's output is not finite: the first gate whose inputs are finite but whose value is not. */
export interface NonFiniteCause {
  /** The gate's sub-expression (`log(x)`). */
  node: string;
  op: string;
  /** Its input values. */
  inputs: number[];
  /** `log-domain` (log of x <= 0), `divide-by-zero`, `overflow` (exp of a large number, or a product past 1.8e308), or `other`. */
  reason: 'log-domain' | 'divide-by-zero' | 'overflow' | 'other';
}

/** The cause of a non-finite output, or null when the output is finite. */
export function nonFiniteCause(m: CircuitModel): NonFiniteCause | null {
  const out = m.nodes[m.output];
  if (!out || Number.isFinite(out.value)) return null;
  for (const n of m.nodes) {
    if (Number.isFinite(n.value)) continue;
    const inputs = n.inputs.map((i) => m.nodes[i].value);
    if (!inputs.every(Number.isFinite)) continue;
    const reason: NonFiniteCause['reason'] = n.op === 'log' && inputs[0] <= 0 ? 'log-domain'
      : n.op === 'divide' && inputs[1] === 0 ? 'divide-by-zero'
      : Number.isNaN(n.value) ? 'other' : 'overflow';
    return { node: n.name, op: n.op, inputs, reason };
  }
  return { node: out.name, op: out.op, inputs: [], reason: 'other' };
}

/**
 * The gradient each wire carries back: for gate n with upstream gradient g = df/dn, the wire
 * from its k-th input carries g * dn/d(input k), the gate's local rule (lecture: add
 * distributes, mul switches, max routes). `out[n][k]` for node n's k-th input; null where the
 * gate has no gradient (constants upstream). Summed over a node's outgoing wires it is the node's
 * own gradient: the fan-out rule (x*x: two wires of x each, 2x in all).
 */
export function wireGradients(m: CircuitModel): (number | null)[][] {
  return m.nodes.map((n) => {
    const g = n.grad;
    const v = n.inputs.map((i) => m.nodes[i].value);
    const [a, b] = v;
    return n.inputs.map((i, k) => {
      if (g === null || m.nodes[i].grad === null) return null;
      switch (n.op) {
        case 'add': return g;
        case 'subtract': return k === 0 ? g : -g;
        case 'multiply': return g * (k === 0 ? b : a);
        case 'divide': return k === 0 ? g / b : (-g * a) / (b * b);
        case 'negate': return -g;
        case 'max': return (k === 0 ? a >= b : b > a) ? g : 0;
        case 'min': return (k === 0 ? a <= b : b < a) ? g : 0;
        case 'exp': return g * n.value;
        case 'log': return g / a;
        case 'relu': return a > 0 ? g : 0;
        case 'sigmoid': return g * n.value * (1 - n.value);
        case 'tanh': return g * (1 - n.value * n.value);
        default: return null;
      }
    });
  });
}
