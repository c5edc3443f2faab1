/**
 * Files the CLI reads and writes, checked before any work: a file read must be a regular file
 * within a size limit (so `/dev/zero` or a 10 GB log is refused instead of exhausting memory),
 * and a file written must have an existing, writable folder and not be a folder itself
 * (missing folders are not created: a typo in a path should not grow a directory tree).
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ParameterError } from '../core/errors';

/** Largest text file read (CSV data, network files): 64 MB. */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/** Reads a UTF-8 text file (`noun`: what it should be, e.g. `network file`) for `parameter`, refusing anything that is not a regular file of at most `maxBytes`. */
export function readTextFile(parameter: string, path: string, noun: string, maxBytes = MAX_INPUT_BYTES): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new ParameterError(parameter, path, `a ${noun}: a regular file (this is ${st.isDirectory() ? 'a folder' : 'a device or special file'})`);
    size = st.size;
  } catch (e) {
    if (e instanceof ParameterError) throw e;
    throw new ParameterError(parameter, path, `a readable ${noun} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
  if (size > maxBytes) throw new ParameterError(parameter, path, `a ${noun} of at most ${maxBytes / 1024 / 1024} MB (it has ${(size / 1024 / 1024).toFixed(1)} MB)`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new ParameterError(parameter, path, `a readable ${noun} (${(e as NodeJS.ErrnoException).code ?? 'unreadable'})`);
  }
}

/** Checks a path to be written for `parameter`: name length, existing writable folder, not a folder. */
export function checkOutputPath(parameter: string, path: string): void {
  const name = basename(path);
  if (path.length > 4096 || Buffer.byteLength(name) > 255) throw new ParameterError(parameter, path, 'a path of at most 4096 characters whose file name has at most 255 bytes');
  const folder = dirname(resolve(path));
  let isFolder = false;
  try {
    isFolder = statSync(folder).isDirectory();
  } catch {
    /* reported below */
  }
  if (!isFolder) throw new ParameterError(parameter, path, `a file in an existing folder (${dirname(path)} does not exist; create it first)`);
  try {
    accessSync(folder, constants.W_OK);
  } catch {
    throw new ParameterError(parameter, path, `a file in a folder you may write to (${dirname(path)} is not writable)`);
  }
  try {
    if (statSync(path).isDirectory()) throw new ParameterError(parameter, path, 'a file name, not a folder');
  } catch (e) {
    if (e instanceof ParameterError) throw e; // otherwise it does not exist yet: fine
  }
}
