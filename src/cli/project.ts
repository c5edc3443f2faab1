/**
 * `--project FILE` of `soma convert` and `soma export`: a project file saved by the page
 * (src/core/export/project-file.ts) gives the trained network and, for every option the command
 * line leaves out, the page's data set and conversion settings (neuron, normalisation, input
 * encoding; the page's leaky neuron's reset to zero without leak compensation). The command
 * line wins where both say something.
 */
import { ParameterError } from '../core/errors';
import type { NetworkFile } from '../core/export/network-file';
import { parseProjectFileText } from '../core/export/project-file';
import { CONVERT_DATASETS } from '../core/experiments/conversion-experiment';
import { stringOption } from './args';
import type { ParsedOptions } from './command';
import { readTextFile } from './files';

/** The options a project fills in where the command line is silent (as if typed). */
const FROM_SETTINGS = ['neuron', 'norm', 'encoding'] as const;

/**
 * Reads `--project` (if given): fills `options` with the project's data set and conversion
 * settings where they are absent, and returns its network (null without `--project`).
 * @throws ParameterError naming the option or the project's field (`project.network`, ...)
 */
export function readProjectOption(options: ParsedOptions): NetworkFile | null {
  const path = stringOption(options, 'project');
  if (path === undefined) return null;
  if (options.network !== undefined) throw new ParameterError('--network', options.network, 'nothing with --project (the project holds the network)');
  const project = parseProjectFileText(readTextFile('--project', path, 'project file', 64 * 1024 * 1024), 'project');
  if (project.network === null) throw new ParameterError('project.network', null, 'trained weights (save the project on the page after training or importing a network)');
  const s = project.settings;
  if (options.dataset === undefined) {
    if (!(CONVERT_DATASETS as readonly string[]).includes(s.dataset)) {
      throw new ParameterError('project.settings.dataset', s.dataset, `a data set the CLI has (${CONVERT_DATASETS.join(', ')}); give --dataset`);
    }
    options.dataset = s.dataset;
  }
  for (const key of FROM_SETTINGS) if (options[key] === undefined) options[key] = String(s[key]);
  // the page's leaky neuron resets to zero without leak compensation (src/core/lab/conversion.ts)
  if (options.neuron === 'lif' && options.reset === undefined && options.leak === undefined) {
    options.reset = 'zero';
    options.leak = 'none';
  }
  return project.network;
}
