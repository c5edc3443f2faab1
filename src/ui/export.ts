/**
 * The Export group (Network JSON, Brian2 script, PyNN script, Results CSV) and the network import (a file
 * input, and a file dropped onto the artificial network). The files are made by
 * src/core/lab/export.ts; here they become downloads (a Blob and a temporary <a download>) and
 * the imported text goes to the app, which checks it and keeps its last good state on refusal.
 */
import { ParameterError } from '../core/errors';
import { checkNetworkFileSize } from '../core/export/network-file';
import { BRIAN2_DATA_BATCH, EXPORT_FILE_NAMES, resultsCsv, type Brian2Inputs } from '../core/lab/export';
import type { LabClient } from '../core/lab/lab-client';
import type { Lang } from './i18n';
import { et } from './export-text';
import { fileInput, takeDroppedFiles } from './file-input';

/** What the Export group needs from the app. */
export interface ExportHost {
  /** The lab (in its worker): the exports are written there and arrive as text. */
  lab: LabClient;
  /** Loads the text of a network file; resolves to '' when done, else the refusal (one line naming the field). */
  importText(text: string, fileName: string): Promise<string>;
  /** Shows a message in the notices ('' hides it). */
  notify(message: string, kind: 'warning' | 'error'): void;
}

/** Offers `blob` as a download named `name` (a Blob URL on a temporary link, revoked afterwards). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Offers `text` as a download named `name`, of MIME type `type`. */
export function download(name: string, text: string, type: string): void {
  downloadBlob(name, new Blob([text], { type }));
}

function button(id: string, label: string, tip: string, onClick: () => void | Promise<void>): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.id = id;
  b.textContent = label;
  b.title = tip;
  b.addEventListener('click', () => void onClick());
  return b;
}

/**
 * Builds the group in `root` and the drop target `dropZone`; returns its teardown (listeners
 * on the drop zone are removed, the group's elements go with `root`'s content).
 */
export function mountExport(root: HTMLElement, dropZone: HTMLElement, host: ExportHost, lang: Lang): () => void {
  root.setAttribute('aria-label', et(lang, 'group'));
  const inputsId = 'export-inputs';
  const select = document.createElement('select');
  select.id = inputsId;
  select.title = et(lang, 'inputsTip');
  for (const [value, key] of [['probe', 'inputsProbe'], ['data', 'inputsData']] as const) {
    const o = document.createElement('option');
    o.value = value;
    o.textContent = et(lang, key);
    select.appendChild(o);
  }
  const selectLabel = document.createElement('label');
  selectLabel.htmlFor = inputsId;
  selectLabel.className = 'export-inputs-label'; // shown: a menu reads by its label, not only by its choice
  selectLabel.textContent = et(lang, 'inputs');

  const network = button('export-network', et(lang, 'network'), et(lang, 'networkTip'), async () => {
    download(EXPORT_FILE_NAMES.network, JSON.stringify(await host.lab.networkFile(), null, 1) + '\n', 'application/json');
  });
  const brian2 = button('export-brian2', et(lang, 'brian2'), et(lang, 'brian2Tip'), async () => {
    try {
      const exp = await host.lab.brian2Script({ inputs: select.value as Brian2Inputs, batch: BRIAN2_DATA_BATCH });
      download(EXPORT_FILE_NAMES.brian2, exp.script, 'text/x-python');
      host.notify('', 'error');
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      host.notify(`${et(lang, 'exportProblem')} ${e.message}`, 'error');
    }
  });
  const pynn = button('export-pynn', et(lang, 'pynn'), et(lang, 'pynnTip'), async () => {
    try {
      const exp = await host.lab.pynnScript({ inputs: select.value as Brian2Inputs, batch: BRIAN2_DATA_BATCH });
      download(EXPORT_FILE_NAMES.pynn, exp.script, 'text/x-python');
      // the integrate-and-fire neuron resets by subtraction: no standard cell does, the script says so
      const what = [...new Set(exp.approximations.map((a) => a.slice(a.indexOf(': ') + 2)))].join('; ');
      host.notify(what ? et(lang, 'pynnApproximate', { what }) : '', 'warning');
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      host.notify(`${et(lang, 'pynnProblem')} ${e.message}`, 'error');
    }
  });
  const results = button('export-results', et(lang, 'results'), et(lang, 'resultsTip'), () => {
    download(EXPORT_FILE_NAMES.results, resultsCsv(host.lab.snapshot), 'text/csv');
  });

  // The file input is the control (its label is the visible "button"; the input keeps the accessible name).
  const file = fileInput({
    id: 'import-network', accept: '.json,application/json', name: et(lang, 'importName'), text: et(lang, 'import'), tip: et(lang, 'importTip'),
    checkSize: (bytes) => checkNetworkFileSize(bytes),
    onText: (text, name) => void host.importText(text, name),
    onRefused: (name, message) => host.notify(`${et(lang, 'importProblem', { file: name })} ${message}`, 'error'),
  });
  root.append(network, selectLabel, select, brian2, pynn, results, file.input, file.label);

  // Drop a file onto the artificial network to import it.
  dropZone.title = et(lang, 'dropHere');
  const stopDrops = takeDroppedFiles(dropZone, file.read, true);
  return () => {
    stopDrops();
    root.replaceChildren();
  };
}
