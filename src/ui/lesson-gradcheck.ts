/**
 * The circuit view's gradient check (the lecture's "numerical versus analytic gradient"): for
 * each variable its analytic gradient (backprop), its numerical one (centred difference with the
 * step h shown and editable), their relative error and the course's reading of it, coloured by
 * band; a difference taken across a kink is marked. All figures are the core's
 * (src/core/lessons/circuit-check.ts).
 */
import { checkCircuitGradients, type ErrorBand } from '../core/lessons/circuit-check';
import { GRADCHECK_H_RANGE } from '../core/ann/gradcheck';
import { formatCircuitNumber } from '../core/lessons/circuits';
import type { LessonLang } from '../core/lessons/text';
import { tt, type TeachTextKey } from './lesson-text';

const BAND_TEXT: Record<ErrorBand, TeachTextKey> = { fine: 'bandFine', kinks: 'bandKinks', uncomfortable: 'bandUncomfortable', wrong: 'bandWrong' };

/** A relative error as printed: three significant digits, 0 as 0. */
export function formatRelError(e: number): string {
  if (!Number.isFinite(e)) return '∞';
  return e === 0 ? '0' : e.toExponential(2);
}

/** A gradient with enough digits to compare the two columns (9 significant). */
function formatGradient(g: number): string {
  if (!Number.isFinite(g)) return formatCircuitNumber(g);
  return Number(g.toPrecision(9)).toString();
}

export class CircuitGradientCheck {
  /** The block (the circuit panel puts it under the drawing). */
  readonly view: HTMLElement;
  private readonly hInput: HTMLInputElement;
  private readonly hError: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private h = 1e-5;
  private last: { expr: string; values: Record<string, number> } | null = null;

  constructor(private readonly lang: LessonLang) {
    const L = lang;
    this.view = document.createElement('div');
    this.view.className = 'circuit-check';
    const head = document.createElement('div');
    head.className = 'circuit-row';
    const title = document.createElement('h3');
    title.id = 'circuit-check-title';
    title.textContent = tt(L, 'checkTitle');
    const label = document.createElement('label');
    label.htmlFor = 'circuit-h';
    label.textContent = tt(L, 'checkStep');
    label.title = tt(L, 'checkStepTip');
    this.hInput = document.createElement('input');
    Object.assign(this.hInput, { id: 'circuit-h', type: 'text', value: '1e-5', title: tt(L, 'checkStepTip'), autocomplete: 'off', spellcheck: false });
    this.hInput.inputMode = 'decimal';
    this.hInput.className = 'circuit-value-input';
    this.hInput.setAttribute('aria-describedby', 'circuit-h-error');
    this.hError = document.createElement('span');
    Object.assign(this.hError, { id: 'circuit-h-error', className: 'error' });
    this.hError.setAttribute('role', 'alert');
    this.hInput.addEventListener('input', () => this.typedH());
    head.append(title, label, this.hInput, this.hError);

    const table = document.createElement('table');
    table.className = 'circuit-check-table';
    table.setAttribute('aria-labelledby', 'circuit-check-title');
    const tr = table.createTHead().insertRow();
    for (const k of ['checkVariable', 'checkAnalytic', 'checkNumerical', 'checkRelError', 'checkBand'] as const) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = tt(L, k);
      tr.append(th);
    }
    this.body = table.createTBody();
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = tt(L, 'checkNote');
    const wrap = document.createElement('div');
    wrap.className = 'circuit-check-scroll';
    // (a region that may scroll sideways takes focus, so the keyboard can scroll it)
    wrap.tabIndex = 0;
    wrap.setAttribute('role', 'region');
    wrap.setAttribute('aria-labelledby', 'circuit-check-title');
    wrap.append(table);
    this.view.append(head, wrap, note);
  }

  /** The step h in use. */
  get step(): number {
    return this.h;
  }

  private typedH(): void {
    const text = this.hInput.value.trim();
    const v = text === '' ? NaN : Number(text);
    if (!(v >= GRADCHECK_H_RANGE.min && v <= GRADCHECK_H_RANGE.max)) {
      this.hError.textContent = tt(this.lang, 'checkStepError', { value: JSON.stringify(this.hInput.value) });
      this.hInput.setAttribute('aria-invalid', 'true');
      return;
    }
    this.hError.textContent = '';
    this.hInput.removeAttribute('aria-invalid');
    this.h = v;
    if (this.last) this.update(this.last.expr, this.last.values);
  }

  /** Recomputes the rows for a formula that evaluated, at its values. */
  update(expr: string, values: Record<string, number>): void {
    this.last = { expr, values };
    const rows = checkCircuitGradients(expr, values, this.h);
    this.body.replaceChildren();
    for (const r of rows) {
      const tr = this.body.insertRow();
      tr.dataset.variable = r.name;
      tr.className = `band-${r.band}`;
      const cells = [r.name, formatGradient(r.analytic), formatGradient(r.numerical), formatRelError(r.relError), tt(this.lang, BAND_TEXT[r.band])];
      cells.forEach((c, i) => {
        const td = tr.insertCell();
        td.textContent = c;
        if (i === 3) {
          td.className = 'rel-error';
          td.dataset.value = String(r.relError);
        }
        if (i === 4 && r.kink) {
          const k = document.createElement('span');
          k.className = 'kink-note';
          k.textContent = ` · ${tt(this.lang, 'kinkNote')}`;
          td.append(k);
        }
      });
      tr.cells[1].className = 'analytic';
      tr.cells[2].className = 'numerical';
    }
  }
}
