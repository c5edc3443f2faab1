/**
 * Where the circuit view puts things, without the DOM (so tests can check the drawing's geometry):
 * node centres, and wires routed so that none runs behind a gate. A wire from column a to column
 * b passes each column in between at a height free of that column's nodes (a lane at least
 * CLEARANCE from every node there); between waypoints it is a cubic with horizontal tangents (a
 * smooth S). The k-th of a gate's m inputs enters at its own point on the gate's left side, so
 * two uses of one value (x*x) are two wires.
 */
import type { CircuitModel, CircuitNode } from '../core/lessons/circuits';

/** Layout in SVG user units (the viewBox scales them to the panel). */
export const COLUMN = 132;
export const ROW = 70;
export const GATE_R = 19;
export const PAD_X = 56;
export const PAD_Y = 34;
export const OUT_WIRE = 84;
/** Nearest a wire may pass a node's centre it does not connect to. */
export const CLEARANCE = GATE_R + 7;
/** Vertical spacing of a gate's input wires where they meet its circle. */
const ENTRY_SPREAD = 14;
/**
 * A wire leaves its node straight for this long (where the wire has room) before it bends: the
 * node's value and gradient labels sit on that straight part, above and below it, and a bend
 * would run through them.
 */
const LABEL_RUN = 48;

export interface Point {
  x: number;
  y: number;
}

/** A routed wire: its SVG path, its waypoints, and points sampled along it (for tests). */
export interface Wire {
  from: number;
  to: number;
  /** Which input of `to` it feeds. */
  input: number;
  d: string;
  start: Point;
  end: Point;
  samples: Point[];
}

export const isLeaf = (n: CircuitNode): boolean => n.op === 'variable' || n.op === 'constant';

/** The centre of a node in user units. */
export function nodeCentre(m: CircuitModel, n: CircuitNode): Point {
  return { x: PAD_X + n.layer * COLUMN, y: PAD_Y + (n.y + (m.maxRows - 1) / 2) * ROW };
}

/** The drawing's size in user units. */
export function circuitSize(m: CircuitModel): { width: number; height: number } {
  return { width: PAD_X * 2 + Math.max(0, m.layers - 1) * COLUMN + OUT_WIRE, height: PAD_Y * 2 + Math.max(0, m.maxRows - 1) * ROW };
}

/** Where a node's outgoing wire starts (right of the circle, or right of the leaf's name). */
export function wireStart(m: CircuitModel, n: CircuitNode): Point {
  const c = nodeCentre(m, n);
  return { x: c.x + (isLeaf(n) ? 8 : GATE_R), y: c.y };
}

function cubic(a: Point, b: Point, t: number): Point {
  const c = Math.max(24, (b.x - a.x) / 2);
  const p1 = { x: a.x + c, y: a.y }, p2 = { x: b.x - c, y: b.y };
  const u = 1 - t;
  return {
    x: u * u * u * a.x + 3 * u * u * t * p1.x + 3 * u * t * t * p2.x + t * t * t * b.x,
    y: u * u * u * a.y + 3 * u * u * t * p1.y + 3 * u * t * t * p2.y + t * t * t * b.y,
  };
}

/**
 * A height in column `layer` near `want` that keeps CLEARANCE from every node of that column:
 * `want` itself if free, else the free height nearest to it (between two nodes, or beyond the
 * column's ends).
 */
function freeLane(m: CircuitModel, layer: number, want: number): number {
  const ys = m.nodes.filter((n) => n.layer === layer && !hiddenNode(m, n)).map((n) => nodeCentre(m, n).y).sort((a, b) => a - b);
  const free = (y: number): boolean => ys.every((q) => Math.abs(q - y) >= CLEARANCE);
  if (free(want)) return want;
  const candidates = [ys[0] - CLEARANCE, ys[ys.length - 1] + CLEARANCE];
  for (let i = 1; i < ys.length; i++) if (ys[i] - ys[i - 1] >= 2 * CLEARANCE) candidates.push((ys[i] + ys[i - 1]) / 2);
  return candidates.filter(free).sort((a, b) => Math.abs(a - want) - Math.abs(b - want))[0] ?? want;
}

/**
 * The numerator 1 of a division: the lecture draws 1/x as one gate, so the view leaves out that
 * wire and the gate reads "1/x".
 */
export function foldedInput(m: CircuitModel, n: CircuitNode, k: number): boolean {
  if (n.op !== 'divide' || k !== 0) return false;
  const a = m.nodes[n.inputs[0]];
  return a.op === 'constant' && a.value === 1 && n.inputs[1] !== a.index;
}

/** A constant whose every use is a folded numerator (then it is not drawn at all). */
export function hiddenNode(m: CircuitModel, n: CircuitNode): boolean {
  if (n.op !== 'constant') return false;
  let uses = 0;
  for (const u of m.nodes) {
    for (let k = 0; k < u.inputs.length; k++) {
      if (u.inputs[k] !== n.index) continue;
      if (!foldedInput(m, u, k)) return false;
      uses++;
    }
  }
  return uses > 0;
}

/** Every wire of the circuit, routed (a folded numerator's wire is left out). */
export function routeWires(m: CircuitModel): Wire[] {
  const wires: Wire[] = [];
  for (const n of m.nodes) {
    const drawn = n.inputs.map((j, k) => ({ j, k })).filter(({ k }) => !foldedInput(m, n, k));
    const c = nodeCentre(m, n);
    drawn.forEach(({ j, k }, slot) => {
      const a = m.nodes[j];
      const start = wireStart(m, a);
      const dy = (slot - (drawn.length - 1) / 2) * ENTRY_SPREAD;
      // on the circle: x = cx - sqrt(r^2 - dy^2)
      const end = { x: c.x - Math.sqrt(Math.max(0, GATE_R * GATE_R - dy * dy)), y: c.y + dy };
      const points: Point[] = [start];
      const first = a.layer + 1 < n.layer ? PAD_X + (a.layer + 1) * COLUMN : end.x;
      if (first - start.x >= LABEL_RUN + 40) points.push({ x: start.x + LABEL_RUN, y: start.y });
      for (let l = a.layer + 1; l < n.layer; l++) {
        const x = PAD_X + l * COLUMN;
        const t = (x - start.x) / (end.x - start.x);
        points.push({ x, y: freeLane(m, l, start.y + t * (end.y - start.y)) });
      }
      points.push(end);
      let d = `M${r(start.x)},${r(start.y)}`;
      const samples: Point[] = [];
      for (let i = 1; i < points.length; i++) {
        const p = points[i - 1], q = points[i];
        if (p.y === q.y) {
          d += ` L${r(q.x)},${r(q.y)}`; // straight (the label run, or a level stretch)
          for (let s = 0; s <= 24; s++) samples.push({ x: p.x + ((q.x - p.x) * s) / 24, y: p.y });
          continue;
        }
        const cc = Math.max(24, (q.x - p.x) / 2);
        d += ` C${r(p.x + cc)},${r(p.y)} ${r(q.x - cc)},${r(q.y)} ${r(q.x)},${r(q.y)}`;
        for (let s = 0; s <= 24; s++) samples.push(cubic(p, q, s / 24));
      }
      wires.push({ from: j, to: n.index, input: k, d, start, end, samples });
    });
  }
  return wires;
}

const r = (v: number): string => String(Math.round(v * 10) / 10);
