/**
 * Export of a spiking `Network` of the engine (bio/network.ts) as a PyNN 0.10 script: the field's
 * simulator-independent standard, so the same file runs on NEST (MPI, clusters), NEURON, Brian2
 * and SpiNNaker (`python3 soma-pynn.py --simulator brian2|nest|neuron|spinnaker`).
 *
 * The script builds the same network with PyNN's standard cells: one Population per population
 * (the cell and its parameters from the soma model's declaration, bio/declaration.ts `pynn`,
 * read in pynn-cells.ts), the initial state, constant input as `i_offset`, one Projection per
 * projection and sign of weight with every synapse listed (FromListConnector: weight, delay),
 * records spikes, runs, and prints one JSON document with every neuron's spike count (and the
 * spike times), like the Brian2 script (brian2.ts), so the runs can be compared.
 *
 * Where a standard cell is not the same model (reset by subtraction, a non-leaky
 * integrate-and-fire, Soma's Hodgkin-Huxley, Izhikevich with other coefficients), the export is
 * refused with ParameterError naming the population and the reason, unless `approximate` is set:
 * then the closest standard cell is used and the script prints that reason on one line (stderr)
 * each run and lists it under `approximations` in its JSON.
 *
 * Timing. PyNN's delay is Soma's: a spike of step n with a delay of d steps acts in step n + d
 * (NEST's semantics). PyNN's Brian2 backend delivers it one step later (Brian2 runs synapses
 * after the threshold of the step a delay elapses, and resets after them, so a jump that arrives
 * in the step a neuron fires is lost); on `--simulator brian2` the script therefore subtracts one
 * step from every Brian2 delay and runs Brian2's resets before its synapses, the order Soma's
 * step has (measured: converted networks equal spike counts, see pynn.test.ts).
 */
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { ParameterError } from '../errors';
import { checkExportOptions, type CommonExportOptions } from './export-options';
import { base64, dtypeOf, littleEndianBytes, npz, type ExportArray } from './brian2-npz';
import { identifier, pyNumber, pyString, pyText, ScriptBuilder } from './brian2-python';
import { pyLabel, pynnPopulation, pynnProjection, type PynnGroup, type PynnPopulation, type PynnProjection } from './pynn-cells';

export type { PynnPopulation, PynnProjection } from './pynn-cells';

export const PYNN_SIMULATORS = ['brian2', 'nest', 'neuron', 'spinnaker'] as const;
/** The PyNN backends the script offers (`--simulator`); only brian2 is run here. */
export type PynnSimulator = (typeof PYNN_SIMULATORS)[number];

/** PyNN's options: the shared ones (export-options.ts) and these. */
export interface PynnExportOptions extends CommonExportOptions {
  /** Use the closest standard cell where none is the same model (default false: refuse). */
  approximate?: boolean;
  title?: string;
  /** JSON-able data printed with the results under `metadata`. */
  metadata?: Record<string, unknown>;
}

export interface PynnExport {
  script: string;
  arrays: Map<string, ExportArray>;
  data: Uint8Array | null;
  dataFile: string | null;
  populations: PynnPopulation[];
  projections: PynnProjection[];
  dtMs: number;
  steps: number;
  durationMs: number;
  /** `population: reason` for each population exported with its closest standard cell. */
  approximations: string[];
  /** How a PyNN run may differ from Soma's, in words (also in the script's docstring). */
  notes: string[];
}

/**
 * Exports `network` (not yet run: its present state is the initial state) as a PyNN script.
 * @throws ParameterError for what PyNN's standard cells cannot run (see the module comment)
 */
export function toPynnScript(network: Network, options: PynnExportOptions): PynnExport {
  const { dt, steps, storage, inlineLimit, seed, dataFile, spikeTimes } = checkExportOptions(network, options, 2 ** 31 - 1);

  const b = new ScriptBuilder();
  const used = new Set<string>(['sim', 'np', 'json', 'projections']);
  const body: string[] = [];
  const groups = new Map<Population, PynnGroup>();
  for (const pop of network.populations) groups.set(pop, pynnPopulation(pop, identifier(pop.name, used), network, b, body));
  const populations = [...groups.values()].map((g) => g.info);
  const approximations = populations.filter((p) => p.inexact).map((p) => `${p.name}: ${p.inexact}`);
  if (approximations.length && !options.approximate) {
    const p = populations.find((q) => q.inexact)!;
    throw new ParameterError(`population ${p.name}`, p.model, `a model a PyNN standard cell expresses exactly (${p.inexact}); add --approximate to use it anyway`);
  }
  body.push('', '    projections = []');
  const projections: PynnProjection[] = [];
  for (const p of network.projections) projections.push(...pynnProjection(p, groups, b, used, body, dt));

  let totalBytes = 0;
  for (const a of b.arrays.values()) totalBytes += a.byteLength;
  const useNpz = storage === 'npz' || (storage === 'auto' && totalBytes > inlineLimit);
  const notes = [
    'Spike times: simulators test the threshold at the end of each step (Soma: LIF solves the crossing inside the step), so spike times differ by less than dt; chaotic networks (CUBA) agree in statistics, not spike for spike.',
    ...(populations.some((p) => p.cell === 'SpikeSourcePoisson') ? ["Poisson sources: the simulator's own random numbers (SEED): the same statistics, not the same spikes."] : []),
    ...(populations.some((p) => p.cell === 'IF_curr_delta') ? ["Threshold: PyNN's cells fire when v > v_thresh (Soma: >=), which differs only when v lands on the threshold exactly."] : []),
  ];
  const pops = [...groups.values()];
  const script = [
    '#!/usr/bin/env python3',
    `"""${pyText(options.title ?? 'Soma network')}, exported by Soma for PyNN 0.10.`,
    '',
    'Run it with a Python that has PyNN and one of its simulators:',
    '',
    '    python3 THIS_FILE.py [--simulator brian2|nest|neuron|spinnaker] [--duration MS]',
    '    mpirun -np 4 python3 THIS_FILE.py --simulator nest',
    '',
    useNpz ? `Arrays are read from ${dataFile} beside this file.` : 'Arrays are stored at the end of this file (base64, little-endian).',
    'It prints one JSON document on stdout (on MPI rank 0):',
    '  {"simulator", "pynn", "dt_ms", "steps", "duration_ms", "approximations", "metadata",',
    '   "populations": {NAME: {"size", "cell", "spikes", "counts": [per neuron], "i": [...], "t_ms": [...]}}}',
    '',
    `dt = ${pyNumber(dt)} ms, ${steps} steps (${pyNumber(steps * dt)} ms).`,
    'Populations:',
    ...populations.map((p) => `  ${p.pynnName}: ${p.size} x ${pyText(p.model)} as ${p.cell}${p.inexact ? ' (closest standard cell)' : ''}`),
    'Projections:',
    ...(projections.length ? projections.map((s) => `  ${s.pynnName}: ${s.pre} -> ${s.post}, ${s.count} synapses, ${s.kind}, ${s.receptor}`) : ['  (none)']),
    '',
    'Same as Soma: the graph (every synapse, weight and delay), the initial state, constant input.',
    ...(approximations.length ? ['Closest standard cells (not the same model):', ...approximations.map((a) => `  - ${pyText(a)}`)] : []),
    'What differs:',
    ...notes.map((n) => `  - ${pyText(n)}`),
    '"""',
    'import argparse',
    'import base64',
    'import importlib',
    'import json',
    'import os',
    'import sys',
    'import warnings',
    '',
    'import numpy as np',
    '',
    `DT_MS = ${pyNumber(dt)}  # Soma's fixed time step`,
    `STEPS = ${steps}  # steps to run: ${pyNumber(steps * dt)} ms`,
    `SEED = ${seed}  # seed of the simulator's own random numbers (Poisson sources)`,
    `SPIKE_TIMES = ${spikeTimes ? 'True' : 'False'}  # print every spike's neuron and time, not only the counts`,
    `METADATA = json.loads(${pyString(JSON.stringify(options.metadata ?? {}))})`,
    `APPROXIMATIONS = [${approximations.map(pyLabel).join(', ')}]  # populations run with their closest standard cell`,
    `_DATA_FILE = ${useNpz ? pyString(dataFile) : 'None'}  # companion .npz beside this script (None: arrays are inline below)`,
    "BACKENDS = {'brian2': 'pyNN.brian2', 'nest': 'pyNN.nest', 'neuron': 'pyNN.neuron', 'spinnaker': 'pyNN.spiNNaker'}",
    '_data = None',
    '',
    '',
    'def _array(name):',
    '    """An array of this export: from the companion .npz, or base64 of little-endian bytes in _INLINE (end of file)."""',
    '    global _data',
    '    if _DATA_FILE is not None:',
    '        if _data is None:',
    '            _data = np.load(os.path.join(os.path.dirname(os.path.abspath(__file__)), _DATA_FILE))',
    '        return _data[name]',
    '    dtype, text = _INLINE[name]',
    '    return np.frombuffer(base64.b64decode(text), dtype=dtype)',
    '',
    '',
    'def _spike_times(sim, n, indices, steps):',
    '    """Spike times per neuron (ms): the start of the step on which Soma fires each listed spike."""',
    '    return [sim.Sequence(np.sort(steps[indices == k]) * DT_MS) for k in range(n)]',
    '',
    '',
    'def _project(sim, pre, post, i, j, w, delay_steps, receptor, label):',
    '    """Every synapse listed: (pre, post, weight, delay in ms); Soma\'s delay of d steps is d dt."""',
    '    conns = np.column_stack([i, j, w, delay_steps * DT_MS])',
    "    connector = sim.FromListConnector(conns, column_names=['weight', 'delay'])",
    '    return sim.Projection(pre, post, connector, sim.StaticSynapse(), receptor_type=receptor, label=label)',
    '',
    '',
    'def _brian2_as_soma(sim, projections):',
    '    """PyNN\'s Brian2 backend acts on a spike one step after NEST and Soma, and resets after its',
    '    synapses (a jump that arrives in the step a neuron fires is lost): one step less of delay, and',
    '    resets before synapses, give Soma\'s step (deliver, integrate, threshold, reset)."""',
    '    import brian2',
    "    sim.state.network.schedule = ['start', 'groups', 'thresholds', 'resets', 'synapses', 'end']",
    '    for prj in projections:',
    '        for row in prj._brian2_synapses.values():',
    '            for syn in row.values():',
    '                if len(syn) > 0:',
    '                    syn.delay = syn.delay[:] - DT_MS * brian2.ms',
    '',
    '',
    'def _brian2_no_zero_refractory():',
    '    """Brian2 makes every write to v conditional on not_refractory once a group has a refractory',
    "    period, even 0 ms, and not_refractory is False from a neuron's spike to the next state update:",
    '    a jump that arrives in the step a neuron fired is dropped (measured). Soma and NEST keep it; a',
    '    tau_refrac of 0 is therefore given to Brian2 as no refractoriness at all."""',
    '    import brian2',
    "    cells = importlib.import_module('pyNN.brian2.cells')",
    '',
    '    def is_zero(x):',
    '        return not isinstance(x, (bool, str)) and bool(np.all(np.asarray(x) == 0))',
    '    init = brian2.NeuronGroup.__init__',
    '',
    '    def no_zero(self, *args, refractory=False, **kwargs):',
    '        init(self, *args, refractory=False if is_zero(refractory) else refractory, **kwargs)',
    '    brian2.NeuronGroup.__init__ = no_zero',
    '    prop = cells.BaseNeuronGroup.tau_refrac',
    '',
    '    def set_refrac(self, value):',
    "        if not (getattr(self, '_refractory', None) is False and is_zero(value)):",
    '            prop.fset(self, value)',
    '    cells.BaseNeuronGroup.tau_refrac = property(prop.fget, set_refrac)',
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])',
    "    parser.add_argument('--simulator', choices=sorted(BACKENDS), default='brian2')",
    "    parser.add_argument('--duration', type=float, default=STEPS * DT_MS, help='simulated time, ms')",
    '    args = parser.parse_args()',
    '    for line in APPROXIMATIONS:',
    "        sys.stderr.write('soma-pynn: closest standard cell, not the same model: ' + line + '\\n')",
    "    warnings.filterwarnings('ignore')",
    "    if args.simulator == 'brian2':",
    '        import brian2',
    "        # PyNN 0.10's SpikeSourceArray runs on Brian2's default clock (0.1 ms): give it Soma's dt",
    '        brian2.defaultclock.dt = DT_MS * brian2.ms',
    '        brian2.seed(SEED)',
    "        brian2.prefs.logging.console_log_level = 'ERROR'",
    '        _brian2_no_zero_refractory()',
    '    sim = importlib.import_module(BACKENDS[args.simulator])',
    "    extra = {'rng_seed': SEED} if args.simulator == 'nest' else {}",
    '    sim.setup(timestep=DT_MS, min_delay=DT_MS, **extra)',
    ...body,
    '',
    "    if args.simulator == 'brian2':",
    '        _brian2_as_soma(sim, projections)',
    '    populations = [',
    ...pops.map((g) => `        (${pyString(g.info.pynnName)}, ${pyString(g.info.cell)}, ${g.py}),`),
    '    ]',
    '    for _, _, pop in populations:',
    "        pop.record('spikes')",
    '    steps = int(round(args.duration / DT_MS))',
    '    sim.run(steps * DT_MS)',
    '',
    "    result = {'simulator': args.simulator, 'pynn': importlib.import_module('pyNN').__version__, 'dt_ms': DT_MS, 'steps': steps,",
    "              'duration_ms': steps * DT_MS, 'approximations': APPROXIMATIONS, 'metadata': METADATA, 'populations': {}}",
    '    for name, cell, pop in populations:',
    "        trains = pop.get_data('spikes', gather=True).segments[0].spiketrains",
    '        counts = [0] * pop.size',
    '        spikes_i, spikes_t = [], []',
    '        for k, train in enumerate(trains):',
    "            index = int(train.annotations.get('source_index', k))",
    '            counts[index] = len(train)',
    '            if SPIKE_TIMES:',
    '                spikes_i += [index] * len(train)',
    "                spikes_t += np.round(np.asarray(train.rescale('ms').magnitude, dtype=float), 6).tolist()",
    "        entry = {'size': pop.size, 'cell': cell, 'spikes': sum(counts), 'counts': counts}",
    '        if SPIKE_TIMES:',
    "            entry['i'] = spikes_i",
    "            entry['t_ms'] = spikes_t",
    "        result['populations'][name] = entry",
    '    if sim.rank() == 0:',
    "        sys.stdout.write(json.dumps(result) + '\\n')",
    '    sim.end()',
    '',
    '',
    ...inlineBlock(useNpz ? null : b.arrays),
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');
  return {
    script, arrays: b.arrays, data: useNpz ? npz(b.arrays) : null, dataFile: useNpz ? dataFile : null,
    populations, projections, dtMs: dt, steps, durationMs: steps * dt, approximations, notes,
  };
}

function inlineBlock(arrays: Map<string, ExportArray> | null): string[] {
  if (arrays === null) return ['_INLINE = {}  # arrays are in the companion .npz'];
  const lines = ['# Arrays of this export: name -> (numpy dtype, base64 of the little-endian bytes).', '_INLINE = {'];
  for (const [name, a] of arrays) lines.push(`    ${pyString(name)}: (${pyString(dtypeOf(a))}, ${pyString(base64(littleEndianBytes(a)))}),`);
  lines.push('}');
  return lines;
}
