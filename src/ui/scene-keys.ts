/**
 * The keyboard in the network scenes and on the planes. Each scene's host takes focus
 * (tabindex 0, role application: a screen reader passes the arrow keys through); the arrow keys
 * move between neurons (up / down within a layer, left / right between layers; focus-nav.ts),
 * a ring marks the focused neuron, the neuron is selected in the scenes (its membrane trace
 * shows) and an aria-live line says which one with its rate ("hidden neuron 3 · rate (Hz) 42 ·
 * activation 0.420"); Enter opens the inspector on it. On a plane the arrow keys move a cursor
 * (0.05, Shift 0.25 in input units) and Enter sets the probe there, as a click does.
 * The rings are DOM elements over the canvases, so the Pixi scenes stay as they are.
 */
import type { LabSnapshot } from '../core/lab/snapshot';
import type { Stage } from '../view/stage';
import { at } from './access-text';
import { isMoveKey, locate, moveNeuron, moveProbe } from './focus-nav';
import type { Lang } from './i18n';

/** What the keys need from the page. */
export interface SceneKeysHost {
  stage: Stage;
  snapshot(): LabSnapshot;
  /** The hover line of neuron i (neuron-note.ts). */
  describe(i: number): string;
  /** Opens the inspector on neuron i. */
  inspect(i: number): void;
  /** Sets the probe point (as a click on a plane does). */
  pick(x: number, y: number): void;
}

/** Layer sizes of the snapshot, input to output (one entry per layer). */
function layerSizes(s: LabSnapshot): number[] {
  const sizes: number[] = [];
  for (let l = 0; l + 1 < s.offsets.length; l++) sizes.push(s.offsets[l + 1] - s.offsets[l]);
  return sizes;
}

function div(cls: string): HTMLDivElement {
  const d = document.createElement('div');
  d.className = cls;
  d.setAttribute('aria-hidden', 'true');
  return d;
}

export class SceneKeys {
  /** The aria-live line (read by screen readers; visually hidden). */
  readonly live: HTMLElement;
  /** The neuron focused in the scenes (index over all layers), and the planes' cursor. */
  focused = -1;
  cursor: [number, number] = [0, 0];
  private readonly off: (() => void)[] = [];
  private readonly rings = new Map<HTMLElement, HTMLDivElement>();

  constructor(private readonly host: SceneKeysHost, bio: HTMLElement, ann: HTMLElement, planes: HTMLCanvasElement[], private readonly lang: Lang) {
    this.live = document.createElement('p');
    this.live.id = 'focus-live';
    this.live.className = 'sr-only';
    this.live.setAttribute('aria-live', 'polite');
    document.body.append(this.live);
    this.scene(bio, 'bio', at(lang, 'bioScene'));
    this.scene(ann, 'ann', at(lang, 'annScene'));
    for (const c of planes) this.plane(c);
  }

  private listen<K extends keyof HTMLElementEventMap>(el: HTMLElement, type: K, fn: (e: HTMLElementEventMap[K]) => void): void {
    el.addEventListener(type, fn);
    this.off.push(() => el.removeEventListener(type, fn));
  }

  private scene(el: HTMLElement, which: 'bio' | 'ann', label: string): void {
    el.tabIndex = 0;
    el.setAttribute('role', 'application');
    el.setAttribute('aria-label', label);
    el.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight Enter');
    el.dataset.keys = which;
    const ring = div('neuron-focus');
    ring.hidden = true;
    el.append(ring);
    this.rings.set(el, ring);
    this.listen(el, 'focus', () => {
      const s = this.host.snapshot();
      const sel = this.host.stage.selected;
      this.focused = sel >= 0 && sel < s.offsets[3] ? sel : s.offsets[1];
      // A click focuses the scene too: the ring and the announcement wait for a key then.
      if (el.matches(':focus-visible')) this.show(el);
    });
    this.listen(el, 'blur', () => (ring.hidden = true));
    this.listen(el, 'keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const s = this.host.snapshot();
      if (isMoveKey(e.key)) {
        this.focused = moveNeuron(layerSizes(s), Math.max(0, this.focused), e.key);
      } else if (e.key === 'Enter') {
        this.host.inspect(this.focused);
      } else return;
      // The page's own arrow key (step) and scrolling do not also happen.
      e.preventDefault();
      e.stopPropagation();
      this.show(el);
    });
  }

  /** Selects the focused neuron, places the ring on it and says which one it is. */
  private show(el: HTMLElement): void {
    const s = this.host.snapshot();
    if (this.focused < 0 || this.focused >= s.offsets[3]) this.focused = s.offsets[1];
    this.host.stage.selected = this.focused;
    this.place(el);
    const text = this.host.describe(this.focused);
    if (this.live.textContent !== text) this.live.textContent = text;
  }

  /** Puts the ring of scene `el` on the focused neuron (its position in canvas CSS pixels). */
  private place(el: HTMLElement): void {
    const ring = this.rings.get(el)!;
    const stage = this.host.stage;
    const p = el.dataset.keys === 'bio' ? stage.bio.somaPosition(this.focused) : stage.ann.nodePosition(this.focused);
    const canvas = el.querySelector('canvas');
    const dx = canvas ? canvas.offsetLeft : 0;
    const dy = canvas ? canvas.offsetTop : 0;
    ring.style.transform = `translate(${dx + p.x}px, ${dy + p.y}px)`;
    ring.hidden = false;
  }

  /** After each drawn frame: rings follow a resize or a new network shape. */
  frame(): void {
    for (const el of this.rings.keys()) {
      if (document.activeElement !== el) continue;
      const s = this.host.snapshot();
      if (this.focused >= s.offsets[3]) this.focused = s.offsets[1];
      this.place(el);
    }
  }

  private plane(canvas: HTMLCanvasElement): void {
    const hostEl = canvas.parentElement!;
    hostEl.classList.add('plane-keys');
    const cross = div('plane-cursor');
    cross.hidden = true;
    hostEl.append(cross);
    const hint = document.createElement('span');
    hint.id = `${hostEl.id}-keys`;
    hint.className = 'sr-only';
    hint.textContent = at(this.lang, 'planeKeys');
    hostEl.append(hint);
    canvas.setAttribute('aria-describedby', hint.id);
    canvas.setAttribute('aria-keyshortcuts', 'ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowUp Enter');
    const place = (): void => {
      const w = canvas.clientWidth;
      const x = canvas.offsetLeft + ((this.cursor[0] + 1) / 2) * w;
      const y = canvas.offsetTop + ((1 - this.cursor[1]) / 2) * canvas.clientHeight;
      cross.style.transform = `translate(${x}px, ${y}px)`;
      cross.hidden = false;
    };
    this.listen(canvas, 'focus', () => {
      const p = this.host.snapshot().probe;
      this.cursor = [p[0], p[1]];
      place();
    });
    this.listen(canvas, 'blur', () => (cross.hidden = true));
    this.listen(canvas, 'keydown', (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const fmt = (v: number): string => v.toFixed(2);
      if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        this.cursor = moveProbe(this.cursor[0], this.cursor[1], e.key, e.shiftKey);
        this.live.textContent = at(this.lang, 'cursorAt', { x: fmt(this.cursor[0]), y: fmt(this.cursor[1]) });
      } else if (e.key === 'Enter') {
        this.host.pick(this.cursor[0], this.cursor[1]);
        this.live.textContent = at(this.lang, 'probeSet', { x: fmt(this.cursor[0]), y: fmt(this.cursor[1]) });
      } else return;
      e.preventDefault();
      e.stopPropagation();
      place();
    });
  }

  /** The layer and index within it of the focused neuron (tests). */
  focusedAt(): { layer: number; j: number } {
    return locate(layerSizes(this.host.snapshot()), this.focused);
  }

  destroy(): void {
    for (const f of this.off) f();
    for (const r of this.rings.values()) r.remove();
    this.live.remove();
  }
}
