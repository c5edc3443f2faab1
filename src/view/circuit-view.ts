/**
 * The circuit view: a laid-out computational graph (src/core/lessons/circuits.ts) drawn as in
 * the lecture's diagrams. Inputs are names on the left, gates are circles with their symbol,
 * wires run left to right; on the wire leaving each node, its forward value sits above (green)
 * and its backward gradient d f / d node below (red). Where a value fans out, the labels sit
 * before the branch: the gradient shown is the node's total, the sum over its branches.
 *
 * SVG, not Pixi: a circuit has tens of nodes and changes only when the student types, so there is
 * no frame loop to feed; the numbers are real text (crisp at presenter sizes, selectable, read by
 * screen readers and tests); hover and focus are plain DOM events; and the page keeps its two
 * WebGL contexts (software WebGL is slow here, and browsers cap the number of contexts).
 */
import { formatCircuitNumber, gateSymbol, type CircuitModel, type CircuitNode } from '../core/lessons/circuits';

const SVG = 'http://www.w3.org/2000/svg';
/** Layout in SVG user units (the viewBox scales them to the panel). */
const COLUMN = 132;
const ROW = 70;
const GATE_R = 19;
const PAD_X = 56;
const PAD_Y = 34;
const OUT_WIRE = 84;

/** Texts the view needs (from the lesson text table). */
export interface CircuitViewTexts {
  /** aria-label of the whole graph, given the formula and the output value. */
  graphLabel(expr: string, value: string): string;
  /** aria-label of one node. */
  nodeLabel(name: string, value: string, grad: string): string;
  /** The one-line local rule of a node's gate (tooltip and caption). */
  rule(node: CircuitNode): string;
}

export class CircuitView {
  /** The drawing; the owner puts it in the page. */
  readonly view: SVGSVGElement;
  private readonly edges: SVGGElement;
  private readonly labels: SVGGElement;
  private readonly nodes: SVGGElement;

  /** @param onHover a node under the pointer or focused (null when it leaves) */
  constructor(
    private readonly t: CircuitViewTexts,
    private readonly onHover: (node: CircuitNode | null) => void,
  ) {
    this.view = el('svg', { class: 'circuit-svg', role: 'group' });
    this.edges = el('g', { class: 'circuit-edges' });
    this.labels = el('g', { class: 'circuit-labels' });
    this.nodes = el('g', { class: 'circuit-nodes' });
    this.view.append(this.edges, this.labels, this.nodes);
  }

  /** Draws a circuit (replacing the previous one). */
  update(m: CircuitModel): void {
    this.edges.replaceChildren();
    this.labels.replaceChildren();
    this.nodes.replaceChildren();
    const width = PAD_X * 2 + Math.max(0, m.layers - 1) * COLUMN + OUT_WIRE;
    const height = PAD_Y * 2 + Math.max(0, m.maxRows - 1) * ROW;
    this.view.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.view.style.setProperty('--circuit-aspect', `${width} / ${height}`);
    const out = m.nodes[m.output];
    this.view.setAttribute('aria-label', this.t.graphLabel(m.expression, out ? formatCircuitNumber(out.value) : ''));
    const px = (n: CircuitNode): number => PAD_X + n.layer * COLUMN;
    const py = (n: CircuitNode): number => PAD_Y + (n.y + (m.maxRows - 1) / 2) * ROW;
    const isLeaf = (n: CircuitNode): boolean => n.op === 'variable' || n.op === 'constant';
    /** Where a node's outgoing wire starts (right of the circle, or right of the leaf's name). */
    const startX = (n: CircuitNode): number => px(n) + (isLeaf(n) ? 8 : GATE_R);

    for (const n of m.nodes) {
      // Wires into this node: horizontal tangents at both ends (a smooth S), ending at the circle.
      for (const j of n.inputs) {
        const a = m.nodes[j];
        const x0 = startX(a), y0 = py(a), x1 = px(n) - GATE_R, y1 = py(n);
        const c = Math.max(24, (x1 - x0) / 2);
        this.edges.append(el('path', { class: 'circuit-wire', d: `M${x0},${y0} C${x0 + c},${y0} ${x1 - c},${y1} ${x1},${y1}` }));
      }
      this.wireLabels(n, startX(n), py(n));
    }
    if (out) {
      // The output's own wire, to the right, ending in f.
      const x0 = startX(out), y = py(out);
      this.edges.append(el('path', { class: 'circuit-wire', d: `M${x0},${y} H${x0 + OUT_WIRE - 12}` }));
      this.labels.append(text('f', x0 + OUT_WIRE - 6, y + 5, 'circuit-f'));
    }
    for (const n of m.nodes) this.nodes.append(this.node(n, px(n), py(n), isLeaf(n)));
  }

  /** Value above the wire (green), gradient below (red), at the start of the node's outgoing wire. */
  private wireLabels(n: CircuitNode, x: number, y: number): void {
    const v = text(formatCircuitNumber(n.value), x + 5, y - 7, 'circuit-value');
    v.dataset.node = n.name;
    this.labels.append(v);
    if (n.grad !== null) {
      const g = text(formatCircuitNumber(n.grad), x + 5, y + 19, 'circuit-grad');
      g.dataset.node = n.name;
      this.labels.append(g);
    }
  }

  private node(n: CircuitNode, x: number, y: number, leaf: boolean): SVGGElement {
    const g = el('g', { class: `circuit-node circuit-${leaf ? 'leaf' : 'gate'}`, tabindex: '0', role: 'img', transform: `translate(${x},${y})` });
    g.dataset.op = n.op;
    g.dataset.node = n.name;
    const value = formatCircuitNumber(n.value);
    g.setAttribute('aria-label', this.t.nodeLabel(n.name, value, n.grad === null ? '' : formatCircuitNumber(n.grad)));
    const title = el('title', {});
    title.textContent = `${n.name}: ${this.t.rule(n)}`;
    g.append(title);
    const symbol = gateSymbol(n);
    if (leaf) {
      // Inputs and constants: their name, right-aligned, and a small terminal dot on the wire.
      g.append(text(symbol, 2, 5, `circuit-name circuit-${n.op}`, 'end'));
      g.append(el('circle', { class: 'circuit-terminal', cx: '6', cy: '0', r: '2.5' }));
    } else {
      g.append(el('circle', { class: 'circuit-gate', r: String(GATE_R) }));
      g.append(text(symbol, 0, symbol.length > 2 ? 4 : 6, `circuit-symbol${symbol.length > 2 ? ' circuit-symbol-word' : ''}`, 'middle'));
    }
    const enter = (): void => this.onHover(n);
    const leave = (): void => this.onHover(null);
    g.addEventListener('pointerenter', enter);
    g.addEventListener('pointerdown', enter); // touch: a tap shows the rule
    g.addEventListener('focus', enter);
    g.addEventListener('pointerleave', leave);
    g.addEventListener('blur', leave);
    return g;
  }

  destroy(): void {
    this.view.remove();
  }
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

function text(s: string, x: number, y: number, cls: string, anchor: 'start' | 'middle' | 'end' = 'start'): SVGTextElement {
  const t = el('text', { x: String(x), y: String(y), class: cls, 'text-anchor': anchor });
  t.textContent = s;
  return t;
}
