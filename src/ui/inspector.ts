/**
 * The neuron inspector: a panel that shows one hidden (or output) unit as a neuron of three parts
 * on both sides at once, the spiking neuron of the probe network and its artificial twin, each as
 * Dendrites (every input: w x value = contribution, the bias, the sum), Soma (model and state, in
 * its unit) and Axon (spikes over the last window and the rate; the activation for the ANN).
 * It reads `Lab.inspect(layer, j)` (two `NeuronParts`) through a small port and only renders.
 *
 * Opened by a click or tap on a neuron in either scene, by the "Inspect neuron" button or the I
 * key (for the neuron selected in the scenes); Escape or the close button closes it, and focus
 * goes back where it was. Numbers are text (read by screen readers and tests); each number cell
 * carries its full value in `data-value`. The DOM is rebuilt only when the unit's inputs change
 * shape; otherwise each frame rewrites the numbers in place.
 */
import type { InspectedPair } from '../core/lab/inspect';
import type { LayerSizes } from '../core/lab/snapshot';
import type { NeuronParts } from '../core/neuron-parts';
import { inspectorText, type InspectorTextKey, type Lang } from './i18n';

/** What the inspector needs from the page. */
export interface InspectorPort {
  /**
   * Unit j of layer 1 (hidden) or 2 (output) on both sides as of the latest snapshot, or null
   * while the lab (in its worker) has not answered for this unit yet: the page then calls
   * `update()` again when it has.
   */
  inspect(layer: 1 | 2, j: number): InspectedPair | null;
  /** Layer sizes [D, H, K] of the network on show. */
  sizes(): LayerSizes;
  /** The neuron selected in the scenes (index over all layers), or -1. */
  selected(): number;
  /** The panel closed: the page may stop reading the unit. */
  closed?(): void;
}

/** A number as the panel prints it: four significant digits, integers whole. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(4)));
}

/** The core's soma model identifiers that have a name of their own in the inspector's words. */
const MODEL_KEYS: Readonly<Record<string, InspectorTextKey>> = { 'if-subtract': 'modelIfSubtract', 'if-zero': 'modelIfZero', identity: 'modelIdentity', 'leaky-subtract': 'modelLeakySubtract', 'leaky-zero': 'modelLeakyZero' };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text = ''): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text) e.textContent = text;
  return e;
}

/** One side of the panel (spiking or artificial): its three parts, rendered from NeuronParts. */
class SideView {
  private shape = '';
  /** Number cells in render order, refilled every update. */
  private cells: HTMLElement[] = [];

  constructor(
    readonly root: HTMLElement,
    private readonly side: 'bio' | 'ann',
    private readonly t: (key: InspectorTextKey, vars?: Record<string, string | number>) => string,
  ) {}

  show(parts: NeuronParts | null): void {
    const shape = parts ? [parts.soma.model, parts.axon.kind, parts.dendrite.unit, ...parts.dendrite.inputs.map((x) => x.source), ...parts.dendrite.terms.map((x) => x.name)].join('|') : '-';
    if (shape !== this.shape) this.build(parts, shape);
    if (!parts) return;
    const values: number[] = [];
    for (const x of parts.dendrite.inputs) values.push(x.weight, x.value, x.contribution);
    values.push(parts.dendrite.bias);
    for (const x of parts.dendrite.terms) values.push(x.value);
    values.push(parts.dendrite.sum, parts.soma.value, parts.axon.value);
    values.forEach((v, q) => {
      const c = this.cells[q], raw = String(v);
      if (c.dataset.value === raw) return; // unchanged (paused frames): no DOM write
      c.textContent = formatNumber(v);
      c.dataset.value = raw;
    });
    const axonText = this.root.querySelector<HTMLElement>('[data-field="axon-text"]')!;
    const a = parts.axon;
    const text = a.kind === 'spikes' ? this.t('spikes', { n: a.value, T: formatNumber(a.windowMs ?? 0), r: formatNumber(a.rateHz ?? 0) }) : `${a.activation ?? a.kind}(z) =`;
    if (axonText.textContent !== text) axonText.textContent = text;
  }

  private build(parts: NeuronParts | null, shape: string): void {
    this.shape = shape;
    this.cells = [];
    const t = this.t, bio = this.side === 'bio';
    const title = el('h3', { class: 'insp-side-title' }, `${t(bio ? 'bio' : 'ann')}${parts ? ` · ${this.model(parts.soma.model)}` : ''}`);
    this.root.replaceChildren(title);
    if (!parts) {
      this.root.append(el('p', { class: 'note' }, t('noTwin')));
      return;
    }
    const num = (field: string): HTMLElement => {
      const c = el('td', { 'data-field': field, class: 'num' });
      this.cells.push(c);
      return c;
    };
    // Dendrites: one row per input, then the bias, the other terms and the sum.
    const dend = el('section', { class: 'insp-part', 'data-part': 'dendrite' });
    dend.append(el('h4', { title: t(bio ? 'dendriteBioTip' : 'dendriteAnnTip') }, t('dendrite')));
    const table = el('table', { class: 'insp-table' });
    const head = el('tr');
    head.append(el('th', { scope: 'col' }, t('from')), el('th', { scope: 'col' }, t('weight')), el('th', { scope: 'col', title: t(bio ? 'valueBioTip' : 'valueAnnTip') }, t('value')), el('th', { scope: 'col' }, t('contribution')));
    table.append(el('thead'), el('tbody'));
    table.tHead!.append(head);
    const body = table.tBodies[0];
    for (const x of parts.dendrite.inputs) {
      const row = el('tr', { 'data-row': 'input' });
      row.append(el('th', { scope: 'row' }, x.source), num('weight'), num('value'), num('contribution'));
      body.append(row);
    }
    const bias = el('tr', { 'data-row': 'bias' });
    bias.append(el('th', { scope: 'row' }, t('bias')), el('td'), el('td'), num('bias'));
    body.append(bias);
    for (const x of parts.dendrite.terms) {
      const row = el('tr', { 'data-row': 'term' });
      row.append(el('th', { scope: 'row' }, x.name), el('td'), el('td'), num('term'));
      body.append(row);
    }
    const sum = el('tr', { 'data-row': 'sum', class: 'insp-sum' });
    sum.append(el('th', { scope: 'row' }, t('sum')), el('td'), el('td'), num('sum'));
    body.append(sum);
    dend.append(table, el('p', { class: 'insp-unit' }, `${t('unit')}: ${this.unit(parts.dendrite.unit)}`));
    // Soma: model, state = value unit.
    const soma = el('section', { class: 'insp-part', 'data-part': 'soma' });
    soma.append(el('h4', { title: t(bio ? 'somaBioTip' : 'somaAnnTip') }, t('soma')));
    const sp = el('p');
    const sv = el('span', { 'data-field': 'soma', class: 'num' });
    this.cells.push(sv);
    sp.append(`${this.model(parts.soma.model)}: ${parts.soma.stateName} = `, sv, parts.soma.unit === '1' ? '' : ` ${parts.soma.unit === 'threshold units' ? t('thresholdUnit') : parts.soma.unit}`);
    soma.append(sp);
    // Axon: spikes over the window and the rate, or the activation.
    const axon = el('section', { class: 'insp-part', 'data-part': 'axon' });
    axon.append(el('h4', { title: t(bio ? 'axonBioTip' : 'axonAnnTip') }, t('axon')));
    const ap = el('p');
    const av = el('span', { 'data-field': 'axon', class: 'num' });
    this.cells.push(av);
    const text = el('span', { 'data-field': 'axon-text' });
    if (parts.axon.kind === 'spikes') {
      av.hidden = true; // the count is inside the sentence; the cell keeps the raw value for tests
      ap.append(text, av);
    } else ap.append(text, ' ', av);
    axon.append(ap);
    this.root.append(dend, soma, axon);
  }

  private unit(u: string): string {
    return u === '1' ? this.t('noUnit') : u === 'threshold units per step' ? this.t('thresholdUnits') : u;
  }

  /** A soma model's name in the reader's words (the core's identifiers: if-subtract, identity, ...). */
  private model(m: string): string {
    const key = MODEL_KEYS[m];
    return key ? this.t(key) : m;
  }
}

/** The inspector panel (a non-modal dialog) and its opener button. */
export class Inspector {
  readonly panel: HTMLElement;
  readonly opener: HTMLButtonElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly bio: SideView;
  private readonly ann: SideView;
  private layer: 1 | 2 = 1;
  private index = 0;
  private returnFocus: HTMLElement | null = null;
  private readonly t: (key: InspectorTextKey, vars?: Record<string, string | number>) => string;
  private readonly onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'Escape' && this.isOpen) {
      e.preventDefault();
      this.close();
      return;
    }
    const target = e.target as HTMLElement | null;
    const tag = target?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target?.isContentEditable) return;
    if (e.key === 'i' || e.key === 'I') {
      e.preventDefault();
      if (this.isOpen) this.close();
      else this.openSelected();
    }
  };

  /**
   * @param host where the panel goes (the page's main area)
   * @param openerHost where the "Inspect neuron" button goes (beside the spiking scene)
   */
  constructor(host: HTMLElement, openerHost: HTMLElement, private readonly port: InspectorPort, lang: Lang) {
    this.t = (key, vars) => inspectorText(lang, key, vars);
    const t = this.t;
    this.opener = el('button', { type: 'button', id: 'inspect-open', class: 'inspect-open', title: t('openTip'), 'aria-keyshortcuts': 'I' }, t('open'));
    this.opener.addEventListener('click', () => this.openSelected());
    openerHost.append(this.opener);
    this.panel = el('section', { id: 'inspector', class: 'inspector', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': 'inspector-title' });
    this.panel.hidden = true;
    const bar = el('div', { class: 'insp-bar' });
    this.title = el('h2', { id: 'inspector-title' });
    const prev = el('button', { type: 'button', 'data-action': 'prev', title: t('prev'), 'aria-label': t('prev') }, '‹');
    const next = el('button', { type: 'button', 'data-action': 'next', title: t('next'), 'aria-label': t('next') }, '›');
    const close = el('button', { type: 'button', 'data-action': 'close', title: `${t('close')} (Escape)`, 'aria-label': t('close') }, '×');
    prev.addEventListener('click', () => this.move(-1));
    next.addEventListener('click', () => this.move(1));
    close.addEventListener('click', () => this.close());
    bar.append(this.title, prev, next, close);
    this.status = el('p', { class: 'note insp-status' });
    const sides = el('div', { class: 'insp-sides' });
    const bioRoot = el('div', { class: 'insp-side', 'data-side': 'bio' });
    const annRoot = el('div', { class: 'insp-side', 'data-side': 'ann' });
    sides.append(bioRoot, annRoot);
    this.bio = new SideView(bioRoot, 'bio', this.t);
    this.ann = new SideView(annRoot, 'ann', this.t);
    this.panel.append(bar, this.status, sides);
    host.append(this.panel);
    document.addEventListener('keydown', this.onKey);
  }

  get isOpen(): boolean {
    return !this.panel.hidden;
  }

  /** Opens on neuron `i` (index over all layers); inputs have no dendrite to show and are ignored. */
  open(i: number): void {
    const [d, h, k] = this.port.sizes();
    if (i < d || i >= d + h + k) return;
    this.layer = i < d + h ? 1 : 2;
    this.index = this.layer === 1 ? i - d : i - d - h;
    if (!this.isOpen) {
      this.returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.panel.hidden = false;
    }
    this.update();
  }

  /** Opens on the neuron selected in the scenes, or the first hidden one. */
  openSelected(): void {
    const [d] = this.port.sizes();
    const s = this.port.selected();
    this.open(s >= d ? s : d);
    this.panel.querySelector<HTMLElement>('[data-action="close"]')?.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    const inside = this.panel.contains(document.activeElement);
    this.panel.hidden = true;
    this.port.closed?.();
    if (inside) (this.returnFocus && this.returnFocus.isConnected ? this.returnFocus : this.opener).focus();
    this.returnFocus = null;
  }

  /** Next or previous unit of the same layer (wrapping). */
  private move(step: number): void {
    const [, h, k] = this.port.sizes();
    const n = this.layer === 1 ? h : k;
    this.index = (this.index + step + n) % n;
    this.update();
  }

  /** Re-reads both neurons (every frame while open; the network's shape may have changed). */
  update(): void {
    if (!this.isOpen) return;
    const [, h, k] = this.port.sizes();
    if (this.index >= (this.layer === 1 ? h : k)) this.index = 0;
    const title = this.t(this.layer === 1 ? 'hidden' : 'output', { j: this.index });
    if (this.title.textContent !== title) this.title.textContent = title;
    const pair = this.port.inspect(this.layer, this.index);
    // data-unit names the unit whose numbers are on show ('' until the lab has answered for it).
    const unit = `${this.layer}:${this.index}`;
    if (!pair) {
      if (this.panel.dataset.unit !== unit) this.panel.dataset.unit = '';
      return;
    }
    this.panel.dataset.unit = unit;
    const status = pair.bio ? this.t('status', { bio: pair.bioStep, ann: pair.annStep, t: pair.bioTimeMs }) : '';
    if (this.status.textContent !== status) this.status.textContent = status;
    this.bio.show(pair.bio);
    this.ann.show(pair.ann);
  }

  destroy(): void {
    document.removeEventListener('keydown', this.onKey);
    this.panel.remove();
    this.opener.remove();
  }
}
