/**
 * The teacher's features on the page: the guided tour of the lecture, presenter mode and the
 * circuit view, mounted together by `mountTeaching`. The tour's content is data
 * (src/core/lessons/tour.ts); this file shows a step, applies its settings through the page's one
 * settings path (so the URL follows), plays or pauses, and highlights its panels.
 *
 * URL: `tour` is the open step (1-based, 0 = closed), `presenter` the mode, `circuit`, `expr`
 * and `vals` the circuit view. Opening a link with `tour=n` applies step n's settings for every
 * setting the link does not name itself, so a hand-made link `?tour=7` shows step 7 as the
 * tour sets it, and a link the page wrote keeps whatever the teacher changed afterwards.
 *
 * Keys (ignored while typing in a field): T opens or closes the tour, N or PageDown next,
 * P or PageUp previous (only while the tour is open), Escape closes it, F presenter mode. Space
 * and the right arrow stay the page's play/pause and step. Each step frames its panels
 * (tour-frame.ts): the tour bar stays at the window's top and the page scrolls to them.
 */
import type { Settings } from '../core/lab/settings';
import { circuitPreset, formatCircuitValues } from '../core/lessons/circuits';
import type { LessonLang } from '../core/lessons/text';
import { TOUR_STEPS, tourStep, type TourStep } from '../core/lessons/tour';
import '../styles/tour.css';
import { CircuitPanel } from './lesson-circuit';
import { renderRich } from './lesson-math';
import { tt } from './lesson-text';
import { Presenter, panelSection } from './presenter';
import { framePanels } from './tour-frame';

/** What the teacher's features need from the page. */
export interface TeachHost {
  /** The settings in force. */
  settings(): Settings;
  /** Applies checked settings at once (URL, controls and lab follow). */
  apply(patch: Partial<Settings>): void;
  /** Plays or pauses the lab. */
  setPlaying(on: boolean): void;
  /** Opens the neuron inspector on hidden unit `j` (a step about one neuron); null closes it. */
  inspect?(j: number | null): void;
}

/** The mounted features; `destroy` removes every element and listener they added. */
export interface Teaching {
  tour: Tour;
  presenter: Presenter;
  circuit: CircuitPanel;
  destroy(): void;
}

/**
 * Adds the tour bar, the teacher's buttons and the circuit panel to the page and opens what the
 * URL asks for. `urlKeys` are the settings the page's link named (for the tour rule above).
 */
export function mountTeaching(host: TeachHost, lang: LessonLang, urlKeys: ReadonlySet<string> = new Set(new URLSearchParams(location.search).keys())): Teaching {
  const L = lang;
  const presenter = new Presenter();
  const circuit = new CircuitPanel(L, (expr, vals) => host.apply({ expr, vals }));

  // Buttons beside the page's transport (Tour, Circuit, Presenter).
  const bar = document.createElement('div');
  bar.className = 'teach-buttons';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', tt(L, 'tourRegion'));
  const button = (id: string, label: string, tip: string): HTMLButtonElement => {
    const b = document.createElement('button');
    b.type = 'button';
    b.id = id;
    b.textContent = label;
    b.title = tip;
    b.setAttribute('aria-pressed', 'false');
    bar.append(b);
    return b;
  };
  const tourButton = button('tour-open', tt(L, 'tour'), tt(L, 'tourTip'));
  const circuitButton = button('circuit-open', tt(L, 'circuit'), tt(L, 'circuitTip'));
  const presenterButton = button('presenter-toggle', tt(L, 'presenter'), tt(L, 'presenterTip'));
  const topbar = document.querySelector('.topbar');
  const transport = topbar?.querySelector('.transport');
  if (transport) transport.after(bar);
  else (topbar ?? document.body).prepend(bar);

  // The circuit panel: first in the stage, so opening it shows it.
  const stage = document.querySelector('main.stage') ?? document.querySelector('main') ?? document.body;
  stage.prepend(circuit.section);

  const showCircuit = (on: boolean): void => {
    circuit.setVisible(on);
    circuitButton.setAttribute('aria-pressed', String(on));
  };
  const setPresenter = (on: boolean): void => {
    presenter.set(on);
    presenterButton.setAttribute('aria-pressed', String(on));
  };

  let inspecting = false;
  const tour = new Tour(L, {
    open(step, n, fromUrl) {
      const patch: Partial<Settings> = { tour: n };
      for (const [k, v] of Object.entries(step.settings)) {
        if (!fromUrl || !urlKeys.has(k)) (patch as Record<string, unknown>)[k] = v;
      }
      if (!fromUrl || !urlKeys.has('circuit')) patch.circuit = step.circuit !== undefined;
      if (step.circuit && (!fromUrl || !urlKeys.has('expr'))) {
        const p = circuitPreset(step.circuit);
        patch.expr = p.expression;
        patch.vals = formatCircuitValues(Object.keys(p.values), p.values);
      }
      host.apply(patch);
      showCircuit(host.settings().circuit);
      if (patch.expr !== undefined) circuit.show(host.settings().expr, host.settings().vals);
      host.setPlaying(step.play);
      presenter.highlight(step.panels);
      tourButton.setAttribute('aria-pressed', 'true');
      // Frame the step's panels once the layout has followed the new settings (next frame).
      const sections = step.panels.map(panelSection).filter((x): x is HTMLElement => x !== null);
      requestAnimationFrame(() => requestAnimationFrame(() => {
        framePanels(sections, tour.section);
        // A step about one neuron opens the inspector on it; the next step closes what the tour opened.
        if (step.inspect !== undefined) host.inspect?.(step.inspect);
        else if (inspecting) host.inspect?.(null);
        inspecting = step.inspect !== undefined;
        tour.framed++;
      }));
    },
    close() {
      if (inspecting) host.inspect?.(null);
      inspecting = false;
      host.apply({ tour: 0 });
      presenter.highlight([]);
      tourButton.setAttribute('aria-pressed', 'false');
    },
  });
  const tourBar = tour.section;
  const notices = document.getElementById('notices');
  if (notices) notices.after(tourBar);
  else document.body.prepend(tourBar);

  tourButton.addEventListener('click', () => (tour.current ? tour.close() : tour.go(1)));
  circuitButton.addEventListener('click', () => {
    const on = circuit.section.hidden !== false;
    host.apply({ circuit: on });
    showCircuit(on);
    if (on) circuit.section.scrollIntoView({ block: 'nearest' });
  });
  presenterButton.addEventListener('click', () => {
    const on = !presenter.active;
    host.apply({ presenter: on });
    setPresenter(on);
  });

  const onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const el = e.target as HTMLElement | null;
    const tag = el?.tagName;
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
    const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (key === 't') {
      if (tour.current) tour.close();
      else tour.go(1);
    } else if (key === 'f') {
      presenterButton.click();
    } else if (tour.current && (key === 'n' || key === 'PageDown')) {
      e.preventDefault(); // no page scroll
      tour.next();
    } else if (tour.current && (key === 'p' || key === 'PageUp')) {
      e.preventDefault();
      tour.previous();
    } else if (key === 'Escape' && tour.current && !document.querySelector('[role="dialog"]:not([hidden])')) {
      // Escape closes the tour (an open dialog, the neuron inspector, takes its Escape first).
      tour.close();
    }
  };
  document.addEventListener('keydown', onKey);

  // What the URL asks for.
  const s = host.settings();
  circuit.show(s.expr, s.vals);
  showCircuit(s.circuit);
  setPresenter(s.presenter);
  if (s.tour > 0) tour.go(s.tour, true);

  return {
    tour,
    presenter,
    circuit,
    destroy() {
      document.removeEventListener('keydown', onKey);
      tour.destroy();
      circuit.destroy();
      presenter.destroy();
      bar.remove();
    },
  };
}

/** What opening or closing a step does to the page (mountTeaching supplies it). */
interface TourActions {
  open(step: TourStep, n: number, fromUrl: boolean): void;
  close(): void;
}

/** The tour bar: the step's title and text, its number, previous / next / close. */
export class Tour {
  readonly section: HTMLElement;
  /** The open step, 1-based; 0 when closed. */
  current = 0;
  /** Steps framed so far (the view scrolls a frame after a step opens); tests wait on it. */
  framed = 0;
  private readonly title: HTMLElement;
  private readonly body: HTMLElement;
  private readonly count: HTMLElement;
  private readonly prev: HTMLButtonElement;
  private readonly next_: HTMLButtonElement;

  constructor(
    private readonly lang: LessonLang,
    private readonly actions: TourActions,
  ) {
    const L = lang;
    this.section = document.createElement('section');
    this.section.id = 'tour';
    this.section.className = 'tour';
    this.section.hidden = true;
    this.section.setAttribute('aria-labelledby', 'tour-title');
    this.title = document.createElement('h2');
    this.title.id = 'tour-title';
    this.body = document.createElement('div');
    this.body.id = 'tour-text';
    this.body.className = 'tour-text';
    this.body.setAttribute('aria-live', 'polite');
    // A long text scrolls inside the bar (which stays on screen); a scrolling region takes focus.
    this.body.tabIndex = 0;
    const nav = document.createElement('div');
    nav.className = 'tour-nav';
    const mk = (id: string, label: string, tip: string, onClick: () => void): HTMLButtonElement => {
      const b = document.createElement('button');
      b.type = 'button';
      b.id = id;
      b.textContent = label;
      b.title = tip;
      b.addEventListener('click', onClick);
      return b;
    };
    this.prev = mk('tour-prev', tt(L, 'previous'), tt(L, 'previousTip'), () => this.previous());
    this.next_ = mk('tour-next', tt(L, 'next'), tt(L, 'nextTip'), () => this.next());
    const close = mk('tour-close', tt(L, 'close'), tt(L, 'closeTip'), () => this.close());
    this.count = document.createElement('span');
    this.count.id = 'tour-count';
    this.count.className = 'tour-count';
    nav.append(this.prev, this.count, this.next_, close);
    this.section.append(this.title, this.body, nav);
  }

  /** Opens step `n` (1-based; clamped to the tour). `fromUrl`: the page's link opened it. */
  go(n: number, fromUrl = false): void {
    const k = Math.min(TOUR_STEPS.length, Math.max(1, Math.round(n)));
    const step = tourStep(k)!;
    this.current = k;
    this.section.hidden = false;
    this.title.textContent = step.title[this.lang];
    renderRich(this.body, step.text[this.lang]);
    this.count.textContent = tt(this.lang, 'stepOf', { n: k, total: TOUR_STEPS.length });
    this.prev.disabled = k === 1;
    this.next_.disabled = k === TOUR_STEPS.length;
    this.section.dataset.step = step.id;
    this.actions.open(step, k, fromUrl);
  }

  next(): void {
    if (this.current && this.current < TOUR_STEPS.length) this.go(this.current + 1);
  }

  previous(): void {
    if (this.current > 1) this.go(this.current - 1);
  }

  close(): void {
    if (!this.current) return;
    this.current = 0;
    this.section.hidden = true;
    delete this.section.dataset.step;
    this.actions.close();
  }

  destroy(): void {
    this.section.remove();
  }
}

