/**
 * Choosing an edge of the ANN scene, by pointer or keyboard: an SVG layer over the scene (in its
 * design units, scene-overlay.ts) with one invisible wide line per edge, trimmed short of the
 * nodes so a click on a node still reaches the scene (its inspector). A click picks an edge; from
 * the keyboard the edges are one stop in the tab order (a roving tabindex): the arrow keys move
 * between them (right/down: next, left/up: previous, Home/End), an edge focused is shown (the
 * editor previews it without taking focus), Enter or Space picks, Escape lets go. Keys it
 * handles stop here, so the scenes' own keys (arrows between neurons) see the rest. Each line's
 * accessible name is the weight and its value (`W1[0][2] (x[0] → h[2]) = 0.42`). Edges are written
 * per weight layer (weight-edit.ts EdgeRef), for any number of layers.
 */
import type { LayerSizes } from '../core/lab/snapshot';
import { edgeName, type EdgeRef } from '../core/lab/weight-edit';
import { layoutNetwork } from '../view/layout';
import { SceneOverlay } from '../view/scene-overlay';

const SVG = 'http://www.w3.org/2000/svg';
/** Networks with more edges than this get no edge targets (the scene draws them as one image). */
export const MAX_EDGE_TARGETS = 400;

/** What the page does with edges: one picked (click, Enter), one focused (keyboard), Escape on one. */
export interface EdgeActions {
  pick(e: EdgeRef): void;
  focused(e: EdgeRef): void;
  escape(): void;
}

/** The weights of weight layer l: (sizes[l] x sizes[l + 1]), row-major, from the snapshot. */
export type WeightsOf = (layer: number) => ArrayLike<number>;

export class EdgeSelect {
  private readonly overlay: SceneOverlay;
  private readonly svg: SVGSVGElement;
  readonly edges: EdgeRef[] = [];
  private readonly lines: SVGLineElement[] = [];
  private current = 0;
  /** Set while focus is moved back to an edge without showing it again (the editor just closed). */
  private quiet = false;

  /**
   * @param host the ANN scene's canvas host
   * @param groupName the accessible name of the edges as a group (how to use them)
   * @param actions what a pick, a focus and Escape do
   */
  constructor(
    host: HTMLElement,
    readonly sizes: LayerSizes,
    groupName: string,
    private readonly actions: EdgeActions,
  ) {
    this.overlay = new SceneOverlay(host, 'edge-select');
    this.svg = document.createElementNS(SVG, 'svg');
    this.svg.setAttribute('width', '640');
    this.svg.setAttribute('height', '420');
    this.svg.setAttribute('role', 'group');
    this.svg.setAttribute('aria-label', groupName);
    this.svg.style.overflow = 'visible';
    this.overlay.root.appendChild(this.svg);
    const { xy, radius } = layoutNetwork(sizes);
    let first = 0;
    const total = sizes.slice(1).reduce((a, n, l) => a + sizes[l] * n, 0);
    if (total > MAX_EDGE_TARGETS) return;
    for (let l = 0; l + 1 < sizes.length; l++) {
      const next = first + sizes[l];
      for (let i = 0; i < sizes[l]; i++) {
        for (let j = 0; j < sizes[l + 1]; j++) {
          const a = first + i, b = next + j;
          const x0 = xy[2 * a], y0 = xy[2 * a + 1], x1 = xy[2 * b], y1 = xy[2 * b + 1];
          const len = Math.hypot(x1 - x0, y1 - y0) || 1;
          // Trimmed short of both nodes (and of the labels right of the source), so nodes stay clickable.
          const t0 = Math.min(0.45, (radius[l] + 40) / len), t1 = Math.min(0.45, (radius[l + 1] + 6) / len);
          const line = document.createElementNS(SVG, 'line');
          line.setAttribute('x1', String(x0 + (x1 - x0) * t0));
          line.setAttribute('y1', String(y0 + (y1 - y0) * t0));
          line.setAttribute('x2', String(x1 - (x1 - x0) * t1));
          line.setAttribute('y2', String(y1 - (y1 - y0) * t1));
          line.setAttribute('class', 'edge-target');
          line.setAttribute('role', 'button');
          line.setAttribute('tabindex', '-1');
          const k = this.edges.length;
          line.addEventListener('click', () => this.pick(k));
          line.addEventListener('keydown', (ev) => this.key(ev, k));
          line.addEventListener('focus', () => {
            if (!this.quiet) this.actions.focused(this.edges[k]);
          });
          this.edges.push({ layer: l, from: i, to: j });
          this.lines.push(line);
          this.svg.appendChild(line);
        }
      }
      first = next;
    }
    if (this.lines.length) this.lines[0].setAttribute('tabindex', '0');
  }

  /** Writes each edge's accessible name with its weight now (call when the weights change). */
  label(weights: WeightsOf, format: (w: number) => string): void {
    const cache = new Map<number, ArrayLike<number>>();
    this.edges.forEach((e, k) => {
      let w = cache.get(e.layer);
      if (!w) cache.set(e.layer, (w = weights(e.layer)));
      const text = `${edgeName(this.sizes, e)} = ${format(w[e.from * this.sizes[e.layer + 1] + e.to])}`;
      if (this.lines[k].getAttribute('aria-label') !== text) this.lines[k].setAttribute('aria-label', text);
    });
  }

  /** Marks edge k as the one being edited (drawn highlighted), or none (-1). */
  mark(k: number): void {
    this.lines.forEach((line, q) => line.classList.toggle('edge-picked', q === k));
  }

  /** Index of an edge in `edges`, or -1. */
  indexOf(e: EdgeRef): number {
    return this.edges.findIndex((x) => x.layer === e.layer && x.from === e.from && x.to === e.to);
  }

  /** Moves keyboard focus to edge k (the roving tab stop follows); `quiet`: without showing it. */
  focus(k: number, quiet = false): void {
    if (!this.lines.length) return;
    const q = Math.max(0, Math.min(this.lines.length - 1, k));
    this.lines[this.current].setAttribute('tabindex', '-1');
    this.current = q;
    this.lines[q].setAttribute('tabindex', '0');
    this.quiet = quiet;
    try {
      this.lines[q].focus();
    } finally {
      this.quiet = false;
    }
  }

  /** Where edge k's target is drawn in the page (CSS pixels), for tests. */
  rect(k: number): DOMRect {
    return this.lines[k].getBoundingClientRect();
  }

  private pick(k: number): void {
    this.focus(k, true);
    this.actions.pick(this.edges[k]);
  }

  private key(ev: KeyboardEvent, k: number): void {
    const n = this.lines.length;
    let to = -1;
    if (ev.key === 'ArrowRight' || ev.key === 'ArrowDown') to = (k + 1) % n;
    else if (ev.key === 'ArrowLeft' || ev.key === 'ArrowUp') to = (k - 1 + n) % n;
    else if (ev.key === 'Home') to = 0;
    else if (ev.key === 'End') to = n - 1;
    else if (ev.key === 'Escape') {
      ev.stopPropagation();
      this.actions.escape();
      return;
    } else if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      ev.stopPropagation();
      this.pick(k);
      return;
    } else return;
    ev.preventDefault();
    ev.stopPropagation();
    this.focus(to);
  }

  destroy(): void {
    this.overlay.destroy();
  }
}
