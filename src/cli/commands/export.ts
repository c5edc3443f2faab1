/**
 * `soma export`: writes a network as a Brian2 2.5 script (src/core/export/brian2.ts) or, with
 * `--to pynn`, a PyNN 0.10 script (src/core/export/pynn.ts): the CUBA network, or a converted ANN
 * for a batch of held-out inputs. `--check` also runs Soma's own simulation and the script (Brian2;
 * PyNN on its Brian2 backend), and compares the spike counts.
 */
import { basename } from 'node:path';
import { SpikeMonitor } from '../../core/bio/monitors';
import { ParameterError, SomaRuntimeError } from '../../core/errors';
import { ARRAY_STORAGES, BRIAN2_TARGETS, toBrian2Script, type Brian2Export } from '../../core/export/brian2';
import { CONVERT_DATASETS, convertedForExport, cubaForExport, type ExportableNetwork } from '../../core/export/brian2-networks';
import { brian2Python, hasBrian2, runBrian2Export, writeBrian2Export } from '../../core/export/brian2-run-node';
import { toPynnScript, type PynnExport } from '../../core/export/pynn';
import { hasPynn, runPynnExport, writePynnExport } from '../../core/export/pynn-run-node';
import { parseNetworkFileText, type NetworkFile } from '../../core/export/network-file';
import { INPUT_ENCODINGS, LEAK_COMPENSATIONS, LEAKY_RESETS, NORMALISATIONS, SPIKING_NEURONS } from '../../core/experiments/convert';
import { choiceOption, numberOption, stringOption, seedOption } from '../args';
import type { Command, Table } from '../command';
import { checkOutputPath, readTextFile } from '../files';
import { checkRunLength, checkSynapses } from '../limits';
import { readProjectOption } from '../project';
import { CUBA } from '../../core/bio/cuba';

const WHAT = ['cuba', 'network'] as const;
const TO = ['brian2', 'pynn'] as const;

const CUBA_ONLY = ['neurons'];
const NETWORK_ONLY = ['project', 'network', 'dataset', 'inputs', 'neuron', 'reset', 'leak', 'norm', 'encoding', 'iters'];

function readNetwork(file: string): NetworkFile {
  return parseNetworkFileText(readTextFile('--network', file, 'network file'), 'network');
}

/** Per-population comparison of Soma's counts with Brian2's. */
interface CheckRow {
  population: string;
  neurons: number;
  soma_spikes: number;
  /** The other simulator's spikes (Brian2, or PyNN on its Brian2 backend). */
  brian2_spikes: number;
  /** brian2 / soma - 1 (null when Soma had no spikes). */
  relative_difference: number | null;
  /** Largest |count difference| of one neuron. */
  max_neuron_difference: number;
  /** Fraction of neurons with equal counts. */
  equal_neurons: number;
}

function argmaxCounts(counts: ArrayLike<number>, b: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (counts[b * k + j] > counts[b * k + best]) best = j;
  return best;
}

/** Notes wrapped at `width` and padded to it, so the right-aligned table shows them flush left. */
function wrapNotes(notes: readonly string[], width: number): string[] {
  const lines: string[] = [];
  for (const note of notes) {
    let line = '-';
    for (const word of note.split(' ')) {
      if (line.length + 1 + word.length > width) {
        lines.push(line);
        line = ' ';
      }
      line += ` ${word}`;
    }
    lines.push(line);
  }
  const w = Math.max(0, ...lines.map((l) => l.length));
  return lines.map((l) => l.padEnd(w));
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'write a network as a Brian2 or PyNN script (CUBA, or a converted ANN for a batch of inputs); --check runs both and compares',
  examples: [
    'npx soma export --what cuba --neurons 4000 --duration 1000 --dt 0.1 --seed 1 --out cuba.py',
    'npx soma export --what network --network net.json --dataset spiral --inputs 10 --duration 200 --out spiral.py --check --format json',
    'npx soma export --what network --dataset spiral --inputs 5 --out spiral.py --target numpy --arrays inline',
    'npx soma export --to pynn --what cuba --neurons 4000 --out soma-pynn.py   (then: mpirun -np 4 python3 soma-pynn.py --simulator nest)',
    'npx soma export --to pynn --what network --dataset spiral --neuron lif --reset zero --inputs 10 --out soma-pynn.py --check',
  ],
  options: {
    what: { kind: 'string', value: WHAT.join('|'), help: 'which network: the CUBA benchmark, or a converted ANN (required)' },
    to: { kind: 'string', value: TO.join('|'), default: 'brian2', help: 'Brian2 2.5 script, or PyNN 0.10 script (runs on NEST, NEURON, Brian2, SpiNNaker: --simulator)' },
    approximate: { kind: 'boolean', help: "pynn: use the closest standard cell where none is Soma's model (reset by subtraction, non-leaky IF, HH); the script says so" },
    out: { kind: 'string', value: 'FILE.py', help: 'the script to write; large arrays go to FILE.npz beside it (required)' },
    duration: { kind: 'string', value: 'MS', help: 'simulated time, ms (default 1000 for cuba, 200 for network)' },
    dt: { kind: 'string', value: 'MS', help: 'time step, ms (default 0.1 for cuba, 1 for network)' },
    seed: { kind: 'string', value: 'N', help: 'cuba: connectivity and initial V (default 1); network: data, split, training, Poisson input (default 0)' },
    neurons: { kind: 'string', value: 'N', default: '4000', help: 'cuba: neurons (80% excitatory)' },
    project: { kind: 'string', value: 'FILE', help: 'network: a project saved by the page (lesson.soma.json): its network, and its data set, neuron, norm and encoding where not given' },
    network: { kind: 'string', value: 'FILE', help: 'network: trained network file (soma train --save); without it one is trained with the backprop defaults' },
    dataset: { kind: 'string', value: CONVERT_DATASETS.join('|'), default: 'spiral', help: 'network: data set (normalisation on its training split, inputs from its held-out split)' },
    inputs: { kind: 'string', value: 'N', default: '10', help: 'network: how many held-out inputs make the batch (a stratified, seeded sample: every class; population layer l holds N x units neurons)' },
    iters: { kind: 'string', value: 'N', help: 'network: training iterations when no --network is given (default: the backprop default)' },
    neuron: { kind: 'string', value: SPIKING_NEURONS.join('|'), default: 'if', help: 'network: integrate-and-fire (reset by subtraction) or leaky (tau 20 ms), see --reset and --leak' },
    reset: { kind: 'string', value: LEAKY_RESETS.join('|'), default: 'subtract', help: "network, lif: reset by subtracting the threshold or to zero (zero is PyNN's standard cell exactly)" },
    leak: { kind: 'string', value: LEAK_COMPENSATIONS.join('|'), default: 'mean with --reset subtract, none with zero', help: 'network, lif: add back the mean leak per step as a bias, or not' },
    norm: { kind: 'string', value: NORMALISATIONS.join('|'), default: 'max', help: 'network: weight normalisation' },
    encoding: { kind: 'string', value: INPUT_ENCODINGS.join('|'), default: 'current', help: 'network: input as constant current or Poisson spikes (Brian2 draws its own)' },
    target: { kind: 'string', value: BRIAN2_TARGETS.join('|'), default: 'cython', help: "brian2: the script's default Brian2 code generation target" },
    arrays: { kind: 'string', value: ARRAY_STORAGES.join('|'), default: 'auto', help: 'arrays inline in the script (base64), in FILE.npz, or inline up to 1 MiB' },
    'counts-only': { kind: 'boolean', help: 'the script prints spike counts per neuron only, not every spike time' },
    check: { kind: 'boolean', help: 'also run Soma and the script (Brian2, numpy target; PyNN on Brian2) and compare spike counts' },
  },
  async run(options, context) {
    const what = stringOption(options, 'what');
    if (what === undefined) throw new ParameterError('--what', undefined, `one of ${WHAT.join(', ')}`);
    const kind = choiceOption(options, 'what', WHAT, 'cuba');
    const out = stringOption(options, 'out');
    if (out === undefined || !/\.py$/.test(out) || basename(out) === '.py') throw new ParameterError('--out', out, 'a file name ending in .py');
    checkOutputPath('--out', out);
    for (const o of kind === 'cuba' ? NETWORK_ONLY : CUBA_ONLY) {
      if (options[o] !== undefined) throw new ParameterError(`--${o}`, options[o], `nothing with --what ${kind}`);
    }
    const durationMs = numberOption(options, 'duration', kind === 'cuba' ? 1000 : 200, { min: 0, minExclusive: true, max: 1e7 });
    const dtMs = numberOption(options, 'dt', kind === 'cuba' ? 0.1 : 1, { min: 0, minExclusive: true, max: 10 });
    const seed = seedOption(options, kind === 'cuba' ? 1 : 0);
    const to = choiceOption(options, 'to', TO, 'brian2');
    if (to === 'pynn' && options.target !== undefined) throw new ParameterError('--target', options.target, 'nothing with --to pynn (the script takes --simulator)');
    if (to === 'brian2' && options.approximate !== undefined) throw new ParameterError('--approximate', true, 'nothing with --to brian2 (Brian2 runs every Soma model as it is)');
    const target = choiceOption(options, 'target', BRIAN2_TARGETS, 'cython');
    const arrays = choiceOption(options, 'arrays', ARRAY_STORAGES, 'auto');
    const check = options.check === true;
    if (check && !hasBrian2()) {
      throw new ParameterError('--check', true, `a Python with Brian2 (${brian2Python()} cannot import brian2; Debian: apt-get install python3-brian, or set SOMA_BRIAN2_PYTHON)`);
    }
    if (check && to === 'pynn' && !hasPynn()) {
      throw new ParameterError('--check', true, `a Python with PyNN (${brian2Python()} cannot import pyNN.brian2; Debian: apt-get install python3-pynn)`);
    }

    let net: ExportableNetwork;
    let classes: { k: number; batch: number; ann: number[]; labels: number[]; output: string } | null = null;
    if (kind === 'cuba') {
      const neurons = numberOption(options, 'neurons', 4000, { min: 1, max: 1_000_000, integer: true });
      checkSynapses('--neurons', neurons, neurons * neurons * CUBA.p);
      checkRunLength(durationMs, dtMs, neurons);
      net = cubaForExport({ neurons, dtMs, seed });
    } else {
      const projectNetwork = readProjectOption(options); // --project: its network, and its settings where options are absent
      const file = stringOption(options, 'network');
      const network = file !== undefined ? readNetwork(file) : projectNetwork ?? undefined;
      if (network && options.iters !== undefined) throw new ParameterError('--iters', options.iters, 'nothing with --network (the file is already trained)');
      const ds = network?.dataset ?? {};
      context.progress(network ? 'converting the network' : 'training the network');
      const c = await convertedForExport({
        dataset: choiceOption(options, 'dataset', CONVERT_DATASETS, 'spiral'),
        network,
        train: options.iters !== undefined ? { iters: numberOption(options, 'iters', 1, { min: 1, max: 1e9, integer: true }) } : {},
        conversion: {
          neuron: choiceOption(options, 'neuron', SPIKING_NEURONS, 'if'),
          reset: choiceOption(options, 'reset', LEAKY_RESETS, 'subtract'),
          ...(options.leak !== undefined ? { leak: choiceOption(options, 'leak', LEAK_COMPENSATIONS, 'mean') } : {}),
          norm: choiceOption(options, 'norm', NORMALISATIONS, 'max'),
          encoding: choiceOption(options, 'encoding', INPUT_ENCODINGS, 'current'),
          dtMs,
        },
        inputs: numberOption(options, 'inputs', 10, { min: 1, max: 100_000, integer: true }),
        seed,
        dataSeed: typeof ds.seed === 'number' ? ds.seed : undefined,
        testFraction: typeof ds.testFraction === 'number' && ds.testFraction > 0 && ds.testFraction < 1 ? ds.testFraction : undefined,
      });
      net = c;
      classes = { k: c.units[c.units.length - 1], batch: c.labels.length, ann: Array.from(c.annClasses), labels: Array.from(c.labels), output: c.layers[c.layers.length - 1].name };
    }

    const common = {
      durationMs, arrays, seed,
      dataFile: basename(out).replace(/\.py$/, '.npz'),
      spikeTimes: options['counts-only'] !== true,
      title: kind === 'cuba' ? 'CUBA network (Brette et al. 2007)' : `Converted ANN (${net.metadata.dataset}, ${net.metadata.batch} inputs)`,
      metadata: net.metadata,
    };
    // one view of either export: what was written, and how to run the other simulator
    let exp: Brian2Export | PynnExport, files: string[], pops: { name: string; model: string; size: number; object: string }[];
    let syns: { name: string; pre: string; post: string; count: number; kind: string }[], notes: string[];
    let runOther: () => { simulator: string; counts: Record<string, { counts: number[] }> };
    if (to === 'brian2') {
      const b = toBrian2Script(net.network, { ...common, target });
      exp = b;
      files = writeBrian2Export(b, out);
      pops = b.populations.map((p) => ({ name: p.brian2Name, model: p.model, size: p.size, object: p.group }));
      syns = b.synapses.map((q) => ({ name: q.brian2Name, pre: q.pre, post: q.post, count: q.count, kind: q.kind }));
      notes = b.notes;
      runOther = () => { const r = runBrian2Export(b, 'numpy', out); return { simulator: `${r.simulator} (numpy)`, counts: r.populations }; };
    } else {
      const p = toPynnScript(net.network, { ...common, approximate: options.approximate === true });
      exp = p;
      files = writePynnExport(p, out);
      pops = p.populations.map((q) => ({ name: q.pynnName, model: q.model, size: q.size, object: q.cell }));
      syns = p.projections.map((q) => ({ name: q.pynnName, pre: q.pre, post: q.post, count: q.count, kind: `${q.kind}, ${q.receptor}` }));
      notes = [...p.approximations.map((a) => `closest standard cell, not the same model: ${a}`), ...p.notes];
      runOther = () => { const r = runPynnExport(p, 'brian2', out).result; return { simulator: `PyNN ${r.pynn} on Brian2`, counts: r.populations }; };
    }
    const json: Record<string, unknown> = {
      out, files, to,
      populations: pops.map((p) => ({ name: p.name, model: p.model, size: p.size, [to === 'brian2' ? 'group' : 'cell']: p.object })),
      synapses: syns,
      neurons: pops.reduce((n, p) => n + p.size, 0),
      synapse_count: syns.reduce((n, q) => n + q.count, 0),
      duration_ms: exp.durationMs, dt_ms: exp.dtMs, steps: exp.steps, ...(to === 'brian2' ? { target } : { approximations: (exp as PynnExport).approximations }),
      arrays: exp.dataFile ? 'npz' : 'inline',
      notes,
    };
    const run = to === 'brian2' ? `${brian2Python()} ${out}` : `${brian2Python()} ${out} --simulator brian2|nest|neuron|spinnaker`;
    const tables: Table[] = [
      {
        title: `wrote ${files.join(' and ')}: ${json.neurons} neurons, ${json.synapse_count} synapses, ${exp.steps} steps of ${exp.dtMs} ms (run: ${run})`,
        columns: ['population', 'model', 'neurons', to === 'brian2' ? 'brian2' : 'pynn_cell'],
        rows: pops.map((p) => [p.name, p.model, p.size, p.object]),
      },
      { title: 'synapses', columns: ['name', 'pre', 'post', 'synapses', 'kind'], rows: syns.map((q) => [q.name, q.pre, q.post, q.count, q.kind]) },
      { title: 'what differs from Soma', columns: ['note'], rows: wrapNotes(notes, 100).map((line) => [line]) },
    ];

    if (check) {
      context.progress('running Soma');
      const monitors = net.network.populations.map((p) => net.network.addMonitor(new SpikeMonitor(p)));
      const t0 = performance.now();
      net.network.run(durationMs);
      const somaMs = performance.now() - t0;
      context.progress(to === 'brian2' ? `running Brian2 (${brian2Python()}, numpy target)` : `running PyNN (${brian2Python()}, Brian2 backend)`);
      const t1 = performance.now();
      let result;
      try {
        result = runOther();
      } catch (e) {
        if (e instanceof SomaRuntimeError) throw e;
        throw new SomaRuntimeError(`${to === 'brian2' ? 'Brian2' : 'PyNN'} run failed: ${(e as Error).message}`);
      }
      const brian2Ms = performance.now() - t1;
      const rows: CheckRow[] = [];
      const countsByName = new Map<string, { soma: Int32Array; brian2: number[] }>();
      net.network.populations.forEach((p, k) => {
        const name = pops[k].name;
        const soma = new Int32Array(p.size);
        for (const i of monitors[k].indices) soma[i]++;
        const brian2 = result.counts[name].counts;
        countsByName.set(p.name, { soma, brian2 });
        let s = 0, b = 0, maxDiff = 0, equal = 0;
        for (let i = 0; i < p.size; i++) {
          s += soma[i]; b += brian2[i];
          maxDiff = Math.max(maxDiff, Math.abs(soma[i] - brian2[i]));
          if (soma[i] === brian2[i]) equal++;
        }
        rows.push({ population: name, neurons: p.size, soma_spikes: s, brian2_spikes: b, relative_difference: s ? b / s - 1 : null, max_neuron_difference: maxDiff, equal_neurons: equal / p.size });
      });
      const checkJson: Record<string, unknown> = { simulator: result.simulator, soma_run_ms: somaMs, brian2_process_ms: brian2Ms, populations: rows };
      if (classes) {
        const c = countsByName.get(classes.output)!;
        const soma = Array.from({ length: classes.batch }, (_, b) => argmaxCounts(c.soma, b, classes!.k));
        const brian2 = Array.from({ length: classes.batch }, (_, b) => argmaxCounts(c.brian2, b, classes!.k));
        const acc = (pred: number[]) => pred.filter((p, b) => p === classes!.labels[b]).length / classes!.batch;
        checkJson.classes = { labels: classes.labels, ann: classes.ann, soma, brian2, ann_acc: acc(classes.ann), soma_acc: acc(soma), brian2_acc: acc(brian2), soma_brian2_agreement: soma.filter((p, b) => p === brian2[b]).length / classes.batch };
      }
      json.check = checkJson;
      tables.push({
        title: `check: Soma ${somaMs.toFixed(0)} ms, ${result.simulator} ${brian2Ms.toFixed(0)} ms (process, with import and code generation)`,
        columns: ['population', 'neurons', 'soma_spikes', `${to}_spikes`, 'relative_difference', 'max_neuron_difference', 'equal_neurons'],
        rows: rows.map((r) => [r.population, r.neurons, r.soma_spikes, r.brian2_spikes, r.relative_difference === null ? null : Number(r.relative_difference.toPrecision(4)), r.max_neuron_difference, Number(r.equal_neurons.toPrecision(4))]),
      });
      if (checkJson.classes) {
        const cl = checkJson.classes as Record<string, number>;
        tables.push({ title: 'classes of the batch (argmax of output spike counts)', columns: ['measure', 'value'], rows: [['ann accuracy', cl.ann_acc], ['soma accuracy', cl.soma_acc], [`${to} accuracy`, cl.brian2_acc], [`soma/${to} agreement`, cl.soma_brian2_agreement]] });
      }
    }
    net.network.dispose();
    return { json, tables };
  },
};
