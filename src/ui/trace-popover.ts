/**
 * On a phone, a tapped neuron's membrane trace shown next to it: a small card over the scene, by
 * the neuron, with the last TRACE_MS ms of its potential in threshold units (0 = rest/reset,
 * 1 = threshold, dashed), redrawn every few frames while it is open, an Inspect button and a
 * close button. The membrane plot further down the page shows the same trace large; on a phone
 * it is a long scroll away from the scene.
 */
import { TRACE_MS, type LabSnapshot } from '../core/lab/snapshot';
import { neuronName } from './focus-nav';
import { at } from './access-text';
import type { Lang } from './i18n';

/** The card's plot, CSS px. */
const W = 150;
const H = 64;
/** Frames between redraws while open. */
const REDRAW_EVERY = 3;

export class TracePopover {
  readonly card: HTMLElement;
  /** The neuron shown (-1: closed). */
  neuron = -1;
  private readonly title: HTMLElement;
  private readonly canvas: HTMLCanvasElement;
  private readonly ctx: CanvasRenderingContext2D | null;
  private frames = 0;
  private readonly onKey = (e: KeyboardEvent): void => {
    // An Escape the inspector already took (it closes first) leaves the card open.
    if (e.key === 'Escape' && this.neuron >= 0 && !e.defaultPrevented) this.close();
  };

  constructor(
    private readonly lang: Lang,
    private readonly words: { inputName: string; hiddenName: string; outputName: string },
    private readonly inspect: (i: number) => void,
  ) {
    this.card = document.createElement('div');
    this.card.className = 'trace-pop';
    this.card.id = 'trace-pop';
    this.card.setAttribute('role', 'group');
    this.card.hidden = true;
    this.title = document.createElement('p');
    this.title.className = 'trace-pop-title';
    this.title.id = 'trace-pop-title';
    this.card.setAttribute('aria-labelledby', this.title.id);
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-labelledby', this.title.id);
    const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
    this.canvas.width = Math.round(W * dpr);
    this.canvas.height = Math.round(H * dpr);
    this.canvas.style.width = `${W}px`;
    this.canvas.style.height = `${H}px`;
    this.ctx = this.canvas.getContext('2d');
    this.ctx?.scale(dpr, dpr);
    const bar = document.createElement('div');
    bar.className = 'trace-pop-bar';
    const open = document.createElement('button');
    open.type = 'button';
    open.textContent = at(lang, 'traceInspect');
    open.addEventListener('click', () => {
      if (this.neuron >= 0) this.inspect(this.neuron);
    });
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.setAttribute('aria-label', at(lang, 'traceClose'));
    close.title = at(lang, 'traceClose');
    close.addEventListener('click', () => this.close());
    open.className = 'trace-pop-inspect';
    bar.append(this.title, close);
    this.card.append(bar, this.canvas, open);
    document.addEventListener('keydown', this.onKey);
  }

  /**
   * Shows neuron `i` of `s` by the point (x, y) of `host` (CSS px inside it): to its right when
   * the card fits there, else to its left; kept inside the host.
   */
  show(host: HTMLElement, i: number, x: number, y: number, s: LabSnapshot): void {
    if (this.card.parentElement !== host) host.append(this.card);
    this.neuron = i;
    const name = neuronName(s.offsets, i, this.words);
    this.title.textContent = at(this.lang, 'traceOf', { neuron: name, T: TRACE_MS });
    this.card.hidden = false;
    const cw = this.card.offsetWidth || W + 16;
    const ch = this.card.offsetHeight || H + 40;
    const hw = host.clientWidth;
    const left = x + 18 + cw <= hw ? x + 18 : Math.max(0, x - 18 - cw);
    const top = Math.min(Math.max(0, y - ch / 2), Math.max(0, host.clientHeight - ch));
    this.card.style.left = `${left}px`;
    this.card.style.top = `${top}px`;
    this.frames = 0;
    this.draw(s);
  }

  /** After each drawn frame: the open card's trace follows the lab. */
  update(s: LabSnapshot): void {
    if (this.neuron < 0) return;
    if (this.neuron >= s.offsets[3]) return this.close();
    if (++this.frames % REDRAW_EVERY === 0) this.draw(s);
  }

  /** The last TRACE_MS samples of the neuron, oldest at the left; threshold dashed, rest solid. */
  private draw(s: LabSnapshot): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const count = Math.min(s.traceHead, TRACE_MS);
    const base = this.neuron * TRACE_MS;
    let lo = -0.2;
    let hi = 1.2;
    for (let q = 0; q < count; q++) {
      const v = s.trace[base + ((s.traceHead - count + q) % TRACE_MS)];
      if (Number.isFinite(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
    }
    const yOf = (v: number): number => H - 4 - ((v - lo) / (hi - lo)) * (H - 8);
    ctx.clearRect(0, 0, W, H);
    ctx.fillStyle = '#101217';
    ctx.fillRect(0, 0, W, H);
    ctx.lineWidth = 1;
    ctx.strokeStyle = '#5a6170';
    ctx.beginPath();
    ctx.moveTo(0, yOf(0));
    ctx.lineTo(W, yOf(0));
    ctx.stroke();
    ctx.setLineDash([4, 3]);
    ctx.strokeStyle = '#ff6b6b';
    ctx.beginPath();
    ctx.moveTo(0, yOf(1));
    ctx.lineTo(W, yOf(1));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.strokeStyle = '#ffd166';
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    for (let q = 0; q < count; q++) {
      const v = s.trace[base + ((s.traceHead - count + q) % TRACE_MS)];
      const x = W - ((count - 1 - q) / (TRACE_MS - 1)) * W;
      if (q === 0) ctx.moveTo(x, yOf(v));
      else ctx.lineTo(x, yOf(v));
    }
    ctx.stroke();
  }

  close(): void {
    this.neuron = -1;
    this.card.hidden = true;
  }

  destroy(): void {
    document.removeEventListener('keydown', this.onKey);
    this.card.remove();
  }
}
