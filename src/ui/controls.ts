/**
 * The settings panel, built from the settings table: one labelled control per setting, grouped,
 * each with a tooltip (formula or meaning) and an accessible name (the label, tied by `for`).
 * Numbers are typed as text so that anything can be typed; a value the table refuses is shown
 * beside the control as the ParameterError's message and the last good value comes back.
 * The panel reports good values through `onChange`; it holds no model logic.
 */
import { ParameterError } from '../core/errors';
import { SETTINGS, SETTING_KEYS, checkSetting, somaParamNote, type SettingField, type SettingKey, type Settings } from '../core/lab/settings';
import type { Lang, TEXTS } from './i18n';
import { choiceName, settingRefusal, word } from './words';

type Texts = (typeof TEXTS)['en'];

/** Settings with no control of their own (the custom points are edited on the plane and by CSV). */
const HIDDEN_KEYS: readonly SettingKey[] = ['pts'];
const GROUP_ORDER = ['data', 'network', 'training', 'biology', 'soma', 'run', 'view'] as const;

/**
 * Settings shown only where they act: a setting linked to a soma model (settings.ts `soma`: its
 * parameters, its presets) with that model; the LIF time constants also when the network neuron
 * is a LIF.
 */
const ALSO_VISIBLE_WHEN: Partial<Record<SettingKey, (s: Settings) => boolean>> = {
  tauMs: (s) => s.neuron === 'lif',
  refractoryMs: (s) => s.neuron === 'lif',
};
const VISIBLE_WHEN: Partial<Record<SettingKey, (s: Settings) => boolean>> = Object.fromEntries(
  SETTING_KEYS.flatMap((key) => {
    const f: SettingField = SETTINGS[key];
    const link = f.kind === 'number' || f.kind === 'choice' ? f.soma : undefined;
    if (!link) return [];
    const also = ALSO_VISIBLE_WHEN[key];
    return [[key, (s: Settings) => s.soma === link.model || (also?.(s) ?? false)]];
  }),
);

export class Controls {
  private readonly inputs = new Map<SettingKey, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<SettingKey, HTMLElement>();
  private readonly fields = new Map<SettingKey, HTMLElement>();
  private readonly labels = new Map<SettingKey, { label: HTMLLabelElement; text: string }>();
  private csvBox: HTMLElement = document.createElement('div');
  private good: Settings;

  /**
   * @param root the element the panel fills
   * @param onChange a checked value for one setting
   * @param onCsv pasted CSV text; returns an error message to show, or '' when it was used
   */
  constructor(
    private readonly root: HTMLElement,
    settings: Settings,
    t: Texts,
    private readonly onChange: <K extends SettingKey>(key: K, value: Settings[K]) => void,
    onCsv: (text: string) => string,
    onClearPoints: () => void,
    private readonly lang: Lang = 'en',
  ) {
    this.good = { ...settings };
    root.replaceChildren();
    for (const group of GROUP_ORDER) {
      const fs = document.createElement('fieldset');
      fs.className = `group group-${group}`;
      const legend = document.createElement('legend');
      legend.textContent = t.groups[group];
      fs.appendChild(legend);
      for (const key of SETTING_KEYS) {
        const f: SettingField = SETTINGS[key];
        if (f.group !== group || HIDDEN_KEYS.includes(key)) continue;
        fs.appendChild(this.field(key, f, t));
      }
      if (group === 'data') {
        // Custom data: paste CSV, clear the points.
        const box = document.createElement('div');
        box.className = 'field csv';
        const label = document.createElement('label');
        label.htmlFor = 'csv-text';
        label.textContent = t.ui.csvLabel;
        label.title = t.ui.csvTip;
        const area = document.createElement('textarea');
        area.id = 'csv-text';
        area.rows = 3;
        area.title = t.ui.csvTip;
        area.placeholder = word(this.lang, 'csvPlaceholder');
        const apply = document.createElement('button');
        apply.type = 'button';
        apply.textContent = t.ui.csvApply;
        apply.title = t.ui.csvTip;
        const clear = document.createElement('button');
        clear.type = 'button';
        clear.textContent = t.ui.clearPoints;
        clear.addEventListener('click', onClearPoints);
        const err = document.createElement('span');
        err.className = 'error';
        err.id = 'csv-error';
        err.setAttribute('role', 'alert');
        area.setAttribute('aria-describedby', 'csv-error');
        apply.addEventListener('click', () => {
          err.textContent = onCsv(area.value);
        });
        const hint = document.createElement('p');
        hint.className = 'hint';
        hint.textContent = t.ui.customHint;
        box.append(label, area, apply, clear, err, hint);
        fs.appendChild(box);
        this.csvBox = box;
      }
      root.appendChild(fs);
    }
    this.showCustom(settings.dataset === 'custom');
    this.showRelevant();
  }

  /** Shows each conditional setting only when it acts (VISIBLE_WHEN). */
  private showRelevant(): void {
    for (const [key, when] of Object.entries(VISIBLE_WHEN) as [SettingKey, (s: Settings) => boolean][]) {
      const f = this.fields.get(key);
      if (f) f.hidden = !when(this.good);
    }
  }

  /** Writes the unit of a setting whose unit depends on another (the current's, on the soma model) into its label. */
  setUnit(key: SettingKey, unit: string): void {
    const l = this.labels.get(key);
    if (l) l.label.textContent = unit ? `${l.text} (${unit})` : l.text;
  }

  private field(key: SettingKey, f: SettingField, t: Texts): HTMLElement {
    const text = t.settings[key];
    // a soma row's tooltip ends with its declaration (model, parameter, unit, allowed range)
    const note = somaParamNote(f);
    const tip = note ? `${text.tip} (${note})` : text.tip;
    const wrap = document.createElement('div');
    wrap.className = `field field-${f.kind}`;
    const id = `set-${key}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.title = tip;
    label.textContent = f.kind === 'number' && f.unit ? `${text.label} (${f.unit})` : text.label;
    this.labels.set(key, { label, text: text.label });
    let input: HTMLInputElement | HTMLSelectElement;
    if (f.kind === 'choice') {
      const sel = document.createElement('select');
      for (const c of f.choices) {
        const o = document.createElement('option');
        o.value = c;
        o.textContent = choiceName(this.lang, key, c);
        sel.appendChild(o);
      }
      sel.value = String(this.good[key]);
      sel.addEventListener('change', () => this.commit(key, sel.value));
      input = sel;
    } else if (f.kind === 'boolean') {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = Boolean(this.good[key]);
      box.addEventListener('change', () => this.commit(key, box.checked));
      input = box;
    } else {
      const box = document.createElement('input');
      box.type = 'text';
      box.inputMode = f.kind === 'number' && f.integer ? 'numeric' : 'decimal';
      box.autocomplete = 'off';
      box.spellcheck = false;
      box.value = String(this.good[key]);
      box.addEventListener('change', () => this.commit(key, box.value));
      box.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') this.commit(key, box.value);
      });
      input = box;
    }
    input.id = id;
    input.title = tip;
    input.dataset.setting = key;
    const err = document.createElement('span');
    err.className = 'error';
    err.id = `${id}-error`;
    err.setAttribute('role', 'alert');
    input.setAttribute('aria-describedby', err.id);
    wrap.append(label, input, err);
    this.inputs.set(key, input);
    this.errors.set(key, err);
    this.fields.set(key, wrap);
    return wrap;
  }

  /** Checks a typed value; shows the refusal beside the control and restores the last good value. */
  private commit(key: SettingKey, raw: string | boolean): void {
    const err = this.errors.get(key)!;
    const input = this.inputs.get(key)!;
    try {
      const value = checkSetting(key, raw);
      err.textContent = '';
      input.removeAttribute('aria-invalid');
      if (JSON.stringify(value) === JSON.stringify(this.good[key])) {
        input.value = String(value);
        return;
      }
      (this.good as Record<SettingKey, unknown>)[key] = value;
      if (key === 'dataset') this.showCustom(value === 'custom');
      this.showRelevant();
      this.onChange(key, value);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      // In the control's own label and the reader's language (never the URL key).
      err.textContent = settingRefusal(this.lang, key, raw);
      input.setAttribute('aria-invalid', 'true');
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(this.good[key]);
      else input.value = String(this.good[key]);
    }
  }

  /** Shows a value set from elsewhere (e.g. keyboard, URL) without reporting it back. */
  set<K extends SettingKey>(key: K, value: Settings[K]): void {
    (this.good as Record<SettingKey, unknown>)[key] = value;
    this.showRelevant();
    const input = this.inputs.get(key);
    if (!input) return;
    if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(value);
    else input.value = String(value);
  }

  private showCustom(on: boolean): void {
    this.csvBox.hidden = !on;
    const cls = this.fields.get('customClass');
    if (cls) cls.hidden = !on;
    for (const k of ['points', 'noise'] as const) {
      const f = this.fields.get(k);
      if (f) f.hidden = on;
    }
  }

  destroy(): void {
    this.root.replaceChildren();
  }
}
