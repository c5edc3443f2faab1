/** The registry of CLI commands: adding a command is one file in this folder and one line here. */
import type { Command } from '../command';
import { convertCommand } from './convert';
import { cubaCommand } from './cuba';
import { exportCommand } from './export';
import { fiCommand } from './fi';
import { gradcheckCommand } from './gradcheck';
import { graphCommand } from './graph';
import { modelsCommand } from './models';
import { neuronCommand } from './neuron';
import { trainCommand } from './train';

export const COMMANDS: Command[] = [
  neuronCommand,
  modelsCommand,
  fiCommand,
  cubaCommand,
  convertCommand,
  exportCommand,
  graphCommand,
  trainCommand,
  gradcheckCommand,
];
