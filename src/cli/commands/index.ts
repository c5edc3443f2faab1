/** The registry of CLI commands: adding a command is one file in this folder and one line here. */
import type { Command } from '../command';
import { convertCommand } from './convert';

export const COMMANDS: Command[] = [
  convertCommand,
];
