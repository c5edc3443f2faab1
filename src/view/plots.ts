/**
 * The plots around the two networks, drawn by uPlot (axes, ticks, legends): loss and accuracy
 * (train and test) against training steps; the membrane potential of the selected neuron; the
 * spike raster; the f-I curve of the chosen soma with the fitted ReLU over it; spike rate against
 * ReLU activation. Each plot owns preallocated data arrays that it refills from the snapshot;
 * the page calls `update` a few times a second, not every frame. Views read, never write.
 * Every `setData` runs inside uPlot's `batch`, which paints at once instead of in a microtask
 * after the frame's code, so the page's per-frame time includes the plots' painting.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { HISTORY_CAPACITY, SCATTER_CAPACITY, TRACE_MS, type LabSnapshot } from '../core/lab/snapshot';
import { CLASS_COLORS } from './layout';
import { framed, legendOf, plotCanvas } from './picture';

const AXIS = { stroke: '#c9ced6', grid: { stroke: '#2c313a', width: 1 }, ticks: { stroke: '#3a404b', width: 1 } };
const hex = (c: number): string => `#${c.toString(16).padStart(6, '0')}`;

/**
 * Axis options scaled by `scale` (1 = the page's 14 px root font; presenter mode is 20/14): tick
 * labels 11 px, axis titles 12 px, and the room reserved for them grows with the font.
 * @param size room for ticks and tick labels at scale 1, CSS px
 */
export function axis(label: string, size: number, scale: number, extra: Partial<uPlot.Axis> = {}): uPlot.Axis {
  return {
    ...AXIS,
    label,
    font: `${Math.round(11 * scale)}px system-ui, sans-serif`,
    labelFont: `600 ${Math.round(12 * scale)}px system-ui, sans-serif`,
    labelSize: Math.round(16 * scale),
    size: Math.round(size * scale),
    ticks: { ...AXIS.ticks, size: Math.round(6 * scale) },
    ...extra,
  };
}

/** Shared shell: a titled box that holds one uPlot and resizes it to its box; an optional placeholder text over it. */
abstract class Plot {
  protected plot: uPlot;
  /** The options the plot was made with (uPlot copies them), for its picture. */
  private readonly opts: uPlot.Options;
  private placeholder: HTMLElement | null = null;
  private placeholderText = '';
  /**
   * Every plot starts 300 px wide (resize() fits it to its panel), has no cursor, a numeric x axis and, when
   * `legend` is set, a static legend; `spec` gives the rest.
   */
  constructor(
    protected readonly host: HTMLElement,
    spec: Omit<uPlot.Options, 'width' | 'cursor' | 'legend'> & { legend: boolean },
    data: uPlot.AlignedData,
  ) {
    const { legend, scales, ...rest } = spec;
    const opts: uPlot.Options = {
      width: 300,
      cursor: { show: false },
      legend: legend ? { show: true, live: false } : { show: false },
      scales: { ...scales, x: { time: false, ...scales?.x } },
      ...rest,
    };
    this.opts = opts;
    this.plot = new uPlot(opts, data, host);
  }
  /**
   * The plot as a picture: drawn again at `scale` times the screen's pixels (1: as on screen),
   * its title above and its legend below, on the panel's background.
   */
  picture(scale: number, title: string): HTMLCanvasElement {
    const legend = this.opts.legend?.show ? legendOf(this.opts) : [];
    return framed(plotCanvas(this.plot, this.opts, scale), (uPlot.pxRatio || 1) * scale, title, legend);
  }
  /**
   * Shows `text` over the plot (e.g. why it is still empty), or nothing for ''. Touches the DOM
   * only when the text changes.
   */
  setPlaceholder(text: string): void {
    if (text === this.placeholderText) return;
    this.placeholderText = text;
    if (!this.placeholder) {
      this.placeholder = document.createElement('p');
      this.placeholder.className = 'plot-placeholder';
      this.host.appendChild(this.placeholder);
    }
    this.placeholder.textContent = text;
    this.placeholder.hidden = text === '';
  }
  /** The placeholder on show ('' for none). */
  get placeholderShown(): string {
    return this.placeholderText;
  }
  /** Sets the plot to `width` x `height` CSS pixels. */
  resize(width: number, height: number): void {
    this.plot.setSize({ width: Math.max(120, width), height: Math.max(80, height) });
  }
  destroy(): void {
    this.plot.destroy();
    this.placeholder?.remove();
  }
}

/** Loss (left axis) and accuracy (right axis, 0..1) against training step, train and test. */
export class LossPlot extends Plot {
  private seen = -1;
  /** All-null series of the history's length, for a missing test split. */
  private gaps: null[] = [];
  constructor(host: HTMLElement, t: { loss: string; accuracy: string; train: string; test: string; step: string }, scale = 1) {
    super(
      host,
      {
        height: 160,
        legend: true,
        scales: { acc: { range: [0, 1] } },
        axes: [
          axis(t.step, 30, scale),
          axis(t.loss, 44, scale),
          axis(t.accuracy, 40, scale, { scale: 'acc', side: 1, grid: { show: false } }),
        ],
        series: [
          {},
          { label: `${t.loss} ${t.train}`, stroke: '#e4572e', width: 2 },
          { label: `${t.loss} ${t.test}`, stroke: '#e4572e', dash: [5, 4], width: 2 },
          { label: `${t.accuracy} ${t.train}`, stroke: '#5fb3f9', scale: 'acc', width: 2 },
          { label: `${t.accuracy} ${t.test}`, stroke: '#5fb3f9', dash: [5, 4], scale: 'acc', width: 2 },
        ],
      },
      [[], [], [], [], []],
    );
  }
  update(s: LabSnapshot): void {
    if (s.historyLength === this.seen && s.historyLength < HISTORY_CAPACITY) return;
    this.seen = s.historyLength;
    const n = s.historyLength;
    // No test split (a few custom points): its scores are NaN, which would make uPlot's shared
    // loss and accuracy ranges NaN and hide the training curves too; gaps (null) instead.
    const noTest = n > 0 && Number.isNaN(s.historyTestLoss[0]) && Number.isNaN(s.historyTestLoss[n - 1]);
    if (noTest && this.gaps.length !== n) this.gaps = new Array<null>(n).fill(null);
    this.plot.batch(() =>
      this.plot.setData([
        s.historyStep.subarray(0, n),
        s.historyTrainLoss.subarray(0, n),
        noTest ? this.gaps : s.historyTestLoss.subarray(0, n),
        s.historyTrainAcc.subarray(0, n),
        noTest ? this.gaps : s.historyTestAcc.subarray(0, n),
      ] as unknown as uPlot.AlignedData),
    );
  }
}

/** Membrane potential of one neuron over the last TRACE_MS ms, with the threshold. */
export class MembranePlot extends Plot {
  private readonly x = new Float64Array(TRACE_MS);
  private readonly v = new Float64Array(TRACE_MS);
  private readonly threshold = new Float64Array(TRACE_MS).fill(1);
  constructor(host: HTMLElement, t: { time: string; v: string; threshold: string }, scale = 1) {
    super(
      host,
      {
        height: 140,
        legend: true,
        // Down to -1 at most: an integrate-and-fire neuron without a floor can sink far below
        // rest under negative input, which would squash the threshold region out of sight.
        // x: always a span of TRACE_MS ms (from 0 until the trace is full), so a trace still filling grows on fixed axes.
        scales: {
          x: { range: (_u, _lo, hi) => (hi == null || !Number.isFinite(hi) ? [0, TRACE_MS - 1] : [Math.max(0, hi - TRACE_MS + 1), Math.max(TRACE_MS - 1, hi)]) },
          y: { range: (_u, lo, hi) => [Math.max(-1, Math.min(0, lo)), Math.max(1.1, hi)] },
        },
        axes: [
          axis(t.time, 30, scale),
          axis(t.v, 44, scale),
        ],
        series: [{}, { label: t.v, stroke: '#ffd166', width: 1.5 }, { label: t.threshold, stroke: '#8a8f98', dash: [4, 4], width: 1 }],
      },
      [[], [], []],
    );
  }
  /** Shows neuron `i`'s trace; the legend names it and its rate in the last window. */
  update(s: LabSnapshot, i: number): void {
    const head = s.traceHead;
    const count = Math.min(head, TRACE_MS);
    const t0 = s.bioTimeMs - count;
    for (let q = 0; q < count; q++) {
      const sample = head - count + q;
      this.x[q] = t0 + q;
      // Held at the plot's floor of -1 (the caption says so): a silent IF neuron's potential then
      // runs along the bottom edge instead of leaving the plot.
      this.v[q] = Math.max(-1, s.trace[i * TRACE_MS + (sample % TRACE_MS)]);
    }
    this.plot.batch(() => this.plot.setData([this.x.subarray(0, count), this.v.subarray(0, count), this.threshold.subarray(0, count)]));
  }
}

/** Spikes of every neuron (rows) over the last TRACE_MS ms (columns), as dots. */
export class RasterPlot extends Plot {
  private readonly x: Float64Array;
  private readonly rows: (number | null)[][];
  private readonly n: number;
  constructor(host: HTMLElement, n: number, offsets: readonly number[], t: { time: string; neuron: string }, scale = 1) {
    // One series per neuron (at most 64 shown: more would not be readable as rows anyway).
    const shown = Math.min(n, 64);
    const series: uPlot.Series[] = [{}];
    for (let i = 0; i < shown; i++) {
      const layer = i < offsets[1] ? 0 : i < offsets[2] ? 1 : 2;
      series.push({ stroke: layer === 2 ? hex(CLASS_COLORS[(i - offsets[2]) % CLASS_COLORS.length]) : layer === 1 ? '#ffd166' : '#8a8f98', paths: () => null, points: { show: true, size: 4 * scale, width: 0, fill: layer === 1 ? '#ffd166' : '#e4572e' } });
    }
    const x = new Float64Array(TRACE_MS);
    const rows = Array.from({ length: shown }, () => new Array<number | null>(TRACE_MS).fill(null));
    super(
      host,
      {
        height: 140,
        legend: false,
        scales: { y: { range: [-0.5, shown - 0.5] } },
        axes: [
          axis(t.time, 30, scale),
          axis(t.neuron, 36, scale),
        ],
        series,
      },
      [x, ...rows],
    );
    this.x = x;
    this.rows = rows;
    this.n = shown;
  }
  update(s: LabSnapshot): void {
    // The last TRACE_MS ms, or the first TRACE_MS while biology is younger than that (no negative times).
    const t0 = Math.max(0, s.bioTimeMs - TRACE_MS);
    for (let q = 0; q < TRACE_MS; q++) this.x[q] = t0 + q;
    for (let i = 0; i < this.n; i++) this.rows[i].fill(null);
    const cap = s.spikeTimeMs.length;
    const first = Math.max(0, s.spikeHead - cap);
    for (let e = s.spikeHead - 1; e >= first; e--) {
      const tm = s.spikeTimeMs[e % cap];
      if (tm < t0) break;
      const i = s.spikeNeuron[e % cap];
      const col = Math.floor(tm - t0);
      if (i < this.n && col >= 0 && col < TRACE_MS) this.rows[i][col] = i;
    }
    this.plot.batch(() => this.plot.setData([this.x, ...this.rows]));
  }
}

/**
 * f-I curve of the soma model (rate in Hz against drive) with the fitted ReLU. The drive axis
 * names the model's input unit; the stage makes a new plot when the model changes.
 */
export class FiPlot extends Plot {
  private seen = -1;
  constructor(host: HTMLElement, t: { drive: string; rate: string; model: string; relu: string }, scale = 1) {
    super(
      host,
      {
        height: 140,
        legend: true,
        axes: [
          axis(t.drive, 30, scale),
          axis(t.rate, 44, scale),
        ],
        series: [{}, { label: t.model, stroke: '#ffd166', width: 2 }, { label: t.relu, stroke: '#e4572e', dash: [6, 4], width: 2 }],
      },
      [[], [], []],
    );
  }
  update(s: LabSnapshot): void {
    if (s.fiVersion === this.seen) return;
    this.seen = s.fiVersion;
    this.plot.batch(() => this.plot.setData([s.fiDrive, s.fiRate, s.fiRelu]));
  }
}

/** One neuron of the soma model under the chosen current: membrane potential (mV) over 200 ms. */
export class NeuronPlot extends Plot {
  private seen = -1;
  constructor(host: HTMLElement, t: { time: string; vMv: string }, scale = 1) {
    super(
      host,
      {
        height: 100,
        legend: false,
        axes: [
          axis(t.time, 30, scale),
          axis(t.vMv, 44, scale),
        ],
        series: [{}, { stroke: '#ffd166', width: 1 }],
      },
      [[], []],
    );
  }
  update(s: LabSnapshot): void {
    if (s.fiVersion === this.seen) return;
    this.seen = s.fiVersion;
    this.plot.batch(() => this.plot.setData([s.neuronT, s.neuronV]));
  }
}

/** Spike rate (Hz) of each hidden neuron against its ReLU activation (in units of lambda), with rate = 1000 a. */
export class ScatterPlot extends Plot {
  private readonly order = new Int32Array(SCATTER_CAPACITY);
  private readonly x = new Float64Array(SCATTER_CAPACITY);
  private readonly y = new Float64Array(SCATTER_CAPACITY);
  private readonly ideal = new Float64Array(SCATTER_CAPACITY);
  private seen = -1;
  private sx: Float64Array = new Float64Array(0);
  constructor(host: HTMLElement, t: { activation: string; rate: string; spikes: string; ideal: string }, scale = 1) {
    super(
      host,
      {
        height: 140,
        legend: true,
        axes: [
          axis(t.activation, 30, scale),
          axis(t.rate, 44, scale),
        ],
        // Points filled only (no outline in the same colour): up to 1,024 of them (1,000 hidden
        // units), and stroking each arc again doubled the plot's painting.
        series: [{}, { label: t.spikes, stroke: '#ffd166', paths: () => null, points: { show: true, size: 5 * scale, width: 0, fill: '#ffd166' } }, { label: t.ideal, stroke: '#e4572e', dash: [6, 4], width: 1.5 }],
      },
      [[], [], []],
    );
  }
  update(s: LabSnapshot): void {
    if (s.scatterHead === this.seen) return;
    this.seen = s.scatterHead;
    const n = Math.min(s.scatterHead, SCATTER_CAPACITY);
    this.sx = s.scatterActivation;
    for (let i = 0; i < n; i++) this.order[i] = i;
    // uPlot's aligned data wants x ascending: sort indices by activation (in place, typed array).
    const sx = this.sx;
    this.order.subarray(0, n).sort((a, b) => sx[a] - sx[b]);
    for (let i = 0; i < n; i++) {
      const o = this.order[i];
      this.x[i] = s.scatterActivation[o];
      this.y[i] = s.scatterRate[o];
      // One spike per ms stands for an activation of lambda (x = 1): rate = 1000 Hz * min(1, max(0, x)).
      this.ideal[i] = 1000 * Math.min(1, Math.max(0, this.x[i]));
    }
    this.plot.batch(() => this.plot.setData([this.x.subarray(0, n), this.y.subarray(0, n), this.ideal.subarray(0, n)]));
  }
}
