/**
 * The computational graph of the backprop lecture: nodes with a name, an operation, a value and
 * a gradient, joined by gates. Built once over preallocated Float64Array buffers (every node's
 * `value` and `grad` are rows x cols, row-major), then run many times: `forward()` computes every
 * value in topological order, `backward()` seeds d(output)/d(output) = 1 and walks the order
 * backwards; each gate adds (local gradient x upstream gradient) into its inputs' `grad`, so a
 * value that fans out collects the sum of its paths (the multivariable chain rule).
 *
 * Nothing in forward/backward allocates or looks anything up by string: gates are objects bound
 * to their buffers at build time.
 */
import { ParameterError, checkNumber } from '../errors';
import type { Activation } from './activations';
import { AffineGate, L2Gate, SoftmaxGate, SvmGate, kinkToken, type Gate } from './graph-gates';
import { BINARY, BINARY_GATES, GATE_NAMES, UNARY, UNARY_GATES, type BinaryGateName, type GateName, type UnaryGateName } from './gate-tables';

export { BINARY_GATES, GATE_NAMES, UNARY_GATES, type BinaryGateName, type GateName, type UnaryGateName };

/** One node of the graph. `value` and `grad` have rows * cols entries, row-major. */
export interface GraphNode {
  readonly id: number;
  /** Name for people: a variable's name, or the sub-expression / layer it computes (e.g. `x+y`, `h`). */
  readonly name: string;
  /** The gate that produced it (`add`, `affine`, ...), or `input` / `variable` / `constant` for leaves. */
  readonly op: string;
  readonly rows: number;
  readonly cols: number;
  readonly value: Float64Array;
  /** d(output) / d(this node), filled by backward(); all zeros for nodes that need no gradient. */
  readonly grad: Float64Array;
  readonly inputs: readonly GraphNode[];
  /** True when some variable upstream needs a gradient through this node. */
  readonly requiresGrad: boolean;
}

let nextGraphId = 0;

/** A computational graph: build nodes with the gate methods, then forward()/backward() many times. */
export class Graph {
  readonly nodes: GraphNode[] = [];
  private readonly gates: (Gate | null)[] = [];
  private order: GraphNode[] = [];
  private orderGates: Gate[] = [];
  private orderFor: GraphNode | null = null;
  private readonly uid = nextGraphId++;

  // ---- leaves -------------------------------------------------------------------------------

  /** A leaf that needs a gradient (a parameter, or a lecture circuit's input). */
  variable(name: string, rows: number, cols: number, init?: ArrayLike<number> | number): GraphNode {
    return this.leaf(name, 'variable', rows, cols, true, init);
  }

  /** A data leaf without a gradient (e.g. the input batch X). */
  input(name: string, rows: number, cols: number, init?: ArrayLike<number>): GraphNode {
    return this.leaf(name, 'input', rows, cols, false, init);
  }

  /** A 1 x 1 constant. */
  constant(value: number, name = String(value)): GraphNode {
    return this.leaf(name, 'constant', 1, 1, false, value);
  }

  private leaf(name: string, op: string, rows: number, cols: number, requiresGrad: boolean, init?: ArrayLike<number> | number): GraphNode {
    checkNumber(`${name}.rows`, rows, { min: 1, integer: true });
    checkNumber(`${name}.cols`, cols, { min: 1, integer: true });
    const node = this.node(name, op, rows, cols, [], requiresGrad, null);
    if (typeof init === 'number') node.value.fill(init);
    else if (init !== undefined) this.set(node, init);
    return node;
  }

  /** Copies `values` (rows * cols numbers) into a node's value. */
  set(node: GraphNode, values: ArrayLike<number>): void {
    if (values.length !== node.value.length) {
      throw new ParameterError(`${node.name} values`, values.length, `${node.value.length} numbers (${node.rows} x ${node.cols})`);
    }
    node.value.set(values);
  }

  /** The first node with this name (for presets and tests; not for hot loops). */
  get(name: string): GraphNode {
    const n = this.nodes.find((x) => x.name === name);
    if (!n) throw new ParameterError('node', name, `one of ${this.nodes.map((x) => x.name).join(', ')}`);
    return n;
  }

  // ---- gates --------------------------------------------------------------------------------

  /** Applies a gate by name (the expression language's door); unknown names are a ParameterError. */
  apply(gate: string, inputs: GraphNode[], name?: string): GraphNode {
    if ((BINARY_GATES as readonly string[]).includes(gate)) {
      this.arity(gate, inputs, 2);
      return this.binary(gate as BinaryGateName, inputs[0], inputs[1], name);
    }
    if ((UNARY_GATES as readonly string[]).includes(gate)) {
      this.arity(gate, inputs, 1);
      return this.unary(gate as UnaryGateName, inputs[0], name);
    }
    switch (gate) {
      case 'matmul': this.arity(gate, inputs, 2); return this.matmul(inputs[0], inputs[1], name);
      case 'affine': this.arity(gate, inputs, 3); return this.affine(inputs[0], inputs[1], inputs[2], name);
      case 'sum': this.arity(gate, inputs, 1); return this.sum(inputs[0], name);
      default:
        throw new ParameterError('gate', gate, `one of ${[...BINARY_GATES, ...UNARY_GATES, 'matmul', 'affine', 'sum'].join(', ')} (softmax-cross-entropy, svm and l2 take labels or a strength: call them directly)`);
    }
  }

  private arity(gate: string, inputs: GraphNode[], n: number): void {
    if (inputs.length !== n) throw new ParameterError(`${gate} inputs`, inputs.length, `${n} input${n > 1 ? 's' : ''}`);
  }

  add(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('add', a, b, name); }
  subtract(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('subtract', a, b, name); }
  multiply(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('multiply', a, b, name); }
  divide(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('divide', a, b, name); }
  max(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('max', a, b, name); }
  min(a: GraphNode, b: GraphNode, name?: string): GraphNode { return this.binary('min', a, b, name); }
  negate(x: GraphNode, name?: string): GraphNode { return this.unary('negate', x, name); }
  exp(x: GraphNode, name?: string): GraphNode { return this.unary('exp', x, name); }
  log(x: GraphNode, name?: string): GraphNode { return this.unary('log', x, name); }
  relu(x: GraphNode, name?: string): GraphNode { return this.unary('relu', x, name); }
  sigmoid(x: GraphNode, name?: string): GraphNode { return this.unary('sigmoid', x, name); }
  tanh(x: GraphNode, name?: string): GraphNode { return this.unary('tanh', x, name); }

  /**
   * Elementwise binary gate with broadcasting: shapes must agree in each dimension or be 1 there
   * (a 1 x 1 scalar, or a 1 x C row added to every row). The gradient of a broadcast input sums
   * over the rows/columns it was copied to.
   */
  binary(op: BinaryGateName, a: GraphNode, b: GraphNode, name?: string): GraphNode {
    const rows = broadcastDim(a.rows, b.rows), cols = broadcastDim(a.cols, b.cols);
    if (rows < 0 || cols < 0) {
      throw new ParameterError(`${op} shapes`, `${a.name} ${a.rows}x${a.cols}, ${b.name} ${b.rows}x${b.cols}`, 'equal shapes, or 1 in a dimension where they differ');
    }
    const out = this.node(name ?? `${op}(${a.name},${b.name})`, op, rows, cols, [a, b], a.requiresGrad || b.requiresGrad, null);
    const fn = BINARY[op];
    const aRs = a.rows === 1 ? 0 : a.cols, aCs = a.cols === 1 ? 0 : 1;
    const bRs = b.rows === 1 ? 0 : b.cols, bCs = b.cols === 1 ? 0 : 1;
    const av = a.value, bv = b.value, ag = a.grad, bg = b.grad, ov = out.value, og = out.grad;
    const aNeeds = a.requiresGrad, bNeeds = b.requiresGrad;
    this.gates[out.id] = {
      forward() {
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) ov[i] = fn.f(av[r * aRs + c * aCs], bv[r * bRs + c * bCs]);
        }
      },
      kinks() {
        if (op !== 'max' && op !== 'min') return 0;
        let h = 0;
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) h += kinkToken(i, av[r * aRs + c * aCs] >= bv[r * bRs + c * bCs]);
        }
        return h;
      },
      backward() {
        for (let r = 0, i = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++, i++) {
            const ia = r * aRs + c * aCs, ib = r * bRs + c * bCs;
            if (aNeeds) ag[ia] += fn.da(av[ia], bv[ib]) * og[i];
            if (bNeeds) bg[ib] += fn.db(av[ia], bv[ib]) * og[i];
          }
        }
      },
    };
    return out;
  }

  /** Elementwise unary gate: y = f(x), dx += f'(x) dy. ReLU has its own tight loop (hot path). */
  unary(op: UnaryGateName, x: GraphNode, name?: string): GraphNode {
    const out = this.node(name ?? `${op}(${x.name})`, op, x.rows, x.cols, [x], x.requiresGrad, null);
    const xv = x.value, xg = x.grad, yv = out.value, yg = out.grad, n = xv.length, needs = x.requiresGrad;
    if (op === 'relu') {
      this.gates[out.id] = {
        forward() {
          for (let i = 0; i < n; i++) { const v = xv[i]; yv[i] = v > 0 ? v : 0; }
        },
        backward() {
          if (!needs) return;
          // the ReLU gate passes the gradient where its input was positive, and blocks it elsewhere
          for (let i = 0; i < n; i++) if (xv[i] > 0) xg[i] += yg[i];
        },
        kinks() {
          let h = 0;
          for (let i = 0; i < n; i++) h += kinkToken(i, xv[i] > 0);
          return h;
        },
      };
      return out;
    }
    return this.elementwise(out, x, UNARY[op]);
  }

  /** A hidden activation given as a function (a soma model's f-I curve, soma-fi-activation.ts), gate named `op`. */
  activation(op: string, fn: Activation, x: GraphNode, name?: string): GraphNode {
    return this.elementwise(this.node(name ?? `${op}(${x.name})`, op, x.rows, x.cols, [x], x.requiresGrad, null), x, fn);
  }

  private elementwise(out: GraphNode, x: GraphNode, fn: Activation): GraphNode {
    const op = out.op, xv = x.value, xg = x.grad, yv = out.value, yg = out.grad, n = xv.length, needs = x.requiresGrad;
    this.gates[out.id] = {
      forward() {
        for (let i = 0; i < n; i++) yv[i] = fn.f(xv[i]);
      },
      backward() {
        if (!needs) return;
        for (let i = 0; i < n; i++) xg[i] += fn.df(xv[i], yv[i]) * yg[i];
      },
      kinks() {
        if (op !== 'lif-rate') return 0; // the LIF rate has a kink at threshold (z = 0)
        let h = 0;
        for (let i = 0; i < n; i++) h += kinkToken(i, xv[i] > 0);
        return h;
      },
    };
    return out;
  }

  /** Matrix product A (R x K) B (K x C): dA += dOut B^T, dB += A^T dOut. */
  matmul(a: GraphNode, b: GraphNode, name?: string): GraphNode {
    if (a.cols !== b.rows) throw new ParameterError('matmul shapes', `${a.name} ${a.rows}x${a.cols}, ${b.name} ${b.rows}x${b.cols}`, `${b.name} with ${a.cols} rows`);
    const out = this.node(name ?? `${a.name}@${b.name}`, 'matmul', a.rows, b.cols, [a, b], a.requiresGrad || b.requiresGrad, null);
    this.gates[out.id] = new AffineGate(a, b, null, out);
    return out;
  }

  /**
   * The fused layer scores = X W + b (the course's convention): X is N x D, W is D x H, b is 1 x H.
   * One gate with tight loops instead of matmul + broadcast add: this is the network's hot path.
   */
  affine(x: GraphNode, w: GraphNode, b: GraphNode, name?: string): GraphNode {
    if (x.cols !== w.rows) throw new ParameterError('affine shapes', `${x.name} ${x.rows}x${x.cols}, ${w.name} ${w.rows}x${w.cols}`, `${w.name} with ${x.cols} rows`);
    if (b.rows !== 1 || b.cols !== w.cols) throw new ParameterError('affine shapes', `${b.name} ${b.rows}x${b.cols}`, `a bias of 1 x ${w.cols}`);
    const out = this.node(name ?? `${x.name}@${w.name}+${b.name}`, 'affine', x.rows, w.cols, [x, w, b], x.requiresGrad || w.requiresGrad || b.requiresGrad, null);
    this.gates[out.id] = new AffineGate(x, w, b, out);
    return out;
  }

  /** Sum of all entries (1 x 1): every input gets the upstream gradient. */
  sum(x: GraphNode, name?: string): GraphNode {
    const out = this.node(name ?? `sum(${x.name})`, 'sum', 1, 1, [x], x.requiresGrad, null);
    const xv = x.value, xg = x.grad, ov = out.value, og = out.grad, n = xv.length, needs = x.requiresGrad;
    this.gates[out.id] = {
      forward() { let s = 0; for (let i = 0; i < n; i++) s += xv[i]; ov[0] = s; },
      backward() { if (!needs) return; const g = og[0]; for (let i = 0; i < n; i++) xg[i] += g; },
    };
    return out;
  }

  /**
   * Softmax cross-entropy, averaged over the N rows of `scores` (N x K):
   * L = (1/N) sum_i [log sum_j e^{s_ij} - s_{i,y_i}]; dL/ds_ij = (p_ij - [j = y_i]) / N.
   * `labels` (N class indices) is read at every forward, so a trainer may refill it in place.
   */
  softmaxCrossEntropy(scores: GraphNode, labels: Int32Array, name = 'data loss'): GraphNode {
    this.checkLabels('softmax-cross-entropy', scores, labels);
    const out = this.node(name, 'softmax-cross-entropy', 1, 1, [scores], scores.requiresGrad, null);
    this.gates[out.id] = new SoftmaxGate(scores, labels, out);
    return out;
  }

  /**
   * Multiclass SVM hinge loss (Weston-Watkins), averaged over rows:
   * L = (1/N) sum_i sum_{j != y_i} max(0, s_ij - s_{i,y_i} + delta), delta = 1 by default.
   */
  svm(scores: GraphNode, labels: Int32Array, delta = 1, name = 'data loss'): GraphNode {
    this.checkLabels('svm', scores, labels);
    checkNumber('delta', delta, { min: 0 });
    const out = this.node(name, 'svm', 1, 1, [scores], scores.requiresGrad, null);
    this.gates[out.id] = new SvmGate(scores, labels, delta, out);
    return out;
  }

  /** L2 penalty 0.5 * strength * sum(W^2) (the course's form): dW += strength * W. `strength` is mutable via the returned node's gate. */
  l2(w: GraphNode, strength: number, name?: string): GraphNode {
    checkNumber('reg', strength, { min: 0 });
    const out = this.node(name ?? `l2(${w.name})`, 'l2', 1, 1, [w], w.requiresGrad, null);
    const gate = new L2Gate(w, strength, out);
    this.gates[out.id] = gate;
    return out;
  }

  /** Changes the strength of an l2 node (e.g. a slider on the page). */
  setL2Strength(node: GraphNode, strength: number): void {
    const gate = this.gates[node.id];
    if (!(gate instanceof L2Gate)) throw new ParameterError('node', node.name, 'an l2 node');
    gate.strength = checkNumber('reg', strength, { min: 0 });
  }

  private checkLabels(op: string, scores: GraphNode, labels: Int32Array): void {
    if (!(labels instanceof Int32Array) || labels.length !== scores.rows) {
      throw new ParameterError(`${op} labels`, labels?.length, `an Int32Array of ${scores.rows} labels (one per row of ${scores.name})`);
    }
  }

  private node(name: string, op: string, rows: number, cols: number, inputs: GraphNode[], requiresGrad: boolean, gate: Gate | null): GraphNode {
    for (const x of inputs) {
      if ((x as InternalNode).graph !== this.uid) throw new ParameterError('node', x.name, 'a node of the same graph');
    }
    const node: InternalNode = {
      id: this.nodes.length, name, op, rows, cols,
      value: new Float64Array(rows * cols), grad: new Float64Array(rows * cols),
      inputs, requiresGrad, graph: this.uid,
    };
    this.nodes.push(node);
    this.gates.push(gate);
    this.orderFor = null;
    return node;
  }

  // ---- running ------------------------------------------------------------------------------

  /**
   * The nodes `output` depends on, inputs before the nodes that use them. Iterative depth-first
   * search (an explicit stack, so a graph thousands of gates deep does not overflow the call stack).
   */
  topologicalOrder(output: GraphNode): GraphNode[] {
    if (this.orderFor === output) return this.order;
    const state = new Uint8Array(this.nodes.length); // 0 new, 1 on the stack, 2 done
    const stack: GraphNode[] = [output];
    const order: GraphNode[] = [];
    while (stack.length) {
      const n = stack[stack.length - 1];
      if (state[n.id] === 2) { stack.pop(); continue; }
      if (state[n.id] === 0) {
        state[n.id] = 1;
        for (let i = n.inputs.length - 1; i >= 0; i--) if (state[n.inputs[i].id] === 0) stack.push(n.inputs[i]);
      } else {
        state[n.id] = 2;
        stack.pop();
        order.push(n);
      }
    }
    this.order = order;
    this.orderGates = order.map((n) => this.gates[n.id]).filter((g): g is Gate => g !== null);
    this.orderFor = output;
    return order;
  }

  /**
   * A number that changes when any kinked gate (relu, max, min, svm, lif-rate) upstream of
   * `output` changes branch; the gradient check uses it to skip differences taken across a kink.
   */
  kinkSignature(output: GraphNode): number {
    if (this.orderFor !== output) this.topologicalOrder(output);
    let h = 0;
    for (const g of this.orderGates) if (g.kinks) h += g.kinks();
    return h;
  }

  /** Computes the value of every node `output` depends on (default: the last node built). */
  forward(output: GraphNode = this.nodes[this.nodes.length - 1]): GraphNode {
    if (this.orderFor !== output) this.topologicalOrder(output);
    const gates = this.orderGates;
    for (let i = 0; i < gates.length; i++) gates[i].forward();
    return output;
  }

  /**
   * Fills every node's grad with d(output)/d(node). For a non-scalar output, `seed` gives the
   * upstream gradient (rows * cols numbers); a scalar output is seeded with 1. Call forward() first.
   */
  backward(output: GraphNode = this.nodes[this.nodes.length - 1], seed?: ArrayLike<number>): void {
    if (this.orderFor !== output) this.topologicalOrder(output);
    const order = this.order;
    for (let i = 0; i < order.length; i++) if (order[i].requiresGrad) order[i].grad.fill(0);
    if (seed) {
      if (seed.length !== output.grad.length) throw new ParameterError('seed', seed.length, `${output.grad.length} numbers`);
      output.grad.set(seed);
    } else {
      if (output.grad.length !== 1) throw new ParameterError('output', output.name, 'a 1 x 1 node, or a seed gradient');
      output.grad[0] = 1;
    }
    const gates = this.orderGates;
    for (let i = gates.length - 1; i >= 0; i--) gates[i].backward();
  }
}

interface InternalNode extends GraphNode { graph: number }

function broadcastDim(a: number, b: number): number {
  if (a === b) return a;
  if (a === 1) return b;
  if (b === 1) return a;
  return -1;
}
