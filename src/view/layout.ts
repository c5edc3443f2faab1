/**
 * Where each neuron sits in a network scene: three columns (inputs, hidden, outputs) in a design
 * space of `width` x `height` units; the scene scales its container to the canvas. Both scenes
 * use the same layout, so neuron i is in the same place on the left and on the right.
 */
import type { LayerSizes } from '../core/lab/snapshot';

/** Design-space size of a network scene. */
export const SCENE_WIDTH = 640;
export const SCENE_HEIGHT = 420;

export interface NetworkLayout {
  /** x, y of neuron i at [2i], [2i+1] (N = D + H + K neurons). */
  xy: Float64Array;
  /** Soma/node radius per layer. */
  radius: [number, number, number];
  /** x of each layer column. */
  columnX: [number, number, number];
}

/** Lays out D, H, K neurons in three columns, evenly spaced, with radius shrinking as H grows. */
export function layoutNetwork(sizes: LayerSizes, width = SCENE_WIDTH, height = SCENE_HEIGHT): NetworkLayout {
  const n = sizes[0] + sizes[1] + sizes[2];
  const xy = new Float64Array(2 * n);
  const columnX: [number, number, number] = [width * 0.1, width * 0.5, width * 0.88];
  const radius: [number, number, number] = [0, 0, 0];
  const top = 28;
  const usable = height - top - 14;
  let i = 0;
  for (let l = 0; l < 3; l++) {
    const m = sizes[l];
    const spacing = usable / m;
    radius[l] = Math.max(1.5, Math.min(16, spacing * 0.36));
    for (let j = 0; j < m; j++, i++) {
      xy[2 * i] = columnX[l];
      xy[2 * i + 1] = top + spacing * (j + 0.5);
    }
  }
  return { xy, radius, columnX };
}

/** Colour of class c (data points, regions, output neurons). */
export const CLASS_COLORS = [0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf];

/** Colour of an excitatory (positive) and an inhibitory (negative) weight. */
export const POSITIVE_COLOR = 0xe4572e;
export const NEGATIVE_COLOR = 0x3b7dd8;

/**
 * A 256-entry colour table from dark blue (0) through purple and orange to yellow (1): the
 * membrane potential and activation colour. Built once; looked up by index in the render loop.
 */
export const HEAT: Uint32Array = (() => {
  const stops = [
    [0.0, 0x20, 0x24, 0x4a],
    [0.35, 0x5b, 0x2a, 0x86],
    [0.7, 0xe0, 0x6c, 0x2b],
    [1.0, 0xff, 0xe6, 0x4a],
  ];
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    const t = i / 255;
    let s = 0;
    while (s < stops.length - 2 && t > stops[s + 1][0]) s++;
    const [t0, r0, g0, b0] = stops[s];
    const [t1, r1, g1, b1] = stops[s + 1];
    const u = (t - t0) / (t1 - t0);
    const r = Math.round(r0 + (r1 - r0) * u);
    const g = Math.round(g0 + (g1 - g0) * u);
    const b = Math.round(b0 + (b1 - b0) * u);
    table[i] = (r << 16) | (g << 8) | b;
  }
  return table;
})();

/** HEAT colour of a value in [0, 1] (clamped). */
export function heat(t: number): number {
  const i = t <= 0 ? 0 : t >= 1 ? 255 : (t * 255) | 0;
  return HEAT[i];
}
