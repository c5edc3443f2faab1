/**
 * The trained-network file: what `soma train --save FILE` writes and `soma convert --network FILE`,
 * the page and the Brian2 export read. Versioned; validated with zod so that a file that is not
 * one gets one error naming the field.
 *
 * Layers follow the course's convention: scores = X W + b, with X of shape N x D, so a layer's
 * `weights` is in x out (row i = input i) and `bias` has length out. A two-layer network has
 * two layers (D -> H with the hidden activation, H -> K linear scores); a linear classifier one.
 */
import { z } from 'zod';
import { ParameterError } from '../errors';

export const NETWORK_FILE_FORMAT = 'soma-network';
export const NETWORK_FILE_VERSION = 1;

export const HIDDEN_ACTIVATIONS = ['relu', 'lif-rate', 'soft-lif', 'sigmoid', 'tanh'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

const finite = z.number().refine(Number.isFinite, 'must be a finite number');

const layerSchema = z.object({
  /** in x out, row-major as nested arrays. */
  weights: z.array(z.array(finite).min(1)).min(1),
  bias: z.array(finite).min(1),
});

export const networkFileSchema = z
  .object({
    format: z.literal(NETWORK_FILE_FORMAT),
    version: z.number().int().min(1),
    model: z.enum(['linear', 'two-layer']),
    /** Hidden activation of a two-layer network (ignored by a linear one). */
    activation: z.enum(HIDDEN_ACTIVATIONS),
    loss: z.enum(['softmax', 'svm']),
    layers: z.array(layerSchema).min(1).max(2),
    /** Class names in output order, when the data has them. */
    classes: z.array(z.string()).optional(),
    /** Where it came from: dataset name and options, seed, training options (free form). */
    dataset: z.record(z.string(), z.unknown()).optional(),
    training: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((net, ctx) => {
    if (net.version > NETWORK_FILE_VERSION) {
      ctx.addIssue({ code: 'custom', path: ['version'], message: `is ${net.version}, newer than this Soma reads (${NETWORK_FILE_VERSION})` });
    }
    if (net.model === 'linear' && net.layers.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a linear model has exactly 1 layer' });
    }
    if (net.model === 'two-layer' && net.layers.length !== 2) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a two-layer model has exactly 2 layers' });
    }
    net.layers.forEach((layer, l) => {
      const out = layer.bias.length;
      layer.weights.forEach((row, i) => {
        if (row.length !== out) {
          ctx.addIssue({ code: 'custom', path: ['layers', l, 'weights', i], message: `has ${row.length} columns but bias has ${out}` });
        }
      });
      if (l > 0 && layer.weights.length !== net.layers[l - 1].bias.length) {
        ctx.addIssue({ code: 'custom', path: ['layers', l, 'weights'], message: `has ${layer.weights.length} rows but layer ${l - 1} has ${net.layers[l - 1].bias.length} outputs` });
      }
    });
  });

export type NetworkFile = z.infer<typeof networkFileSchema>;

/**
 * Validates parsed JSON as a network file. Throws ParameterError naming the first bad field,
 * e.g. `network.layers[1].weights[3] = ... : has 5 columns but bias has 3`.
 */
export function parseNetworkFile(data: unknown, source = 'network'): NetworkFile {
  const result = networkFileSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), source);
  let value: unknown = data;
  for (const key of issue.path) value = value != null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  throw new ParameterError(path, value, issue.message.replace(/^Invalid input: /, ''));
}

/** Parses the text of a network file (JSON), with the same errors. */
export function parseNetworkFileText(text: string, source = 'network'): NetworkFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParameterError(source, text.slice(0, 40), `a JSON network file (${(e as Error).message})`);
  }
  return parseNetworkFile(data, source);
}
