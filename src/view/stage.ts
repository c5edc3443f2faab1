/**
 * All the views of the page, composed: the two Pixi network scenes (each its own canvas and
 * WebGL renderer, so CSS lays them out side by side or stacked), the two decision-region planes
 * and the five uPlot plots. `update(snapshot)` renders one frame; plots and planes refresh a few
 * times a second, the scenes every frame. Rendering is manual (`autoStart: false`): the page's
 * one frame loop decides when, so a test can step frames by hand. Text follows the page's font
 * size (presenter mode): the plots are made again with scaled fonts when it changes, and the
 * scenes scale their labels.
 */
import { Application } from 'pixi.js';
import { ANN_GRID, SNN_GRID, type LabSnapshot } from '../core/lab/snapshot';
import { AnnScene } from './ann-scene';
import { BioScene } from './bio-scene';
import { FiPlot, LossPlot, MembranePlot, NeuronPlot, RasterPlot, ScatterPlot } from './plots';
import { RegionsView } from './regions';
import { framed, scenePicture, screenResolution } from './picture';
import { renderMode, type RenderMode } from './render-mode';

/** The panels that download as PNG pictures (also their file names: `soma-<panel>.png`). */
export const PICTURE_PANELS = ['bio-network', 'ann-network', 'ann-regions', 'snn-regions', 'loss', 'membrane', 'raster', 'fi', 'neuron', 'scatter'] as const;
export type PicturePanel = (typeof PICTURE_PANELS)[number];

/** The texts the views show (from the i18n table). */
export interface StageTexts {
  inputs: string;
  hidden: string;
  outputs: string;
  annRegions: string;
  snnRegions: string;
  loss: string;
  accuracy: string;
  train: string;
  test: string;
  step: string;
  /** Under the ANN scene while its spike counts ran older weights; the step follows. */
  staleCounts: string;
  /** The ANN's sweeps, named where they run: activations forward, gradients backward. */
  forward: string;
  backward: string;
  time: string;
  v: string;
  threshold: string;
  neuron: string;
  drive: string;
  rate: string;
  relu: string;
  activation: string;
  spikes: string;
  ideal: string;
  /** Drive axis of the f-I curve; the model's input unit is added in brackets. */
  current: string;
  /** Axes of the single-neuron trace. */
  timeMs: string;
  vMv: string;
  /** A soma model's and a unit's name in the reader's words (default: as the core writes them). */
  somaName?(model: string): string;
  unitName?(unit: string): string;
}

/** Hosts (elements) the stage draws into. */
export interface StageHosts {
  bio: HTMLElement;
  ann: HTMLElement;
  annRegions: HTMLElement;
  snnRegions: HTMLElement;
  loss: HTMLElement;
  membrane: HTMLElement;
  raster: HTMLElement;
  fi: HTMLElement;
  scatter: HTMLElement;
  /** The single-neuron trace of the soma model (below the f-I curve). */
  neuron: HTMLElement;
}

/** Frames between refreshes of each plot and of the planes (each frame refreshes one of them at most). */
const PLOT_EVERY = 8;

/** The page's root font size over the 14 px the plots are designed for (presenter mode: 20 / 14). */
function pageFontScale(): number {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return Number.isFinite(px) && px > 0 ? px / 14 : 1;
}

/**
 * What the two decision-region planes showed when they were last drawn (the numbers the page's
 * agreement line must speak about): the training steps of their weights and the agreements.
 */
export interface PlanesShown {
  annStep: number;
  snnStep: number;
  agreement: number;
  agreementNow: number;
}

async function makeApp(host: HTMLElement, mode: RenderMode): Promise<Application> {
  const app = new Application();
  await app.init({
    preference: 'webgl',
    antialias: mode.antialias,
    background: 0x15171c,
    autoStart: false,
    sharedTicker: false,
    width: Math.max(1, host.clientWidth),
    height: Math.max(1, host.clientHeight),
    resolution: mode.resolution,
    autoDensity: true,
  });
  app.ticker.stop();
  host.appendChild(app.canvas);
  return app;
}

export class Stage {
  bioApp!: Application;
  annApp!: Application;
  bio!: BioScene;
  ann!: AnnScene;
  annRegions!: RegionsView;
  snnRegions!: RegionsView;
  private loss!: LossPlot;
  private membrane!: MembranePlot;
  private raster!: RasterPlot;
  private fi!: FiPlot;
  /** Soma model and unit the f-I plot was made for. */
  private fiFor = '';
  private neuron!: NeuronPlot;
  private scatter!: ScatterPlot;
  private frame = 0;
  private observer: ResizeObserver | null = null;
  /** Font scale the plots were made for. */
  fontScale = 1;
  /** The planes as last drawn (updated in place). */
  readonly planesShown: PlanesShown = { annStep: 0, snnStep: -1, agreement: NaN, agreementNow: NaN };
  /** The snapshot last rebuilt for (its shape: the raster's rows). */
  private last!: LabSnapshot;
  /** The neuron whose membrane trace is shown (hover or tap on either scene). */
  selected = -1;
  /** Called with a neuron's index when it is clicked or tapped in either scene (the page's inspector). */
  onInspect: (neuron: number) => void = () => {};
  /** How the scenes are drawn on this machine (render-mode.ts). */
  readonly mode: RenderMode = renderMode();
  /** Which scene's turn it is when the scenes take turns (0: biological, 1: artificial). */
  private turn = 0;

  private constructor(
    private readonly hosts: StageHosts,
    private readonly t: StageTexts,
  ) {}

  /** Creates the renderers (async: WebGL set-up) and every view for the snapshot's shape. */
  static async create(hosts: StageHosts, t: StageTexts, s: LabSnapshot, onPick: (x: number, y: number) => void): Promise<Stage> {
    const stage = new Stage(hosts, t);
    [stage.bioApp, stage.annApp] = await Promise.all([makeApp(hosts.bio, stage.mode), makeApp(hosts.ann, stage.mode)]);
    stage.annRegions = new RegionsView(hosts.annRegions, ANN_GRID, t.annRegions, onPick);
    stage.snnRegions = new RegionsView(hosts.snnRegions, SNN_GRID, t.snnRegions, onPick);
    stage.fontScale = pageFontScale();
    stage.makePlots();
    stage.fitFiPlot(s);
    stage.rebuild(s);
    stage.observer = new ResizeObserver(() => stage.resize());
    for (const h of Object.values(hosts)) stage.observer.observe(h);
    stage.resize();
    return stage;
  }

  /** (Re)makes the shape-independent plots at the current font scale. */
  private makePlots(): void {
    const t = this.t;
    const f = this.fontScale;
    for (const p of [this.loss, this.membrane, this.neuron, this.scatter]) p?.destroy();
    this.loss = new LossPlot(this.hosts.loss, t, f);
    this.membrane = new MembranePlot(this.hosts.membrane, t, f);
    this.neuron = new NeuronPlot(this.hosts.neuron, { time: t.timeMs, vMv: t.vMv }, f);
    this.scatter = new ScatterPlot(this.hosts.scatter, t, f);
  }

  /** The page's font size changed (presenter mode): every plot again with fonts to match. */
  private refont(scale: number): void {
    this.fontScale = scale;
    this.makePlots();
    this.fiFor = '';
    this.fitFiPlot(this.last);
    this.raster?.destroy();
    this.raster = new RasterPlot(this.hosts.raster, this.last.offsets[3], this.last.offsets, this.t, scale);
    this.sizePlots();
    this.updateSlow(this.last);
  }

  /** Placeholders over the membrane and scatter plots ('' for none). */
  setPlaceholders(membrane: string, scatter: string): void {
    this.membrane.setPlaceholder(membrane);
    this.scatter.setPlaceholder(scatter);
  }

  /** Rebuilds the network scenes and the raster for a new network shape (after a reset). */
  rebuild(s: LabSnapshot): void {
    this.last = s;
    const select = (i: number): void => {
      this.selected = i;
    };
    // The hidden layer is labelled with its activation: h = ReLU(x W1 + b1), h = lif-rate(x W1 + b1), ...
    const hidden = s.activationName === 'relu' ? this.t.hidden : this.t.hidden.replace('ReLU', s.activationName);
    const names = { inputs: this.t.inputs, hidden, outputs: this.t.outputs, staleCounts: this.t.staleCounts, forward: this.t.forward, backward: this.t.backward };
    if (this.bio) {
      this.bioApp.stage.removeChild(this.bio.view);
      this.bio.destroy();
    }
    if (this.ann) {
      this.annApp.stage.removeChild(this.ann.view);
      this.ann.destroy();
    }
    this.raster?.destroy();
    const inspect = (i: number): void => this.onInspect(i);
    this.bio = new BioScene(s.sizes, select, names, inspect);
    this.ann = new AnnScene(s.sizes, select, names, inspect);
    this.bioApp.stage.addChild(this.bio.view);
    this.annApp.stage.addChild(this.ann.view);
    this.raster = new RasterPlot(this.hosts.raster, s.offsets[3], s.offsets, this.t, this.fontScale);
    if (this.selected >= s.offsets[3] || this.selected < 0) this.selected = s.offsets[1];
    this.frame = 0;
    this.resize();
  }

  /** Fits every view to its host's size (and the plots' fonts to the page's, when that changed). */
  resize(): void {
    const h = this.hosts;
    const scale = pageFontScale();
    if (Math.abs(scale - this.fontScale) > 0.01 && this.last) {
      this.refont(scale);
    }
    for (const [app, scene, host] of [
      [this.bioApp, this.bio, h.bio],
      [this.annApp, this.ann, h.ann],
    ] as const) {
      if (!app || !scene) continue;
      const w = Math.max(1, host.clientWidth);
      const hh = Math.max(1, host.clientHeight);
      app.renderer.resize(w, hh);
      scene.resize(w, hh, this.fontScale);
    }
    const plane = (el: HTMLElement): number => Math.max(80, Math.min(el.clientWidth, 320));
    this.annRegions?.resize(plane(h.annRegions));
    this.snnRegions?.resize(plane(h.snnRegions));
    this.sizePlots();
  }

  /** Fits the plots to their hosts' widths (taller with bigger fonts). */
  private sizePlots(): void {
    const h = this.hosts;
    const f = this.fontScale;
    for (const [plot, host] of [
      [this.loss, h.loss],
      [this.membrane, h.membrane],
      [this.raster, h.raster],
      [this.fi, h.fi],
      [this.scatter, h.scatter],
    ] as const) {
      plot?.resize(host.clientWidth, Math.max(110 * f, Math.min(200 * f, host.clientWidth * 0.55)));
    }
    this.neuron?.resize(h.neuron.clientWidth, Math.max(110 * f, Math.min(140 * f, h.neuron.clientWidth * 0.45)));
  }

  /**
   * Makes the f-I plot for the snapshot's soma model when it changed (rare: a settings change):
   * its drive axis names the model's input unit and its legend the model.
   */
  private fitFiPlot(s: LabSnapshot): void {
    const key = `${s.somaModel}|${s.somaUnit}`;
    if (key === this.fiFor && this.fi) return;
    this.fiFor = key;
    this.fi?.destroy();
    const unit = this.t.unitName?.(s.somaUnit) ?? s.somaUnit;
    this.fi = new FiPlot(this.hosts.fi, { ...this.t, drive: unit ? `${this.t.current} (${unit})` : this.t.current, model: this.t.somaName?.(s.somaModel) ?? s.somaModel }, this.fontScale);
    if (this.neuron) this.sizePlots();
  }

  /** Renders one frame of the snapshot: scenes always, planes and plots every few frames. */
  update(s: LabSnapshot): void {
    this.frame++;
    this.bio.update(s, this.selected);
    this.ann.update(s);
    // Planes and plots a few times a second, staggered over the frames to keep frames even: one
    // refresh per frame at most (the ANN scene rewrites its labels on the frames of slot 1, where
    // only the membrane trace, a single line, is drawn).
    switch (this.frame % PLOT_EVERY) {
      case 1:
        this.membrane.update(s, this.selected);
        break;
      case 2:
        this.updatePlanes(s);
        break;
      case 3:
        this.loss.update(s);
        break;
      case 4:
        this.raster.update(s);
        break;
      case 5:
        this.fitFiPlot(s);
        this.fi.update(s);
        break;
      case 6:
        this.neuron.update(s);
        break;
      case 7:
        this.scatter.update(s);
        break;
    }
  }

  /** Planes and plots (called every few frames, and at once after a step or a probe). */
  updateSlow(s: LabSnapshot): void {
    this.updatePlanes(s);
    this.loss.update(s);
    this.membrane.update(s, this.selected);
    this.raster.update(s);
    this.fitFiPlot(s);
    this.fi.update(s);
    this.neuron.update(s);
    this.scatter.update(s);
  }

  /** Both planes, drawn together, and the numbers they now show. */
  private updatePlanes(s: LabSnapshot): void {
    this.annRegions.update(s.annRegions, s.annRegionsVersion, s.dataX, s.dataY, s.dataIsTest, s.dataCount, s.dataVersion, s.probe);
    this.snnRegions.update(s.snnRegions, s.snnRegionsVersion, s.dataX, s.dataY, s.dataIsTest, s.dataCount, s.dataVersion, s.probe);
    const p = this.planesShown;
    p.annStep = s.annRegionsStep;
    p.snnStep = s.snnRegionsStep;
    p.agreement = s.regionAgreement;
    p.agreementNow = s.regionAgreementNow;
  }

  /** Draws both scenes to their canvases (WebGL). */
  render(): void {
    this.bioApp.render();
    this.annApp.render();
  }

  /**
   * A panel as a picture at `scale` times the screen's pixels (view/picture.ts): the scenes
   * rendered again into a texture, a plane painted again, a plot drawn again; planes and plots
   * carry `title` above them, plots their legend below.
   */
  picture(panel: PicturePanel, scale: number, title: string): HTMLCanvasElement {
    const plots = { loss: this.loss, membrane: this.membrane, raster: this.raster, fi: this.fi, neuron: this.neuron, scatter: this.scatter };
    switch (panel) {
      case 'bio-network':
        return scenePicture(this.bioApp, scale);
      case 'ann-network':
        return scenePicture(this.annApp, scale);
      case 'ann-regions':
      case 'snn-regions':
        return framed((panel === 'ann-regions' ? this.annRegions : this.snnRegions).picture(scale), screenResolution() * scale, title);
      default:
        return plots[panel].picture(scale, title);
    }
  }

  /**
   * Draws the scenes for one animation frame: both, or where the scenes take turns (software
   * WebGL, render-mode.ts) one of them, alternately. Each scene's `update` still runs every
   * frame, so what a scene shows is always its latest state.
   */
  renderFrame(): void {
    if (!this.mode.alternate) {
      this.render();
      return;
    }
    (this.turn === 0 ? this.bioApp : this.annApp).render();
    this.turn = 1 - this.turn;
  }

  /** The renderers' names (`webgl`, `webgpu` or `canvas`); see `mode` for antialiasing, resolution and turns. */
  rendererNames(): string[] {
    return [this.bioApp.renderer.name, this.annApp.renderer.name];
  }

  destroy(): void {
    this.observer?.disconnect();
    this.bio.destroy();
    this.ann.destroy();
    this.annRegions.destroy();
    this.snnRegions.destroy();
    for (const p of [this.loss, this.membrane, this.raster, this.fi, this.neuron, this.scatter]) p.destroy();
    this.bioApp.destroy(true);
    this.annApp.destroy(true);
  }
}
