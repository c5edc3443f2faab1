/**
 * The commands as `soma --help` lists them, each with a loader: the CLI imports a command's
 * module (and the part of src/core it needs) only when that command runs, so `soma --help` and
 * `soma cuba` load no training, export or schema code. The names and summaries repeat those of
 * the command files (index.ts, the eager registry the tests and the fuzzer use);
 * catalogue.test.ts checks that both lists agree, entry by entry.
 */
import type { Command } from '../command';

/** One line of the catalogue: what `soma --help` prints, and how to load the command. */
export interface CatalogueEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

export const COMMAND_CATALOGUE: readonly CatalogueEntry[] = [
  { name: 'neuron', summary: 'one neuron (lif, izhikevich, hh, relu) under a current: spike times and rate', load: async () => (await import('./neuron')).neuronCommand },
  { name: 'models', summary: 'the soma models: parameters with units, defaults and allowed ranges, state, presets, rate twin', load: async () => (await import('./models')).modelsCommand },
  { name: 'fi', summary: 'f-I curve: rate from the mean inter-spike interval at each current, and the closed form', load: async () => (await import('./fi')).fiCommand },
  { name: 'cuba', summary: 'CUBA network (Brette et al. 2007, Brian2 example): spikes, rate, ISI CV, build and run times (wall and CPU)', load: async () => (await import('./cuba')).cubaCommand },
  { name: 'convert', summary: 'convert a trained network to spiking neurons; accuracy and agreement against time T, rates vs ReLU activations', load: async () => (await import('./convert')).convertCommand },
  { name: 'export', summary: 'write a network as a Brian2 or PyNN script (CUBA, or a converted ANN for a batch of inputs); --check runs both and compares', load: async () => (await import('./export')).exportCommand },
  { name: 'graph', summary: 'forward values and backward gradients of a formula as a computational graph of gates', load: async () => (await import('./graph')).graphCommand },
  { name: 'train', summary: 'train the linear classifier, the 2-layer network or deeper (--hidden 32,16); loss, accuracy, speed; --save writes the network', load: async () => (await import('./train')).trainCommand },
  { name: 'gradcheck', summary: 'gradient check of a whole network: backprop against centered differences, relative error per parameter', load: async () => (await import('./gradcheck')).gradcheckCommand },
];
