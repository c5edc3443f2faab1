/**
 * The edge editor: a small non-modal panel under the ANN scene that shows the weight of the edge
 * picked (named with its units, W1[0][2] (x[0] → h[2]), its value now and the training step) and
 * takes a new one. The value is checked on the page first (weight-edit.ts checkWeight: a finite
 * number from -50 to 50) and again in the lab; a refusal is written beside the field in the
 * reader's words and nothing changes. An accepted value is set in the lab (its worker), whose
 * spiking twin is converted again from it. Escape or Close closes it and focus returns to the edge.
 */
import { ParameterError, formatValue } from '../core/errors';
import type { LabSnapshot } from '../core/lab/snapshot';
import { WEIGHT_LIMIT, checkWeight, edgeName, type EdgeRef } from '../core/lab/weight-edit';
import type { Lang } from './i18n';
import { word } from './words';

/** What the editor needs from the page. */
export interface EdgeEditorHost {
  snapshot(): LabSnapshot;
  /** Sets the weight in the lab; rejects with the lab's ParameterError. */
  setWeight(e: EdgeRef, value: number): Promise<void>;
  /** The editor closed (focus goes back to the edge). */
  closed(e: EdgeRef): void;
}

/** The weight of edge e in the snapshot (weight layer 0: W1, 1: W2). */
export function weightOf(s: LabSnapshot, e: EdgeRef): number {
  return (e.layer === 0 ? s.w1 : s.w2)[e.from * s.sizes[e.layer + 1] + e.to];
}

export class EdgeEditor {
  readonly root: HTMLDivElement;
  private readonly title: HTMLHeadingElement;
  private readonly now: HTMLParagraphElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLSpanElement;
  private readonly done: HTMLParagraphElement;
  edge: EdgeRef | null = null;

  constructor(
    parent: HTMLElement,
    private readonly host: EdgeEditorHost,
    private readonly lang: Lang,
  ) {
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text = ''): HTMLElementTagNameMap[K] => {
      const e = document.createElement(tag);
      e.className = cls;
      e.textContent = text;
      return e;
    };
    this.root = el('div', 'edge-editor');
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-labelledby', 'edge-editor-title');
    this.root.hidden = true;
    this.title = el('h3', 'edge-editor-title');
    this.title.id = 'edge-editor-title';
    this.now = el('p', 'edge-editor-now');
    const form = el('form', 'edge-editor-form');
    const label = el('label', '', word(lang, 'edgeNew'));
    label.htmlFor = 'edge-weight';
    this.input = el('input', 'edge-weight');
    this.input.id = 'edge-weight';
    this.input.type = 'text';
    this.input.inputMode = 'decimal';
    this.input.autocomplete = 'off';
    this.input.setAttribute('aria-describedby', 'edge-weight-error');
    const set = el('button', 'edge-set', word(lang, 'edgeSet'));
    set.type = 'submit';
    set.title = word(lang, 'edgeSetTip');
    const close = el('button', 'edge-close', word(lang, 'edgeClose'));
    close.type = 'button';
    this.error = el('span', 'edge-weight-error error');
    this.error.id = 'edge-weight-error';
    this.error.setAttribute('role', 'alert');
    this.done = el('p', 'edge-editor-done note');
    this.done.setAttribute('role', 'status');
    form.append(label, this.input, set, close);
    this.root.append(this.title, this.now, form, this.error, this.done);
    parent.appendChild(this.root);
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.submit();
    });
    close.addEventListener('click', () => this.close());
    this.root.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        ev.stopPropagation();
        this.close();
      }
    });
  }

  /** Shows edge e with its weight now, the field filled with it and (unless `preview`: a focused edge) focused. */
  open(e: EdgeRef, preview = false): void {
    const s = this.host.snapshot();
    this.edge = e;
    this.root.hidden = false;
    this.title.textContent = word(this.lang, 'edgeTitle', { edge: edgeName(s.sizes, e) });
    this.input.value = String(round4(weightOf(s, e)));
    this.error.textContent = '';
    this.done.textContent = '';
    this.update();
    if (preview) return;
    this.input.focus();
    this.input.select();
  }

  /** Rewrites the weight now (training moves it) without touching what is being typed. */
  update(): void {
    if (!this.edge || this.root.hidden) return;
    const s = this.host.snapshot();
    const text = word(this.lang, 'edgeNow', { w: round4(weightOf(s, this.edge)), step: s.trainStep });
    if (this.now.textContent !== text) this.now.textContent = text;
  }

  /** Hides the editor; `tell`: say so to the page (focus back to the edge), not when the scene is being rebuilt. */
  close(tell = true): void {
    if (this.root.hidden) return;
    this.root.hidden = true;
    const e = this.edge;
    this.edge = null;
    if (e && tell) this.host.closed(e);
  }

  /** Checks the typed value, sets it in the lab, or says why not (nothing changes then). */
  async submit(): Promise<void> {
    const e = this.edge;
    if (!e) return;
    const s = this.host.snapshot();
    const raw = this.input.value.trim();
    const refuse = (): void => {
      this.done.textContent = '';
      this.error.textContent = word(this.lang, 'notAllowed', {
        label: word(this.lang, 'edgeTitle', { edge: edgeName(s.sizes, e) }),
        value: formatValue(raw),
        allowed: word(this.lang, 'numberRange', { min: -WEIGHT_LIMIT, max: WEIGHT_LIMIT }),
      });
      this.input.setAttribute('aria-invalid', 'true');
    };
    let value: number;
    try {
      value = checkWeight(s.sizes, e, raw === '' ? NaN : Number(raw));
    } catch (err) {
      if (!(err instanceof ParameterError)) throw err;
      refuse();
      return;
    }
    try {
      await this.host.setWeight(e, value);
    } catch (err) {
      if (!(err instanceof ParameterError)) throw err;
      refuse();
      return;
    }
    this.error.textContent = '';
    this.input.removeAttribute('aria-invalid');
    this.done.textContent = word(this.lang, 'edgeDone', { edge: edgeName(s.sizes, e), w: value });
    this.update();
  }

  destroy(): void {
    this.root.remove();
  }
}

/** A weight as the editor shows it: 4 decimals, no trailing zeros. */
function round4(w: number): number {
  return Math.round(w * 1e4) / 1e4;
}
