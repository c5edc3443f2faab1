/**
 * Keyboard movement in the network scenes and on the planes, as pure functions (tested without a
 * DOM). A scene is a list of layers, drawn as columns from input to output, each neuron below the
 * previous one; written for any number of layers (the layer sizes), so deeper networks need no
 * change here. Neuron indices run over all layers: offset of its layer + index within.
 */

/** Keys that move (the rest are left to the page). */
export type MoveKey = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Home' | 'End';

export function isMoveKey(key: string): key is MoveKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home' || key === 'End';
}

/** Layer and index within it of neuron `i` (clamped into the network). */
export function locate(sizes: readonly number[], i: number): { layer: number; j: number } {
  let off = 0;
  for (let l = 0; l < sizes.length; l++) {
    if (i < off + sizes[l] || l === sizes.length - 1) return { layer: l, j: Math.max(0, Math.min(sizes[l] - 1, i - off)) };
    off += sizes[l];
  }
  return { layer: 0, j: 0 };
}

/** Index over all layers of neuron `j` of `layer`. */
export function indexOf(sizes: readonly number[], layer: number, j: number): number {
  let off = 0;
  for (let l = 0; l < layer; l++) off += sizes[l];
  return off + j;
}

/**
 * The neuron a key moves to from neuron `i`: up / down within its layer (stopping at the ends),
 * left / right to the previous / next layer at the same height in the column (j scaled from one
 * layer's length to the other's, rounded), Home / End to the layer's first / last neuron.
 * Empty layers are skipped; at the first or last layer left / right stay.
 */
export function moveNeuron(sizes: readonly number[], i: number, key: MoveKey): number {
  const { layer, j } = locate(sizes, i);
  const n = sizes[layer];
  switch (key) {
    case 'ArrowUp':
      return indexOf(sizes, layer, Math.max(0, j - 1));
    case 'ArrowDown':
      return indexOf(sizes, layer, Math.min(n - 1, j + 1));
    case 'Home':
      return indexOf(sizes, layer, 0);
    case 'End':
      return indexOf(sizes, layer, n - 1);
    default: {
      const dir = key === 'ArrowLeft' ? -1 : 1;
      let l = layer + dir;
      while (l >= 0 && l < sizes.length && sizes[l] === 0) l += dir;
      if (l < 0 || l >= sizes.length) return i;
      // The same height in the column: centres sit at (j + 0.5) / n of the column in every layer.
      const m = sizes[l];
      const k = Math.min(m - 1, Math.max(0, Math.floor(((j + 0.5) / n) * m)));
      return indexOf(sizes, l, k);
    }
  }
}

/** Probe movement per arrow key, input units (the plane spans [-1, 1]): one step, and with Shift. */
export const PROBE_STEP = 0.05;
export const PROBE_BIG_STEP = 0.25;

/**
 * The probe point after an arrow key: right / up increase x / y (up is +y, as drawn), by
 * PROBE_STEP or PROBE_BIG_STEP with Shift; clamped to the plane and rounded to 1e-3 (so steps
 * do not collect floating-point dust: 0.1 + 0.05 shows as 0.15).
 */
export function moveProbe(x: number, y: number, key: string, shift: boolean): [number, number] {
  const d = shift ? PROBE_BIG_STEP : PROBE_STEP;
  const dx = key === 'ArrowRight' ? d : key === 'ArrowLeft' ? -d : 0;
  const dy = key === 'ArrowUp' ? d : key === 'ArrowDown' ? -d : 0;
  const clamp = (v: number): number => Math.round(Math.max(-1, Math.min(1, v)) * 1000) / 1000;
  return [clamp(x + dx), clamp(y + dy)];
}

/**
 * A neuron's name for the reader: "input 1", "hidden neuron 3", "output neuron 0"; with several
 * hidden layers, the layer too ("hidden neuron 2.3": layer 2, neuron 3).
 * @param offsets start of each layer and the total (the snapshot's `offsets`)
 */
export function neuronName(offsets: readonly number[], i: number, words: { inputName: string; hiddenName: string; outputName: string }): string {
  const sizes: number[] = [];
  for (let l = 0; l + 1 < offsets.length; l++) sizes.push(offsets[l + 1] - offsets[l]);
  const { layer, j } = locate(sizes, i);
  if (layer === 0) return `${words.inputName} ${j}`;
  if (layer === sizes.length - 1) return `${words.outputName} ${j}`;
  return sizes.length > 3 ? `${words.hiddenName} ${layer}.${j}` : `${words.hiddenName} ${j}`;
}
