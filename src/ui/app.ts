/**
 * The page's glue: settings flow from the controls (and the URL) into the lab (in its Web
 * Worker, through the `LabClient`), snapshots flow from the lab into the stage, and the
 * counters, notices and overlay follow. Data flows one way: ui -> settings -> lab -> snapshot ->
 * views. Commands to the lab are async; the views draw the client's latest snapshot, so a
 * refused command (a ParameterError) leaves the last good state on show.
 */
import { ParameterError } from '../core/errors';
import { parseNetworkFileText } from '../core/export/network-file';
import type { LabClient } from '../core/lab/lab-client';
import type { LabSnapshot } from '../core/lab/snapshot';
import { MAX_CUSTOM_POINTS, izhikevichPresetSettings, type SettingKey, type SettingProblem, type Settings } from '../core/lab/settings';
import { Stage, type StageHosts } from '../view/stage';
import { Controls } from './controls';
import { texts, type Lang } from './i18n';
import { bindShortcuts } from './keyboard';
import { Notices } from './notices';
import { Runner } from './runner';
import { writeUrlSettings } from './url-state';
import { mountTeaching, type Teaching } from './tour';
import { mountExport } from './export';
import { mountProject } from './project';
import { Inspector } from './inspector';
import { round3 } from './custom-points';
import { neuronNote, perfLine } from './neuron-note';
import { et } from './export-text';
import { fillingLine, probeLine, regionsLine, sinkCaption, st } from './status';
import { SNN_GRID, TRACE_MS } from '../core/lab/snapshot';
import { choiceName, unitText, urlProblems, word } from './words';
import { mountClassroom, readPastedPoints } from './classroom';
import { UnitTools } from './unit-tools';
import { mountAccess, type Access } from './access';

const byId = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`page element #${id} is missing`);
  return el;
};

export class App {
  runner!: Runner;
  stage!: Stage;
  private controls!: Controls;
  private readonly notices: Notices;
  private readonly t: ReturnType<typeof texts>;
  private unbindKeys: () => void = () => {};
  private settings: Settings;
  private teaching: Teaching | null = null;
  private unmountExport: () => void = () => {};
  private unmountProject: () => void = () => {};
  private inspector: Inspector | null = null;
  private unmountClassroom: () => void = () => {};
  /** Unit maps beside the hidden nodes and editable edges (unit-tools.ts). */
  units: UnitTools | null = null;
  /** Spikes as sound, the phone's header and menu, the keyboard in scenes and planes (access.ts). */
  access: Access | null = null;

  private constructor(
    settings: Settings,
    readonly lab: LabClient,
  ) {
    this.settings = settings;
    this.t = texts(settings.lang as Lang);
    this.notices = new Notices(byId('notices'), this.t.ui.dismiss);
  }

  /** Builds the page from settings read from the URL (with the problems found there) around a connected lab. */
  static async start(settings: Settings, problems: SettingProblem[], lab: LabClient): Promise<App> {
    const app = new App(settings, lab);
    await app.mount(problems);
    return app;
  }

  private async mount(problems: SettingProblem[]): Promise<void> {
    const t = this.t;
    document.documentElement.lang = this.settings.lang;
    byId('subtitle').textContent = t.ui.subtitle;
    byId('bio-title').textContent = t.ui.bio;
    byId('ann-title').textContent = t.ui.ann;
    byId('ann-regions-title').textContent = t.ui.annRegions;
    byId('snn-regions-title').textContent = t.ui.snnRegions;
    byId('loss-title').textContent = t.ui.lossPlot;
    byId('membrane-title').textContent = t.ui.membranePlot;
    byId('raster-title').textContent = t.ui.rasterPlot;
    byId('fi-title').textContent = t.ui.fiPlot;
    byId('scatter-title').textContent = t.ui.scatterPlot;
    byId('neuron-title').textContent = t.ui.neuronPlot;
    if (problems.length) {
      this.notices.show('url', `${t.ui.urlProblem} ${urlProblems(this.settings.lang as Lang, problems)}`);
    }
    const hosts: StageHosts = {
      bio: byId('bio-scene'),
      ann: byId('ann-scene'),
      annRegions: byId('ann-regions'),
      snnRegions: byId('snn-regions'),
      loss: byId('loss-plot'),
      membrane: byId('membrane-plot'),
      raster: byId('raster-plot'),
      fi: byId('fi-plot'),
      scatter: byId('scatter-plot'),
      neuron: byId('neuron-plot'),
    };
    const u = t.ui;
    this.stage = await Stage.create(
      hosts,
      {
        inputs: 'x', hidden: 'h = ReLU(x W1 + b1)', outputs: 's = h W2 + b2',
        annRegions: u.annRegions, snnRegions: u.snnRegions, loss: u.loss, accuracy: u.accuracy, train: u.train, test: u.test,
        step: u.trainStep, staleCounts: u.staleCounts, forward: u.forward, backward: u.backward, time: `${u.bioTime} (ms)`, v: 'V / V_th', threshold: 'V_th', neuron: '#', drive: u.drive, rate: u.rate,
        relu: word(this.settings.lang as Lang, 'reluFit'),
        somaName: (m) => choiceName(this.settings.lang as Lang, 'soma', m), unitName: (u) => unitText(this.settings.lang as Lang, u), activation: `${u.activation} / λ`, spikes: u.spikes, ideal: '1000 Hz · a/λ', current: 'I', timeMs: 't (ms)', vMv: 'V (mV)',
      },
      this.lab.snapshot,
      (x, y) => void this.pick(x, y),
    );
    this.controls = new Controls(
      byId('controls'),
      this.settings,
      t,
      (key, value) => void this.apply(key, value),
      (text) => this.useCsv(text),
      () => void this.apply('pts', []),
      this.settings.lang as Lang,
    );
    this.runner = new Runner(this.lab, this.stage, {
      onFrame: (s) => {
        this.showCounters(s);
        this.inspector?.update();
        this.units?.update(s);
        this.access?.frame(s);
      },
      onPlayState: (playing) => this.showPlayState(playing),
      onDiverged: () => this.notices.show('diverged', t.ui.diverged, 'error'),
    });
    this.runner.speed = this.settings.speed;
    const play = byId('play') as HTMLButtonElement;
    const step = byId('step') as HTMLButtonElement;
    const reset = byId('reset') as HTMLButtonElement;
    play.title = u.playTip;
    step.textContent = u.step;
    step.title = u.stepTip;
    reset.textContent = u.reset;
    reset.title = u.resetTip;
    const toSettings = byId('to-settings');
    toSettings.textContent = st(this.settings.lang as Lang, 'settingsLink');
    toSettings.title = st(this.settings.lang as Lang, 'settingsLinkTip');
    play.addEventListener('click', () => this.runner.toggle());
    step.addEventListener('click', () => void this.runner.step());
    reset.addEventListener('click', () => void this.reset());
    this.showPlayState(false);
    this.unbindKeys = bindShortcuts(document, { toggle: () => this.runner.toggle(), step: () => void this.runner.step() });
    this.showSpikingNote();
    this.showSoma();
    this.stage.updateSlow(this.lab.snapshot);
    this.runner.draw(0); // the first frame, drawn now
    this.firstFrameMs = performance.now();
    this.runner.start();
    // The teacher's features (tour, presenter mode, circuit view) change settings only through applySettings.
    this.unmountExport = mountExport(byId('export-bar'), byId('ann-scene'), {
      lab: this.lab,
      importText: (text, name) => this.importNetwork(text, name),
      notify: (message, kind) => (message ? this.notices.show('export', message, kind) : this.notices.hide('export')),
    }, this.settings.lang as Lang);
    // The neuron inspector: a click on a neuron in either scene, its button or the I key opens it.
    this.inspector = new Inspector(document.body, byId('bio-scene').parentElement!, {
      inspect: (layer, j) => this.lab.watchedPair(layer, j, () => this.inspector?.update()),
      sizes: () => this.lab.snapshot.sizes,
      selected: () => this.stage.selected,
      closed: () => void this.lab.watch(1, null),
    }, this.settings.lang as Lang);
    this.units = new UnitTools({ lab: this.lab, exclusive: (f) => this.runner.exclusive(f), refresh: () => this.afterLabChange(this.lab.snapshot) }, byId('ann-scene'), this.settings.lang as Lang);
    this.unmountClassroom = mountClassroom({ check: (h) => this.lab.gradientCheck(h), lang: this.settings.lang as Lang });
    this.teaching = mountTeaching({ settings: () => this.settings, apply: (p) => void this.applySettings(p), setPlaying: (on) => this.runner.setPlaying(on), inspect: (j) => (j === null ? this.inspector?.close() : this.inspector?.open(this.lab.snapshot.sizes[0] + j)) }, this.settings.lang as Lang);
    const page = { app: this, settings: () => this.settings, setSettings: (s: Settings) => (this.settings = s), tour: () => this.teaching?.tour ?? null, refresh: (prev: unknown) => this.afterLabChange(prev), notices: this.notices };
    this.unmountProject = mountProject(byId('export-bar'), page, this.settings.lang as Lang);
    this.access = mountAccess({ stage: this.stage, snapshot: () => this.lab.snapshot, playing: () => this.runner.playing, describe: (i) => neuronNote(this.lab.snapshot, i, u), inspect: (i) => this.inspector?.open(i), pick: (x, y) => void this.pick(x, y), words: u }, this.settings.lang as Lang);
    // A click or tap on a neuron: the inspector; on a phone the neuron's trace card (its button opens the inspector).
    this.stage.onInspect = (i) => void (this.access?.tapped(i) || this.inspector?.open(i));
  }

  /** The teacher's features (tour, presenter mode, circuit view), for tests. */
  teachingParts(): Teaching | null {
    return this.teaching;
  }

  /** Time from navigation start to the first drawn frame, ms. */
  firstFrameMs = NaN;

  /** A checked setting from a control (resolves once the lab has taken it and the views show it). */
  async apply<K extends SettingKey>(key: K, value: Settings[K]): Promise<void> {
    const prevShape = this.lab.snapshot;
    this.settings = { ...this.settings, [key]: value };
    writeUrlSettings(this.settings);
    if (key === 'lang') {
      location.reload();
      return;
    }
    if (key === 'speed') this.runner.speed = value as number;
    if (key === 'perf') byId('overlay').hidden = !value;
    if (key === 'izhPreset') {
      // A preset is a set of a, b, c, d (Izhikevich 2003, Fig. 2): the parameter controls follow it.
      const abcd = izhikevichPresetSettings(value as Settings['izhPreset']);
      this.settings = { ...this.settings, ...abcd };
      for (const [k, v] of Object.entries(abcd)) this.controls.set(k as SettingKey, v);
      writeUrlSettings(this.settings);
    }
    await this.lab.configure(this.settings);
    this.afterLabChange(prevShape);
  }

  private afterLabChange(prev: unknown): void {
    if (this.lab.snapshot !== prev) {
      this.stage.rebuild(this.lab.snapshot);
      this.notices.hide('diverged');
    }
    this.showSpikingNote();
    this.showSoma();
    this.stage.update(this.lab.snapshot);
    this.stage.updateSlow(this.lab.snapshot);
    this.stage.render();
    this.inspector?.update();
  }

  /** The soma panel's texts: a refusal of its parameters, the single neuron's spike count, the current's unit. */
  private showSoma(): void {
    const s = this.lab.snapshot;
    byId('fi-note').textContent = this.lab.somaNote;
    if (this.lab.somaFailure) this.notices.show('soma', this.lab.somaFailure, 'error');
    else this.notices.hide('soma');
    const lang = this.settings.lang as Lang;
    const unit = unitText(lang, s.somaUnit);
    byId('neuron-note').textContent = `${choiceName(lang, 'soma', s.somaModel)}${s.somaModel === 'izhikevich' ? ` ${this.settings.izhPreset}` : ''} · I = ${this.settings.current} ${unit} · ${s.neuronSpikeCount} ${this.t.ui.neuronNote}`;
    this.controls.setUnit('current', unit);
  }

  /** Several checked settings at once (a tour step, the circuit view): one URL write, one lab update. */
  async applySettings(patch: Partial<Settings>): Promise<void> {
    const prev = this.lab.snapshot;
    this.settings = { ...this.settings, ...patch };
    for (const [k, v] of Object.entries(patch)) this.controls.set(k as SettingKey, v as Settings[SettingKey]);
    writeUrlSettings(this.settings);
    await this.lab.configure(this.settings);
    this.afterLabChange(prev);
  }

  /**
   * Loads the text of a network file (file input, or dropped on the ANN scene): the ANN shows
   * its weights, the spiking side converts them, training pauses, the hidden/activation/loss
   * controls and the URL follow. A file that is not one, or does not fit the data, changes
   * nothing and shows a notice naming the field. Returns '' or the refusal.
   */
  async importNetwork(text: string, fileName: string): Promise<string> {
    const lang = this.settings.lang as Lang;
    const prev = this.lab.snapshot;
    try {
      const file = parseNetworkFileText(text);
      const next = await this.runner.exclusive(async () => {
        const loaded = await this.lab.loadNetwork(file);
        this.runner.setPlaying(false);
        return loaded;
      });
      this.settings = { ...next };
      for (const k of ['hidden', 'activation', 'loss'] as const) this.controls.set(k, next[k]);
      writeUrlSettings(this.settings);
      this.afterLabChange(prev);
      const [d, h, k] = this.lab.snapshot.sizes;
      this.notices.show('import', et(lang, 'imported', { file: fileName, d, h, k, activation: next.activation }), 'info');
      return '';
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      this.notices.show('import', `${et(lang, 'importProblem', { file: fileName })} ${e.message}`, 'error');
      return e.message;
    }
  }

  /** Reset button: fresh data and weights from the seed. */
  async reset(): Promise<void> {
    const prev = this.lab.snapshot;
    this.runner.setPlaying(false);
    await this.lab.reset();
    this.afterLabChange(prev);
  }

  /** A click on the input plane: feeds the point to both networks, or adds a custom point. */
  private async pick(x: number, y: number): Promise<void> {
    if (this.settings.dataset === 'custom' && this.settings.pts.length < MAX_CUSTOM_POINTS) {
      const pts = [...this.settings.pts, { x: round3(x), y: round3(y), c: this.settings.customClass }];
      void this.apply('pts', pts);
    }
    await this.lab.setProbe(x, y);
    this.inspector?.update();
    this.stage.update(this.lab.snapshot);
    this.stage.updateSlow(this.lab.snapshot);
    this.stage.render();
  }

  /** Pasted CSV (x,y,class per line), taken as typed or refused by line (classroom.ts `readPastedPoints`). */
  private useCsv(text: string): string {
    const r = readPastedPoints(text, this.settings.lang as Lang);
    if ('error' in r) return r.error;
    if (this.settings.dataset !== 'custom') {
      this.settings = { ...this.settings, dataset: 'custom' };
      this.controls.set('dataset', 'custom');
    }
    void this.apply('pts', r.points);
    return '';
  }

  private showSpikingNote(): void {
    byId('spiking-note').textContent = this.lab.spikingNote;
  }

  private showPlayState(playing: boolean): void {
    const play = byId('play');
    play.textContent = playing ? this.t.ui.pause : this.t.ui.play;
    play.setAttribute('aria-pressed', String(playing));
  }

  private counterFrame = 0;

  /** Writes the counters and status lines now (they otherwise follow every 6th frame); for tests. */
  refreshCounters(): void {
    this.counterFrame = 0;
    this.showCounters(this.lab.snapshot);
  }

  private showCounters(s: LabSnapshot): void {
    if (this.counterFrame++ % 6 !== 0) return;
    const u = this.t.ui;
    byId('counters').textContent = `${u.trainStep} ${s.trainStep} · ${u.bioTime} ${s.bioTimeMs} ms · ${u.spikes} ${s.totalSpikes}`;
    this.showSpikingStatus(s);
    // The hovered or tapped neuron: its layer, index and rate over the last window.
    const i = this.stage.selected;
    if (i >= 0 && i < s.offsets[3]) byId('membrane-note').textContent = neuronNote(s, i, u);
    const r = this.runner;
    if (this.settings.perf) byId('overlay').textContent = perfLine(u, r.lastFrameMs, r.meanFrameMs, r.lastLabMs, r.meanLabMs);
  }

  /**
   * Which weights each spiking result ran and how it agrees with the ANN (the spiking side trails
   * the ANN while training plays), placeholders for panels still waiting for their first window,
   * and why a selected neuron's potential sinks below rest.
   */
  private showSpikingStatus(s: LabSnapshot): void {
    const lang = this.settings.lang as Lang;
    const active = this.lab.spikingActive;
    byId('probe-note').textContent = s.dataCount === 0 ? st(lang, 'noPoints') : active ? probeLine(lang, s.probeStep, s.trainStep, s.windowMs) : '';
    const p = this.stage.planesShown;
    byId('agreement').textContent = regionsLine(lang, {
      snnStep: p.snnStep,
      annStep: p.annStep,
      agreement: p.agreement,
      agreementNow: p.agreementNow,
      gridStep: s.snnGridStep,
      gridProgress: s.snnGridProgress,
      windowMs: s.windowMs,
      cells: SNN_GRID * SNN_GRID,
    });
    const playing = this.runner.playing;
    const filling = fillingLine(lang, s.lastCountsStep >= 0 || s.scatterHead > 0, s.bioTimeMs - s.windowStartMs, s.windowMs, playing);
    const scatterEmpty = s.scatterHead === 0;
    this.stage.setPlaceholders(
      s.traceHead === 0 ? st(lang, 'traceEmpty') : '',
      !active && scatterEmpty ? st(lang, 'noTwin') : scatterEmpty ? filling : '',
    );
    byId('scatter-note').textContent = s.lastCountsStep >= 0 && !scatterEmpty ? st(lang, 'scatterNote', { T: s.windowMs, step: s.lastCountsStep }) : '';
    // The selected neuron's lowest potential over the trace on show.
    const i = this.stage.selected;
    let caption = '';
    if (active && i >= s.offsets[1] && i < s.offsets[3]) {
      const count = Math.min(s.traceHead, TRACE_MS);
      let min = Infinity;
      for (let q = 0; q < count; q++) min = Math.min(min, s.trace[i * TRACE_MS + ((s.traceHead - 1 - q) % TRACE_MS)]);
      caption = sinkCaption(lang, min, s.leaky[i < s.offsets[2] ? 0 : 1] === 1);
    }
    byId('membrane-caption').textContent = caption;
  }

  destroy(): void {
    this.unbindKeys();
    this.teaching?.destroy();
    this.unmountExport();
    this.unmountProject();
    this.unmountClassroom();
    this.access?.destroy();
    this.inspector?.destroy();
    this.units?.destroy();
    this.runner.destroy();
    this.stage.destroy();
    this.controls.destroy();
  }
}
