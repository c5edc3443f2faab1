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
import { wireGradients } from '../core/lessons/circuit-check';
import { GATE_R, OUT_WIRE, circuitSize, foldedInput, hiddenNode, isLeaf, nodeCentre, routeWires, wireStart } from './circuit-geometry';

const SVG = 'http://www.w3.org/2000/svg';
/**
 * Smallest on-screen width per user unit: 14-unit labels stay at least 11 px tall; a wider
 * circuit scrolls sideways in its panel instead of shrinking.
 */
const MIN_PX_PER_UNIT = 0.8;

/** Texts the view needs (from the lesson text table). */
export interface CircuitViewTexts {
  /** aria-label of the whole graph, given the formula and the output value. */
  graphLabel(expr: string, value: string): string;
  /** aria-label of one node. */
  nodeLabel(name: string, value: string, grad: string): string;
  /** The one-line local rule of a node's gate (tooltip and caption). */
  rule(node: CircuitNode): string;
}

/** Narrow windows (a phone) draw the circuit top to bottom, so it fits the width without sideways scrolling. */
const PORTRAIT_QUERY = '(max-width: 700px)';
/** Room right of the last column in portrait for its value and gradient labels, user units. */
const PORTRAIT_LABELS = 72;

/** (x, y) -> (y, x) in every coordinate pair of an SVG path of absolute commands (M, C, L). */
function swapPath(d: string): string {
  return d.replace(/(-?[\d.]+),(-?[\d.]+)/g, '$2,$1');
}

export class CircuitView {
  /** The drawing; the owner puts it in the page. */
  readonly view: SVGSVGElement;
  /** Drawn top to bottom (inputs at the top, f at the bottom): the transpose of the lecture's left-to-right picture. */
  portrait = false;
  private last: CircuitModel | null = null;
  private readonly query = globalThis.matchMedia?.(PORTRAIT_QUERY) ?? null;
  private readonly onQuery = (): void => {
    const on = !!this.query?.matches;
    if (on !== this.portrait && this.last) {
      this.portrait = on;
      this.update(this.last);
    }
  };
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
    this.portrait = !!this.query?.matches;
    this.query?.addEventListener('change', this.onQuery);
  }

  /** Draws a circuit (replacing the previous one). */
  update(m: CircuitModel): void {
    this.last = m;
    this.edges.replaceChildren();
    this.labels.replaceChildren();
    this.nodes.replaceChildren();
    const size = circuitSize(m);
    const pt = this.portrait;
    // Portrait: every coordinate is transposed; labels are placed for a downward wire.
    const width = pt ? size.height + PORTRAIT_LABELS : size.width;
    const height = pt ? size.width : size.height;
    const P = (x: number, y: number): { x: number; y: number } => (pt ? { x: y, y: x } : { x, y });
    this.view.classList.toggle('circuit-portrait', pt);
    this.view.setAttribute('viewBox', `0 0 ${width} ${height}`);
    this.view.style.setProperty('--circuit-aspect', `${width} / ${height}`);
    this.view.style.setProperty('--circuit-min-width', `${Math.round(Math.max(pt ? 0 : 480, width * MIN_PX_PER_UNIT))}px`);
    const out = m.nodes[m.output];
    this.view.setAttribute('aria-label', this.t.graphLabel(m.expression, out ? formatCircuitNumber(out.value) : ''));

    // Wires (routed around gates), one per use of a value; where a value fans out, each branch
    // carries its own gradient (small, red, by the gate it feeds) and they add up to the total
    // printed at the branch point.
    const wires = routeWires(m);
    const perWire = wireGradients(m);
    const uses = new Map<number, number>();
    for (const w of wires) uses.set(w.from, (uses.get(w.from) ?? 0) + 1);
    for (const w of wires) {
      const path = el('path', { class: 'circuit-wire', d: pt ? swapPath(w.d) : w.d });
      path.dataset.from = m.nodes[w.from].name;
      path.dataset.to = m.nodes[w.to].name;
      this.edges.append(path);
      const g = perWire[w.to][w.input];
      if ((uses.get(w.from) ?? 0) > 1 && g !== null) {
        const label = pt
          ? text(formatCircuitNumber(g), w.end.y + 6, w.end.x - 8, 'circuit-grad circuit-branch-grad', 'start')
          : text(formatCircuitNumber(g), w.end.x - 6, w.end.y + (w.end.y >= nodeCentre(m, m.nodes[w.to]).y ? 14 : -6), 'circuit-grad circuit-branch-grad', 'end');
        label.dataset.from = m.nodes[w.from].name;
        label.dataset.to = m.nodes[w.to].name;
        this.labels.append(label);
      }
    }
    for (const n of m.nodes) {
      if (hiddenNode(m, n)) continue;
      const s = wireStart(m, n);
      this.wireLabels(n, s.x, s.y);
    }
    if (out) {
      // The output's own wire, to the right, ending in f.
      const { x: x0, y } = wireStart(m, out);
      const d = `M${x0},${y} L${x0 + OUT_WIRE - 12},${y}`;
      this.edges.append(el('path', { class: 'circuit-wire', d: pt ? swapPath(d) : d }));
      if (pt) this.labels.append(text('f', y, x0 + OUT_WIRE + 4, 'circuit-f', 'middle'));
      else this.labels.append(text('f', x0 + OUT_WIRE - 6, y + 5, 'circuit-f'));
    }
    for (const n of m.nodes) {
      if (hiddenNode(m, n)) continue;
      const c = nodeCentre(m, n);
      const oneOver = foldedInput(m, n, 0);
      const q = P(c.x, c.y);
      this.nodes.append(this.node(n, q.x, q.y, isLeaf(n), oneOver));
    }
  }

  /** Value above the wire (green), gradient below (red), at the start of the node's outgoing wire. */
  private wireLabels(n: CircuitNode, x: number, y: number): void {
    // Portrait: right of the downward wire, value above gradient.
    const pt = this.portrait;
    const v = pt ? text(formatCircuitNumber(n.value), y + 6, x + 14, 'circuit-value') : text(formatCircuitNumber(n.value), x + 5, y - 7, 'circuit-value');
    v.dataset.node = n.name;
    this.labels.append(v);
    if (n.grad !== null) {
      const g = pt ? text(formatCircuitNumber(n.grad), y + 6, x + 30, 'circuit-grad') : text(formatCircuitNumber(n.grad), x + 5, y + 19, 'circuit-grad');
      g.dataset.node = n.name;
      this.labels.append(g);
    }
  }

  private node(n: CircuitNode, x: number, y: number, leaf: boolean, oneOver: boolean): SVGGElement {
    const g = el('g', { class: `circuit-node circuit-${leaf ? 'leaf' : 'gate'}`, tabindex: '0', role: 'img', transform: `translate(${x},${y})` });
    g.dataset.op = n.op;
    g.dataset.node = n.name;
    const value = formatCircuitNumber(n.value);
    g.setAttribute('aria-label', this.t.nodeLabel(n.name, value, n.grad === null ? '' : formatCircuitNumber(n.grad)));
    const title = el('title', {});
    title.textContent = `${n.name}: ${this.t.rule(n)}`;
    g.append(title);
    // Division is its own gate: "1/x" (the lecture's reciprocal) when the numerator is 1, else "a/b".
    const symbol = oneOver ? '1/x' : n.op === 'divide' ? 'a/b' : gateSymbol(n);
    if (leaf) {
      // Inputs and constants: their name, right-aligned (portrait: above), and a small terminal dot on the wire.
      if (this.portrait) {
        g.append(text(symbol, 0, -2, `circuit-name circuit-${n.op}`, 'middle'));
        g.append(el('circle', { class: 'circuit-terminal', cx: '0', cy: '6', r: '2.5' }));
      } else {
        g.append(text(symbol, 2, 5, `circuit-name circuit-${n.op}`, 'end'));
        g.append(el('circle', { class: 'circuit-terminal', cx: '6', cy: '0', r: '2.5' }));
      }
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
    this.query?.removeEventListener('change', this.onQuery);
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
