/**
 * The trained-network file: what `soma train --save FILE` writes and `soma convert --network FILE`,
 * the page and the Brian2 export read. Versioned; validated with zod so that a file that is not
 * one gets one error naming the field.
 *
 * Layers follow the course's convention: scores = X W + b, with X of shape N x D, so a layer's
 * `weights` is in x out (row i = input i) and `bias` has length out. A two-layer network has
 * two layers (D -> H with the hidden activation, H -> K linear scores); a linear classifier one;
 * a deep network L + 1 (D -> H1 -> ... -> HL, each with the hidden activation, HL -> K).
 *
 * Versions: 1 (linear and two-layer); 2 adds `hidden`, the list of hidden-layer widths
 * ([] linear, [H] two-layer, [H1, ..., HL] deep, L >= 2), and the `deep` model. Version 1 files
 * are read as before (their `hidden` follows from the layers: `hiddenOf`); Soma writes version 2.
 */
import { z } from 'zod';
import { ParameterError } from '../errors';

export const NETWORK_FILE_FORMAT = 'soma-network';
export const NETWORK_FILE_VERSION = 2;
/** Most hidden layers a file may hold (network.ts MAX_HIDDEN_LAYERS). */
export const MAX_FILE_HIDDEN_LAYERS = 16;

export const HIDDEN_ACTIVATIONS = ['relu', 'lif-rate', 'soft-lif', 'sigmoid', 'tanh'] as const;
export type HiddenActivation = (typeof HIDDEN_ACTIVATIONS)[number];

/**
 * `soma-fi`: the hidden activation is a soma model's measured f-I curve (ann/soma-fi-activation.ts),
 * described by the file's `somaFi` field; a network file's activation is one of these.
 */
export const SOMA_FI_ACTIVATION = 'soma-fi';
export const NETWORK_ACTIVATIONS = [...HIDDEN_ACTIVATIONS, SOMA_FI_ACTIVATION] as const;
export type NetworkActivation = (typeof NETWORK_ACTIVATIONS)[number];

/**
 * Largest weight or bias magnitude: beyond it x W overflows or loses every digit of the other
 * terms (a trained network's weights are of order 1; 1e308 would make every score Infinity).
 */
export const MAX_WEIGHT = 1e6;
/** Largest number of weights and biases in a file (a 784-1000-10 network has 0.8 million). */
export const MAX_NETWORK_NUMBERS = 4_000_000;
/** Largest network file read, in bytes (64 MB): checked before the file is read at all. */
export const MAX_NETWORK_FILE_BYTES = 64 * 1024 * 1024;

/** Refuses a file of `bytes` bytes beyond MAX_NETWORK_FILE_BYTES, before reading it. */
export function checkNetworkFileSize(bytes: number, source = 'network file'): void {
  if (bytes > MAX_NETWORK_FILE_BYTES) throw new ParameterError(source, `${(bytes / 1048576).toFixed(1)} MB`, `a network file of at most ${MAX_NETWORK_FILE_BYTES / 1048576} MB`);
}

/** Deepest nesting of arrays and objects a network file may have (it needs 4). */
export const MAX_JSON_DEPTH = 32;

const finite = z.number().refine((v) => Number.isFinite(v) && Math.abs(v) <= MAX_WEIGHT, `a finite number within +-${MAX_WEIGHT}`);

/** A finite number of any size (currents, rates: not limited to weights' range). */
const anyFinite = z.number().refine((v) => Number.isFinite(v), 'a finite number');

/**
 * The soma model behind a `soma-fi` activation: the model as `soma convert --soma` names it, its
 * parameters, the window and step its f-I curve was measured over, the current map and the fit
 * (ann/soma-fi-activation.ts), and the fit's largest error against the measured curve (Hz).
 */
export const somaFiSchema = z.object({
  model: z.string().max(40),
  preset: z.string().max(40).nullable(),
  params: z.record(z.string().max(40), z.union([anyFinite, z.string().max(40)])),
  durationMs: anyFinite.refine((v) => v > 0, 'a number > 0'),
  dtMs: anyFinite.refine((v) => v > 0, 'a number > 0'),
  currentOffset: anyFinite,
  currentScale: anyFinite.refine((v) => v > 0, 'a number > 0'),
  amplitudePerHz: anyFinite.refine((v) => v > 0, 'a number > 0'),
  fit: z.object({
    centres: z.array(anyFinite).min(1).max(1000),
    width: anyFinite.refine((v) => v > 0, 'a number > 0'),
    weights: z.array(anyFinite.refine((v) => v >= 0, 'a number >= 0')).min(1).max(1000),
  }).refine((f) => f.centres.length === f.weights.length, 'as many weights as centres'),
  maxErrorHz: anyFinite,
});
export type SomaFiSpec = z.infer<typeof somaFiSchema>;

const layerSchema = z.object({
  /** in x out, row-major as nested arrays. */
  weights: z.array(z.array(finite).min(1)).min(1),
  bias: z.array(finite).min(1),
});

export const networkFileSchema = z
  .object({
    format: z.literal(NETWORK_FILE_FORMAT),
    version: z.number().int().min(1),
    model: z.enum(['linear', 'two-layer', 'deep']),
    /** Hidden activation of every hidden layer (ignored by a linear model); `soma-fi` needs `somaFi`. */
    activation: z.enum(NETWORK_ACTIVATIONS),
    /** The soma model of a `soma-fi` activation (required with it). */
    somaFi: somaFiSchema.optional(),
    loss: z.enum(['softmax', 'svm']),
    /** Version 2: units of each hidden layer in order (required; equal to the layers' widths). */
    hidden: z.array(z.number().int().min(1)).max(MAX_FILE_HIDDEN_LAYERS).optional(),
    layers: z.array(layerSchema).min(1).max(MAX_FILE_HIDDEN_LAYERS + 1),
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
    if (net.activation === SOMA_FI_ACTIVATION && net.model !== 'linear' && !net.somaFi) {
      ctx.addIssue({ code: 'custom', path: ['somaFi'], message: 'is required with the soma-fi activation (the soma model and its fitted f-I curve)' });
    }
    if (net.model === 'linear' && net.layers.length !== 1) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a linear model has exactly 1 layer' });
    }
    if (net.model === 'two-layer' && net.layers.length !== 2) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a two-layer model has exactly 2 layers' });
    }
    if (net.model === 'deep' && net.layers.length < 3) {
      ctx.addIssue({ code: 'custom', path: ['layers'], message: 'a deep model has at least 3 layers (2 hidden)' });
    }
    if (net.version === 1 && net.model === 'deep') {
      ctx.addIssue({ code: 'custom', path: ['model'], message: 'linear or two-layer in a version 1 file (deep networks are version 2)' });
    }
    if (net.version >= 2 && net.hidden === undefined) {
      ctx.addIssue({ code: 'custom', path: ['hidden'], message: 'the list of hidden-layer widths (version 2)' });
    }
    if (net.hidden !== undefined) {
      const widths = net.layers.slice(0, -1).map((l) => l.bias.length);
      if (net.hidden.length !== widths.length || net.hidden.some((h, i) => h !== widths[i])) {
        ctx.addIssue({ code: 'custom', path: ['hidden'], message: `the widths of the hidden layers, [${widths.join(', ')}]` });
      }
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

/** The widths of a file's hidden layers, H1..HL ([] for a linear classifier), from its layers (any version). */
export function hiddenOf(net: Pick<NetworkFile, 'layers'>): number[] {
  return net.layers.slice(0, -1).map((l) => l.bias.length);
}

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
  for (const key of issue.path) value = value != null && typeof value === 'object' && Object.hasOwn(value, key as PropertyKey) ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
  throw new ParameterError(path, value, describeIssue(issue));
}

/** What a zod issue asks for, in the words of Soma's errors ("one of relu, tanh"), not zod's own. */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'int' ? 'an integer' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
    case 'invalid_value':
      return issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} entries` : `a number >= ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} entries` : `a number <= ${issue.maximum}`;
    default:
      return issue.message;
  }
}

/**
 * Checks the shape of JSON text before parsing it: nesting depth and how many numbers it holds,
 * in one pass over the characters (strings skipped), so a hostile or mistaken file is refused
 * in milliseconds instead of being parsed and validated for tens of seconds.
 */
export function checkJsonShape(text: string, source: string, maxDepth = MAX_JSON_DEPTH, maxNumbers = MAX_NETWORK_NUMBERS): void {
  let depth = 0, numbers = 0, inString = false, inNumber = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    const digit = (c >= 48 && c <= 57) || c === 45; // 0-9 or -
    if (digit && !inNumber && ++numbers > maxNumbers) throw new ParameterError(source, `more than ${maxNumbers} numbers`, `a network file of at most ${maxNumbers} numbers`);
    inNumber = digit || (inNumber && (c === 46 || c === 101 || c === 69 || c === 43)); // . e E +
    if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) throw new ParameterError(source, `nesting deeper than ${maxDepth}`, `a network file nested at most ${maxDepth} levels`);
    } else if (c === 93 || c === 125) depth--;
  }
}

/** Parses the text of a network file (JSON), with the same errors. */
export function parseNetworkFileText(text: string, source = 'network'): NetworkFile {
  checkJsonShape(text, source);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParameterError(source, text.slice(0, 40), `a JSON network file (${(e as Error).message})`);
  }
  return parseNetworkFile(data, source);
}
