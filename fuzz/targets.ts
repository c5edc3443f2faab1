/**
 * The registry of fuzz targets: every parser and every CLI command. Adding a target is one file
 * in fuzz/ and one line here.
 */
import { CLI_TARGETS } from './cli.fuzz';
import { expressionTextTarget, expressionTreeTarget } from './expression.fuzz';
import { csvTarget, networkTarget } from './files.fuzz';
import { settingsTarget } from './settings.fuzz';
import type { FuzzTarget } from './target';

export const TARGETS: FuzzTarget<never>[] = [
  settingsTarget,
  csvTarget,
  networkTarget,
  expressionTreeTarget,
  expressionTextTarget,
  ...CLI_TARGETS,
] as FuzzTarget<never>[];
