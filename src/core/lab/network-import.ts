/**
 * Network files in and out of the lab: the checks that decide whether a trained network (a
 * parsed network file) fits the page, made before anything changes, and its weights in the
 * trainer's row-major layout; and the page's network file, the trainer's with the page's data
 * settings.
 */
import { ParameterError } from '../errors';
import type { NetworkFile } from '../export/network-file';
import { SETTINGS, type Settings } from './settings';
import type { LayerSizes } from './snapshot';

/** A network file's weights as the trainer takes them. */
export interface ImportedWeights {
  /** Hidden units H of the file. */
  hidden: number;
  /** W1 (D x H row-major), b1 (H), W2 (H x K), b2 (K). */
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
}

/**
 * Checks that a network file fits the page, whose data has `sizes` [D, H, K]: a two-layer
 * network, D inputs (the plane's 2) and K outputs (the data's classes), at most the page's
 * largest hidden layer (any H of the settings' range). Throws ParameterError naming the field
 * (`network.layers[1].bias`, ...) under `source`; returns the weights.
 */
export function importWeights(file: NetworkFile, sizes: LayerSizes, source = 'network'): ImportedWeights {
  const [d, , k] = sizes;
  if (file.model !== 'two-layer' || file.layers.length !== 2) throw new ParameterError(`${source}.model`, file.model, 'two-layer (the page runs a 2-layer network)');
  if (file.activation === 'soma-fi') throw new ParameterError(`${source}.activation`, file.activation, 'relu, lif-rate, soft-lif, sigmoid or tanh (the page does not yet train through a soma model\'s f-I curve; use soma convert --soma)');
  const [l1, l2] = file.layers;
  if (l1.weights.length !== d) throw new ParameterError(`${source}.layers[0].weights`, `${l1.weights.length} rows`, `${d} rows, one per input of the plane (x, y)`);
  if (l2.bias.length !== k) throw new ParameterError(`${source}.layers[1].bias`, `${l2.bias.length} values`, `${k}, one per class of the data on show`);
  const h = l1.bias.length;
  const hidden = SETTINGS.hidden;
  if (h < hidden.min || h > hidden.max) throw new ParameterError(`${source}.layers[0].bias`, `${h} hidden units`, `${hidden.min} to ${hidden.max} hidden units`);
  const w1 = new Float64Array(d * h), w2 = new Float64Array(h * k);
  for (let i = 0; i < d; i++) w1.set(l1.weights[i], i * h);
  for (let j = 0; j < h; j++) w2.set(l2.weights[j], j * k);
  return { hidden: h, w1, b1: Float64Array.from(l1.bias), w2, b2: Float64Array.from(l2.bias) };
}

/**
 * The trainer's network file with the page's data settings under `dataset.page`, so the points
 * it was trained on can be made again.
 */
export function pageNetworkFile(file: NetworkFile, s: Settings): NetworkFile {
  const page: Record<string, unknown> = { dataset: s.dataset, seed: s.seed, points: s.points, noise: s.noise, testFraction: s.testFraction, scale: 'each set divided by its largest |feature|, times 0.95' };
  if (s.dataset === 'custom') page.pts = s.pts;
  return { ...file, dataset: { ...file.dataset, page } };
}
