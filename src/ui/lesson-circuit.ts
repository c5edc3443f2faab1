/**
 * The circuit view's panel: the lecture's three circuits as presets, a formula box, one box per
 * variable, the formula in KaTeX, the drawing, and a caption with the local rule of the gate under
 * the pointer. All maths is the backprop engine's (through src/core/lessons/circuits.ts). A formula
 * with a syntax error shows the position beside the box and the last good graph stays; only good
 * formulas and values reach the URL (through `onChange`).
 */
import { ParameterError } from '../core/errors';
import { ExpressionError } from '../core/ann/expression';
import {
  CIRCUIT_PRESETS, GATE_RULES, buildCircuit, completeValues, expressionTex, expressionVariables, formatCircuitNumber, formatCircuitValues,
  parseCircuitValues, repairQueryPlus, type CircuitModel, type CircuitNode, type CircuitPreset,
} from '../core/lessons/circuits';
import type { LessonLang } from '../core/lessons/text';
import { CircuitView } from '../view/circuit-view';
import { renderFormula } from './lesson-math';
import { tt } from './lesson-text';
import { CircuitGradientCheck } from './lesson-gradcheck';
import { expressionRefusal, settingRefusal } from './words';
import { nonFiniteCause, type NonFiniteCause } from '../core/lessons/circuit-check';

export class CircuitPanel {
  /** The panel's section (the owner inserts it into the page). */
  readonly section: HTMLElement;
  private readonly exprInput: HTMLInputElement;
  private readonly exprError: HTMLElement;
  private readonly valuesBox: HTMLElement;
  private readonly formula: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly view: CircuitView;
  private readonly valueInputs = new Map<string, HTMLInputElement>();
  /** The last formula and values that evaluated (the graph on screen). */
  private expr = '';
  private values: Record<string, number> = {};
  /**
   * Every value typed or loaded this visit, by name: a variable that leaves the formula while the
   * student edits it and comes back gets its value back (not 1).
   */
  private remembered: Record<string, number> = Object.create(null);
  private readonly check: CircuitGradientCheck;
  private readonly nonFinite: HTMLElement;
  private readonly valuesError: HTMLElement;
  model: CircuitModel | null = null;
  /** The formula's TeX, drawn when the panel is visible (so a closed panel never loads KaTeX). */
  private tex = '';
  private texShown = '';

  /**
   * @param onChange a formula and its values that evaluated, as the URL keeps them (`expr`, `vals`)
   */
  constructor(
    private readonly lang: LessonLang,
    private readonly onChange: (expr: string, vals: string) => void,
  ) {
    const L = lang;
    this.section = h('section', { id: 'circuit-panel', class: 'panel circuit-panel', 'aria-labelledby': 'circuit-title' });
    this.section.dataset.panel = 'circuit';
    this.section.hidden = true;
    const title = h('h2', { id: 'circuit-title' }, tt(L, 'circuitTitle'));

    const presets = h('div', { class: 'circuit-presets', role: 'group', 'aria-label': tt(L, 'presets') });
    for (const p of CIRCUIT_PRESETS) {
      const b = h('button', { type: 'button', class: 'circuit-preset', 'data-preset': p.id, title: p.expression }, p.title[L]) as HTMLButtonElement;
      b.addEventListener('click', () => this.load(p));
      presets.append(b);
    }

    const exprRow = h('div', { class: 'circuit-row' });
    const exprLabel = h('label', { for: 'circuit-expr', title: tt(L, 'formulaTip') }, tt(L, 'formula'));
    this.exprInput = h('input', {
      id: 'circuit-expr', type: 'text', class: 'circuit-expr', autocomplete: 'off', spellcheck: 'false',
      title: tt(L, 'formulaTip'), 'aria-describedby': 'circuit-expr-error',
    }) as HTMLInputElement;
    this.exprError = h('span', { id: 'circuit-expr-error', class: 'error circuit-error', role: 'alert' });
    this.exprInput.addEventListener('input', () => this.typed());
    exprRow.append(exprLabel, this.exprInput, this.exprError);

    this.valuesBox = h('div', { class: 'circuit-values', role: 'group', 'aria-label': tt(L, 'values') });
    this.formula = h('div', { class: 'circuit-formula', 'aria-hidden': 'true' });
    this.caption = h('p', { id: 'circuit-caption', class: 'note circuit-caption', 'aria-live': 'polite' }, tt(L, 'hoverHint'));
    this.view = new CircuitView(
      {
        graphLabel: (expr, value) => tt(L, 'graphLabel', { expr, value }),
        nodeLabel: (name, value, grad) => tt(L, 'nodeLabel', { name, value, grad: grad || tt(L, 'noGradient') }),
        rule: (n) => ruleOf(n, L),
      },
      (n) => (this.caption.textContent = n ? `${n.name}: ${ruleOf(n, L)}` : tt(L, 'hoverHint')),
    );
    // (a long formula scrolls sideways here: the region takes focus, so the keyboard can scroll it)
    const drawing = h('div', { class: 'circuit-drawing', tabindex: '0', role: 'region', 'aria-labelledby': 'circuit-title' });
    drawing.append(this.view.view);
    this.valuesError = h('p', { id: 'circuit-values-error', class: 'error', role: 'alert' });
    this.nonFinite = h('p', { id: 'circuit-nonfinite', class: 'error', role: 'alert' });
    this.check = new CircuitGradientCheck(L);
    this.section.append(title, presets, exprRow, this.valuesBox, this.valuesError, this.formula, drawing, this.nonFinite, this.caption, this.check.view);
  }

  /** Shows a formula and values (from the URL or a tour step). A bad formula shows its error; a good one draws. */
  show(expr: string, valsText: string): void {
    let given: Record<string, number> = {};
    this.valuesError.textContent = '';
    try {
      given = parseCircuitValues(valsText);
    } catch (e) {
      // Values the URL field let through but that are not numbers: said, and those variables start at 1.
      if (!(e instanceof ParameterError)) throw e;
      const m = /^vals\.(.+)$/.exec(e.parameter);
      const what = m ? tt(this.lang, 'linkValueBad', { name: m[1], value: String(e.value) }) : tt(this.lang, 'linkValuesSyntax', { part: String(e.value) });
      this.valuesError.textContent = tt(this.lang, 'linkValuesError', { what });
      given = readableValues(valsText);
    }
    Object.assign(this.remembered, given);
    const text = repairQueryPlus(expr);
    this.exprInput.value = text;
    this.values = given;
    this.evaluate(text, text !== expr); // a repaired formula goes back to the URL, encoded
  }

  /** Loads a lecture circuit and reports it. */
  load(p: CircuitPreset): void {
    this.exprInput.value = p.expression;
    this.values = { ...p.values };
    Object.assign(this.remembered, p.values);
    this.valuesError.textContent = '';
    this.evaluate(p.expression, true);
  }

  private typed(): void {
    this.evaluate(this.exprInput.value, true);
  }

  /** Parses and runs `expr` with the current values; on success redraws (and reports if asked). */
  private evaluate(expr: string, report: boolean): void {
    let names: string[];
    let model: CircuitModel;
    try {
      names = expressionVariables(expr);
      const values = completeValues(names, { ...this.remembered, ...this.values });
      model = buildCircuit(expr, values);
      this.values = values;
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      this.showError(e);
      return;
    }
    if (expr === this.exprInput.value) {
      // (A value changed under a formula box that still holds a syntax error keeps that error.)
      this.exprError.textContent = '';
      this.exprInput.removeAttribute('aria-invalid');
    }
    this.expr = expr;
    this.model = model;
    this.valueBoxes(names);
    this.view.update(model);
    this.check.update(expr, this.values);
    this.showNonFinite(nonFiniteCause(model));
    this.tex = expressionTex(expr);
    this.drawFormula();
    if (report) this.onChange(expr, formatCircuitValues(names, this.values));
  }

  /** Shows or hides the panel. */
  setVisible(on: boolean): void {
    this.section.hidden = !on;
    this.drawFormula();
  }

  private drawFormula(): void {
    if (this.section.hidden || this.tex === this.texShown) return;
    this.texShown = this.tex;
    renderFormula(this.formula, this.tex);
  }

  private showError(e: ParameterError): void {
    this.exprInput.setAttribute('aria-invalid', 'true');
    if (e instanceof ExpressionError) {
      const what = expressionRefusal(this.lang, e);
      this.exprError.textContent = tt(this.lang, 'syntaxError', { pos: e.position, what });
      this.exprError.dataset.position = String(e.position);
    } else {
      this.exprError.textContent = e.parameter === 'expr' ? settingRefusal(this.lang, 'expr', e.value) : e.message;
      delete this.exprError.dataset.position;
    }
  }

  /** Why f is not finite (log of a negative number, division by zero, overflow), or nothing. */
  private showNonFinite(c: NonFiniteCause | null): void {
    if (!c) {
      this.nonFinite.textContent = '';
      return;
    }
    const key = c.reason === 'log-domain' ? 'nonFiniteLog' : c.reason === 'divide-by-zero' ? 'nonFiniteDivide' : c.reason === 'overflow' ? 'nonFiniteOverflow' : 'nonFiniteOther';
    this.nonFinite.textContent = tt(this.lang, key, { node: c.node, x: formatCircuitNumber(c.inputs[0] ?? NaN) });
  }

  /** The step h of the gradient check (for tests). */
  get checkStep(): number {
    return this.check.step;
  }

  /** One labelled box per variable (rebuilt only when the variables change). */
  private valueBoxes(names: string[]): void {
    const same = names.length === this.valueInputs.size && names.every((n) => this.valueInputs.has(n));
    if (same) {
      for (const n of names) {
        const input = this.valueInputs.get(n)!;
        if (document.activeElement !== input) input.value = String(this.values[n]);
      }
      return;
    }
    this.valuesBox.replaceChildren();
    this.valueInputs.clear();
    for (const name of names) {
      const id = `circuit-val-${name}`;
      const wrap = h('span', { class: 'circuit-value-field' });
      const label = h('label', { for: id }, name);
      const input = h('input', {
        id, type: 'text', inputmode: 'decimal', autocomplete: 'off', spellcheck: 'false', class: 'circuit-value-input',
        title: tt(this.lang, 'valueTip', { name }), 'aria-describedby': `${id}-error`,
      }) as HTMLInputElement;
      input.value = String(this.values[name]);
      const err = h('span', { id: `${id}-error`, class: 'error', role: 'alert' });
      input.addEventListener('input', () => {
        const v = input.value.trim() === '' ? NaN : Number(input.value);
        if (!Number.isFinite(v)) {
          err.textContent = tt(this.lang, 'valueError', { name });
          input.setAttribute('aria-invalid', 'true');
          return;
        }
        err.textContent = '';
        input.removeAttribute('aria-invalid');
        this.values = { ...this.values, [name]: v };
        this.remembered[name] = v;
        this.evaluate(this.expr, true);
      });
      wrap.append(label, input, err);
      this.valuesBox.append(wrap);
      this.valueInputs.set(name, input);
    }
  }

  destroy(): void {
    this.view.destroy();
    this.section.remove();
  }
}

/** The entries of a values text that are name=finite number (the rest were reported). */
function readableValues(text: string): Record<string, number> {
  const out: Record<string, number> = Object.create(null);
  for (const part of text.split(',')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*$/.exec(part);
    if (m && Number.isFinite(Number(m[2]))) out[m[1]] = Number(m[2]);
  }
  return out;
}

/** A node's local rule, in the page's language. */
function ruleOf(n: CircuitNode, lang: LessonLang): string {
  return (GATE_RULES[n.op] ?? GATE_RULES.constant)[lang];
}

/** A small element factory: tag, attributes, text. */
function h(tag: string, attrs: Record<string, string>, textContent?: string): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (textContent !== undefined) e.textContent = textContent;
  return e;
}
