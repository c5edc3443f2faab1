/**
 * Opening a file on the page, by its chooser or by a drop: the Export group's network import
 * (export.ts) and the project's Open (project.ts) share it. A file too large is refused from its
 * size, before a byte is read (reading and parsing hundreds of MB would block the page for
 * seconds); otherwise its text goes to the owner, which checks it and keeps its last good state on
 * refusal.
 */
import { ParameterError } from '../core/errors';

/** What a file chooser is and does with a file. */
export interface FileInputOptions {
  /** The input's id (its label points at it). */
  id: string;
  /** The file types offered (the input's `accept`). */
  accept: string;
  /** The input's accessible name. */
  name: string;
  /** The label's text: the visible "button". */
  text: string;
  /** Tooltip of both. */
  tip: string;
  /** Throws ParameterError when a file of `bytes` bytes is too large. */
  checkSize(bytes: number): void;
  /** The text of a file that passed the size check. */
  onText(text: string, fileName: string): void;
  /** A file refused before reading: its name and the refusal. */
  onRefused(fileName: string, message: string): void;
}

/** A file chooser: the input (hidden by the page's style, it keeps the accessible name), its label, and the reader the drops use too. */
export interface FileInput {
  input: HTMLInputElement;
  label: HTMLLabelElement;
  /** Checks a file's size, then reads its text for the owner. */
  read(f: File): void;
}

/** Makes a file chooser (not yet in the page): choosing the same file again reads it again. */
export function fileInput(o: FileInputOptions): FileInput {
  const input = document.createElement('input');
  input.type = 'file';
  input.id = o.id;
  input.accept = o.accept;
  input.className = 'file-input';
  input.setAttribute('aria-label', o.name);
  input.title = o.tip;
  const label = document.createElement('label');
  label.htmlFor = input.id;
  label.className = 'file-button';
  label.textContent = o.text;
  label.title = o.tip;
  const read = (f: File): void => {
    try {
      o.checkSize(f.size);
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      o.onRefused(f.name, e.message);
      return;
    }
    void f.text().then((text) => o.onText(text, f.name));
  };
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    if (f) read(f);
    input.value = '';
  });
  return { input, label, read };
}

/**
 * Takes the first file dropped on `zone` to `read` (a drop another handler already took is left
 * alone). With `highlight`, the zone shows the class `drop-target` and a copy cursor while a file
 * is over it. Returns the teardown that removes the listeners.
 */
export function takeDroppedFiles(zone: HTMLElement | Document, read: (f: File) => void, highlight = false): () => void {
  const mark = (on: boolean): void => {
    if (highlight && zone instanceof HTMLElement) zone.classList.toggle('drop-target', on);
  };
  const over = (e: Event): void => {
    const d = (e as DragEvent).dataTransfer;
    if (!d?.types.includes('Files')) return;
    e.preventDefault();
    if (highlight) d.dropEffect = 'copy';
    mark(true);
  };
  const leave = (): void => mark(false);
  const drop = (e: Event): void => {
    const f = (e as DragEvent).dataTransfer?.files[0];
    mark(false);
    if (!f || e.defaultPrevented) return;
    e.preventDefault();
    read(f);
  };
  zone.addEventListener('dragover', over);
  zone.addEventListener('dragleave', leave);
  zone.addEventListener('drop', drop);
  return () => {
    zone.removeEventListener('dragover', over);
    zone.removeEventListener('dragleave', leave);
    zone.removeEventListener('drop', drop);
  };
}
