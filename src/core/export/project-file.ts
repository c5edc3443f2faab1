/**
 * The project file (`lesson.soma.json`): one versioned JSON document that holds a page's whole
 * state, so a teacher prepares a lesson at home and opens it in class exactly as it was: every
 * setting (as the link writes it, the user's own points and the tour step among them), the
 * trained weights (a network file, which the link cannot hold), and the neuron selected in the
 * scenes. The page saves and opens it (src/ui/project.ts); the CLI reads it (`soma convert
 * --project`, `soma export --project`).
 *
 * Read with the limits of the network file (network-file.ts: size before reading, nesting depth
 * and count of numbers before parsing) and validated with zod; every refusal is one
 * ParameterError naming the field (`project.settings.hidden`, `project.network.layers[1].bias`,
 * `project.version` for a file from a newer Soma).
 */
import { z } from 'zod';
import { ParameterError } from '../errors';
import { describeField, fieldSchema, formatSetting, SETTING_KEYS, SETTINGS, type SettingKey, type Settings, defaultSettings } from '../lab/settings';
import { checkJsonShape, checkNetworkFileSize, parseNetworkFile, type NetworkFile } from './network-file';

export const PROJECT_FILE_FORMAT = 'soma-project';
export const PROJECT_FILE_VERSION = 1;
/** The file name the page offers (`.soma.json`: JSON that says what it is). */
export const PROJECT_FILE_NAME = 'lesson.soma.json';
/** Largest selected-neuron index kept (a page network has at most 2 + 1000 + 4 neurons per layer set). */
const MAX_NEURON_INDEX = 1_000_000;

/** The page state a project holds (what the page gives to save, and gets back on opening). */
export interface ProjectState {
  settings: Settings;
  /** The trained weights, or null: the weights the seed draws. */
  network: NetworkFile | null;
  /** The neuron selected in the scenes (index over all layers), or -1. */
  selectedNeuron: number;
}

/** The file as written (JSON). */
export interface ProjectFile {
  format: typeof PROJECT_FILE_FORMAT;
  version: number;
  /** Every setting by its link name, as the link writes it (`hidden: "8"`, `pts: "0.1,0.2,0;..."`); `tour` is the tour step. */
  settings: Record<string, string>;
  network: unknown;
  selectedNeuron: number;
  /** When it was saved (ISO 8601), for the reader. */
  savedAt?: string;
}

const headSchema = z.object({
  format: z.literal(PROJECT_FILE_FORMAT),
  version: z.number().int().min(1),
});

const bodySchema = z.object({
  format: z.literal(PROJECT_FILE_FORMAT),
  version: z.number().int().min(1),
  settings: z.record(z.string(), z.string()),
  network: z.unknown(),
  selectedNeuron: z.number().int().min(-1).max(MAX_NEURON_INDEX),
  savedAt: z.string().max(64).optional(),
}).strict();

/** The file of a page state. */
export function projectFile(state: ProjectState, savedAt?: Date): ProjectFile {
  const settings: Record<string, string> = {};
  for (const key of SETTING_KEYS) settings[key] = formatSetting(key, state.settings[key]);
  return {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    ...(savedAt ? { savedAt: savedAt.toISOString() } : {}),
    settings,
    network: state.network,
    selectedNeuron: state.selectedNeuron,
  };
}

/** The JSON text of a page state (one setting or weight row per line is not needed: compact but for the head). */
export function projectFileText(state: ProjectState, savedAt?: Date): string {
  return JSON.stringify(projectFile(state, savedAt), null, 1) + '\n';
}

/** `project.settings.hidden`, `project.network.layers[0]`: the path of a zod issue. */
function pathOf(source: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), source);
}

/**
 * Validates parsed JSON as a project file and returns the page state it holds. Settings the
 * file leaves out take their defaults (a file written by hand may name only a few).
 * @throws ParameterError naming the first bad field
 */
export function parseProjectFile(data: unknown, source = 'project'): ProjectState {
  const head = headSchema.safeParse(data);
  if (!head.success) {
    const issue = head.error.issues[0];
    const key = issue.path[0];
    const value = data !== null && typeof data === 'object' && key !== undefined ? (data as Record<PropertyKey, unknown>)[key] : data;
    throw new ParameterError(pathOf(source, issue.path), value, issue.path[0] === 'format' ? `"${PROJECT_FILE_FORMAT}"` : issue.path[0] === 'version' ? 'an integer >= 1' : 'a JSON object');
  }
  // A newer file is refused before anything else is read: its fields may mean other things.
  if (head.data.version > PROJECT_FILE_VERSION) {
    throw new ParameterError(`${source}.version`, head.data.version, `a project file of version ${PROJECT_FILE_VERSION} or older (this Soma reads version ${PROJECT_FILE_VERSION}; the file is from a newer Soma)`);
  }
  const body = bodySchema.safeParse(data);
  if (!body.success) {
    const issue = body.error.issues[0];
    if (issue.code === 'unrecognized_keys') throw new ParameterError(`${source}.${issue.keys[0]}`, (data as Record<string, unknown>)[issue.keys[0]], 'a field of a project file: one of format, version, settings, network, selectedNeuron, savedAt');
    let value: unknown = data;
    for (const key of issue.path) value = value !== null && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key as PropertyKey] : undefined;
    const allowed = issue.path[0] === 'selectedNeuron' ? `an integer >= -1 and <= ${MAX_NEURON_INDEX}` : issue.path[0] === 'settings' ? 'an object of setting name -> text' : issue.message;
    throw new ParameterError(pathOf(source, issue.path), value, allowed);
  }
  const settings = defaultSettings() as Record<SettingKey, unknown>;
  // the keys as the JSON has them (zod's record drops a `__proto__` key; it is refused here)
  for (const [key, raw] of Object.entries((data as { settings: Record<string, string> }).settings)) {
    if (!Object.hasOwn(SETTINGS, key)) throw new ParameterError(`${source}.settings.${key}`, raw, 'a setting of the page (the names a link uses)');
    const k = key as SettingKey;
    const parsed = fieldSchema(SETTINGS[k]).safeParse(raw);
    if (!parsed.success) throw new ParameterError(`${source}.settings.${key}`, raw, describeField(SETTINGS[k]));
    settings[k] = parsed.data;
  }
  const network = body.data.network === null || body.data.network === undefined ? null : parseNetworkFile(body.data.network, `${source}.network`);
  return { settings: settings as Settings, network, selectedNeuron: body.data.selectedNeuron };
}

/**
 * Parses the text of a project file with the network file's limits (nesting, numbers) checked
 * before JSON.parse; `bytes` (the file's size, when known before reading) is checked first.
 */
export function parseProjectFileText(text: string, source = 'project'): ProjectState {
  checkNetworkFileSize(text.length, source);
  checkJsonShape(text, source);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ParameterError(source, text.slice(0, 40), `a JSON project file (${(e as Error).message})`);
  }
  return parseProjectFile(data, source);
}
