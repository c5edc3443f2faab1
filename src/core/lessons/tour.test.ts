import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { SETTINGS, checkSetting, formatSetting, type SettingKey } from '../lab/settings';
import { CIRCUIT_PRESETS, buildCircuit, circuitPreset } from './circuits';
import { LESSON_LANGS, splitMath } from './text';
import { PANELS, TOUR_STEPS, tourStep } from './tour';

describe('the guided tour of the lecture', () => {
  it('has 8 to 10 steps with unique ids, and the URL field allows exactly them', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(8);
    expect(TOUR_STEPS.length).toBeLessThanOrEqual(10);
    expect(new Set(TOUR_STEPS.map((s) => s.id)).size).toBe(TOUR_STEPS.length);
    expect(SETTINGS.tour.max).toBe(TOUR_STEPS.length);
    expect(SETTINGS.tour.min).toBe(0);
    expect(tourStep(0)).toBeNull();
    expect(tourStep(1)).toBe(TOUR_STEPS[0]);
    expect(tourStep(TOUR_STEPS.length + 1)).toBeNull();
    expect(tourStep(1.5)).toBeNull();
  });

  it("follows the lecture's order", () => {
    expect(TOUR_STEPS.map((s) => s.id)).toEqual(['score', 'loss', 'descent', 'graph', 'gates', 'sigmoid', 'network', 'neuron', 'fi', 'spiking']);
    expect(TOUR_STEPS.map((s) => s.circuit ?? '')).toEqual(['', '', '', 'add-multiply', 'max-circuit', 'sigmoid-neuron', '', '', '', '']);
  });

  it("every step's settings are valid settings of the table (and leave language, seed and the teacher's settings alone)", () => {
    for (const step of TOUR_STEPS) {
      for (const [key, value] of Object.entries(step.settings)) {
        expect(key in SETTINGS, `${step.id}: ${key}`).toBe(true);
        const k = key as SettingKey;
        expect(SETTINGS[k].group, `${step.id}: ${key}`).not.toBe('teach');
        expect(['lang', 'seed', 'perf']).not.toContain(k);
        expect(checkSetting(k, formatSetting(k, value)), `${step.id}: ${key}`).toEqual(value);
      }
    }
  });

  it('every title and text has English and Korean, and every formula renders in KaTeX', () => {
    let formulas = 0;
    for (const step of TOUR_STEPS) {
      for (const field of [step.title, step.text]) {
        for (const lang of LESSON_LANGS) {
          expect(field[lang].trim(), `${step.id} ${lang}`).not.toBe('');
          for (const seg of splitMath(field[lang])) {
            if (seg.kind === 'math') {
              formulas++;
              expect(() => katex.renderToString(seg.value, { throwOnError: true }), `${step.id} ${lang}: ${seg.value}`).not.toThrow();
            }
          }
        }
        // Korean is Korean (not an English copy), and both languages carry the same formulas.
        expect(field.ko, step.id).toMatch(/[가-힣]/);
        const maths = (s: string) => splitMath(s).filter((x) => x.kind === 'math').map((x) => x.value);
        expect(maths(field.ko), step.id).toEqual(maths(field.en));
      }
    }
    expect(formulas).toBeGreaterThan(30);
  });

  it('panels are known; a circuit step opens the circuit panel with a lecture circuit', () => {
    for (const step of TOUR_STEPS) {
      expect(step.panels.length, step.id).toBeGreaterThan(0);
      for (const p of step.panels) expect(PANELS).toContain(p);
      if (step.circuit) {
        expect(step.panels).toContain('circuit');
        expect(CIRCUIT_PRESETS.map((c) => c.id)).toContain(step.circuit);
      }
    }
  });

  it("the numbers the texts quote are the engine's", () => {
    const graph = TOUR_STEPS.find((s) => s.id === 'graph')!;
    const m = buildCircuit(circuitPreset('add-multiply').expression, circuitPreset('add-multiply').values);
    expect(m.nodes.find((n) => n.name === 'x+y')!.value).toBe(3);
    expect(m.nodes[m.output].value).toBe(-12);
    expect(m.nodes.find((n) => n.name === 'x')!.grad).toBe(-4);
    expect(m.nodes.find((n) => n.name === 'z')!.grad).toBe(3);
    for (const lang of LESSON_LANGS) {
      for (const quoted of ['q = 3', 'f = -12', '= -4', '= q = 3']) expect(graph.text[lang]).toContain(quoted);
    }
    const gates = TOUR_STEPS.find((s) => s.id === 'gates')!;
    const g = buildCircuit(circuitPreset('max-circuit').expression, circuitPreset('max-circuit').values);
    expect([g.nodes.find((n) => n.name === 'z')!.grad, g.nodes.find((n) => n.name === 'w')!.grad]).toEqual([2, 0]);
    expect(gates.text.en).toContain('($z$ gets 2, $w$ gets 0)');
    const sig = TOUR_STEPS.find((s) => s.id === 'sigmoid')!;
    const s = buildCircuit(circuitPreset('sigmoid-neuron').expression, circuitPreset('sigmoid-neuron').values);
    const sigma = s.nodes[s.output].value;
    expect(sigma.toFixed(2)).toBe('0.73');
    expect(((1 - sigma) * sigma).toFixed(1)).toBe('0.2');
    expect(sig.text.en).toContain('(1 - 0.73)\\, 0.73 = 0.2');
  });
});
