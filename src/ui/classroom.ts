/**
 * The classroom pass's page parts, in their own file so the page's glue (app.ts) only mounts
 * them: the page's title and landmark names in the reader's language, and the "check the
 * network's gradients" panel (the network as trained now, over its training points, checked by
 * the core's gradient check, the one `soma gradcheck --network` runs).
 */
import { GRADCHECK_H_RANGE, type GradCheckResult } from '../core/ann/gradcheck';
import type { PageGradientCheck } from '../core/lab/gradient-check';
import { errorBand } from '../core/lessons/circuit-check';
import type { Lang } from './i18n';
import { formatRelError } from './lesson-gradcheck';
import { tt } from './lesson-text';
import { csvRefusal, word } from './words';
import { ParameterError } from '../core/errors';
import { parsePagePoints, PointsCsvError, type PagePoint } from '../core/lab/page-data';
import '../styles/classroom.css';

/** What the classroom parts read. */
export interface ClassroomHost {
  /** Checks the network as trained now with step h (in the lab's worker). */
  check(h: number): Promise<PageGradientCheck>;
  lang: Lang;
}

const BAND_KEY = { fine: 'bandFine', kinks: 'bandKinks', uncomfortable: 'bandUncomfortable', wrong: 'bandWrong' } as const;

/**
 * Pasted CSV for the page: the points as typed (src/core/lab/page-data.ts), or the refusal by
 * line in the reader's language.
 */
export function readPastedPoints(text: string, lang: Lang): { points: PagePoint[] } | { error: string } {
  try {
    return { points: parsePagePoints(text) };
  } catch (e) {
    if (e instanceof PointsCsvError) return { error: csvRefusal(lang, e) };
    if (e instanceof ParameterError) return { error: e.message };
    throw e;
  }
}

/** Mounts the parts; returns their teardown. */
export function mountClassroom(host: ClassroomHost): () => void {
  const { lang } = host;
  document.title = word(lang, 'title');
  document.querySelector('.transport')?.setAttribute('aria-label', word(lang, 'runBar'));
  document.getElementById('controls')?.setAttribute('aria-label', word(lang, 'settings'));
  const panel = new NetworkGradientPanel(host);
  // Last in the stage: a full-width row under the plots, so it never splits their rows.
  (document.querySelector('main.stage') ?? document.body).append(panel.section);
  return () => panel.section.remove();
}

/** The network's gradient check: step h, the button, and one row per parameter array. */
export class NetworkGradientPanel {
  readonly section: HTMLElement;
  private readonly hInput: HTMLInputElement;
  private readonly hError: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  /** The last check (for tests). */
  last: GradCheckResult | null = null;

  constructor(private readonly host: ClassroomHost) {
    const L = host.lang;
    this.section = el('section', { id: 'gradcheck-panel', class: 'panel gradcheck-panel', 'aria-labelledby': 'gradcheck-title' });
    this.section.dataset.panel = 'gradcheck';
    const title = el('h2', { id: 'gradcheck-title' }, word(L, 'gcTitle'));
    const row = el('div', { class: 'gradcheck-row' });
    const label = el('label', { for: 'gradcheck-h' }, word(L, 'gcStep'));
    this.hInput = el('input', { id: 'gradcheck-h', type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'gradcheck-h-error' }) as HTMLInputElement;
    this.hInput.value = '1e-5';
    this.hError = el('span', { id: 'gradcheck-h-error', class: 'error', role: 'alert' });
    const run = el('button', { id: 'gradcheck-run', type: 'button', title: word(L, 'gcRunTip') }, word(L, 'gcRun'));
    run.addEventListener('click', () => void this.run());
    row.append(label, this.hInput, run, this.hError);
    this.status = el('p', { id: 'gradcheck-status', class: 'note', role: 'status' });
    const table = el('table', { id: 'gradcheck-table', class: 'gradcheck-table', 'aria-labelledby': 'gradcheck-title' }) as HTMLTableElement;
    const head = table.createTHead().insertRow();
    for (const k of ['gcParam', 'gcShape', 'gcCompared', 'gcKinks', 'gcWorst', 'gcBand'] as const) head.append(el('th', { scope: 'col' }, word(L, k)));
    this.body = table.createTBody();
    // (a region that may scroll sideways on a phone takes focus, so the keyboard can scroll it)
    const scroll = el('div', { class: 'gradcheck-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'gradcheck-title' });
    scroll.append(table);
    this.section.append(title, row, this.status, scroll);
  }

  /** Checks the network as it is now; a bad h is refused beside its box and nothing runs. */
  async run(): Promise<void> {
    const L = this.host.lang;
    const text = this.hInput.value.trim();
    const h = text === '' ? NaN : Number(text);
    if (!(h >= GRADCHECK_H_RANGE.min && h <= GRADCHECK_H_RANGE.max)) {
      this.hError.textContent = word(L, 'gcStepError', { value: JSON.stringify(this.hInput.value) });
      this.hInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this.hError.textContent = '';
    this.hInput.removeAttribute('aria-invalid');
    let c: PageGradientCheck;
    try {
      c = await this.host.check(h);
    } catch (e) {
      // The lab refuses a check over no training points (custom data, all cleared).
      if (!(e instanceof ParameterError) || e.parameter !== 'points') throw e;
      this.hError.textContent = word(L, 'gcNoPoints');
      return;
    }
    const r = c.result;
    this.last = r;
    const verdict = word(L, r.verdict === 'pass' ? 'gcPass' : r.verdict === 'partial' ? 'gcPartial' : 'gcFail');
    this.status.textContent = word(L, 'gcStatus', { step: c.step, n: c.rows, h: String(h), verdict }) + (c.sampled !== null ? word(L, 'gcSampled', { k: c.sampled }) : '');
    this.body.replaceChildren();
    const shapes = c.shapes;
    Object.entries(r.params).forEach(([name, p], i) => {
      const band = errorBand(p.maxRelError);
      const tr = this.body.insertRow();
      tr.dataset.param = name;
      tr.className = `band-${band}`;
      const cells = [name, shapes[i] ?? '', String(p.checked), String(p.kinksSkipped), formatRelError(p.maxRelError), tt(L, BAND_KEY[band])];
      cells.forEach((c, j) => {
        const td = tr.insertCell();
        td.textContent = c;
        if (j === 4) {
          td.className = 'rel-error';
          td.dataset.value = String(p.maxRelError);
        }
      });
    });
  }
}

function el(tag: string, attrs: Record<string, string>, text?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}
