/**
 * Export of a spiking `Network` of the engine (bio/network.ts) as a Brian2 2.5 Python script: for
 * networks that outgrow the browser (Brian2 runs them in C++, or on GPUs through Brian2GeNN).
 *
 * The script builds the same network: one NeuronGroup (or PoissonGroup / SpikeGeneratorGroup)
 * per population with the same equations, threshold, reset and refractory period, one Synapses
 * per projection with its synapses listed explicitly (`connect(i=..., j=...)`, per-synapse
 * weights and delays), the initial state of every neuron, a SpikeMonitor per population, and
 * `run(steps * dt)`; at the end it prints one JSON document with the spike counts per neuron (and
 * the spike times) of every population, so Soma's run and Brian2's can be compared. Everything
 * random in Soma (connectivity, initial potentials) is exported as data, so both simulate the
 * same graph from the same state.
 *
 * Each population's group is generated from its soma model's declaration (bio/declaration.ts,
 * found in bio/registry.ts by the soma's `model`; brian2-groups.ts): its neutral equations,
 * constants, threshold, reset, refractoriness, integration and how input enters. Stimuli and
 * projections are read by their `kind` (brian2-groups.ts, brian2-synapses.ts). No soma, stimulus
 * or projection class is named here: a new soma model is exported once it declares its equations.
 *
 * How each piece maps (the same arithmetic wherever Brian2 can express it):
 *  - LIF: `dv/dt = (-(v - v_rest) + I_in)/tau_m (unless refractory)` with exponential synaptic
 *    currents `dg/dt = -g/tau_syn`, method `exact`: the same linear system Soma integrates
 *    exactly. What differs is the time grid of spikes: Brian2 tests `v >= v_thresh` at the end of
 *    each step, records the step's start and counts the refractory period from there; Soma solves
 *    the crossing inside the step and starts the refractory period at it. Spike times therefore
 *    differ by less than dt, and a chaotic network (CUBA) agrees in statistics, not spike by spike.
 *  - Izhikevich: scheme `published` as a `run_regularly` of the paper's two half steps (the form
 *    that matched Soma spike for spike, scripts/brian2/izhikevich_reference.py); `euler` as
 *    Brian2's `euler`. Hodgkin-Huxley: Brian2's `rk4` / `exponential_euler` on the same equations.
 *  - The discrete-time somas (the conversion's integrate-and-fire `IntegrateSoma`, the spiking
 *    ReLU) are maps, not differential equations: exported as `run_regularly` code that performs
 *    Soma's update statement by statement, so the arithmetic is the same up to the order in which
 *    Brian2's code generation sums terms (rounding at 1e-16).
 *  - Synapses: Soma's delay of d steps (d >= 1) is Brian2's delay (d - 1) dt: Brian2's `on_pre`
 *    runs after the thresholds of the step and is first seen by the next update, exactly Soma's
 *    one-step minimum. Delta synapses jump `v` (LIF: not while refractory, as Soma discards them);
 *    on the discrete somas they go through a `jump` variable added before the next update, as
 *    Soma's dendrite does. Exponential synapses onto somas other than LIF enter Soma's step as
 *    `factor * g` (the step average) and then decay by e^(-dt/tau): exported as that, with the
 *    decay in a `run_regularly` after the state update, not as an ODE Brian2 would integrate
 *    differently.
 *  - Sources: Poisson as PoissonGroup (same per-step probability, Brian2's own random numbers);
 *    spike lists as SpikeGeneratorGroup, on the steps Soma fires them.
 *  - Dendrite biases and constant stimuli become a per-neuron constant `I_bias`; deterministic
 *    time-varying stimuli (step, pulse, ramp, sine) a TimedArray on the step grid, read into
 *    `I_stim` at the start of each step (Soma holds I(t_n) over step n).
 * Refused with ParameterError (never approximated): rate somas, noise stimuli (any stimulus kind
 * without a rule), somas whose model the registry does not know, projections onto sources, a
 * network that has already run.
 *
 * Arrays (indices, weights, delays, initial states) that are not all equal are stored as base64
 * of little-endian bytes at the end of the script (`arrays: 'inline'`: one self-contained file),
 * or in a companion `.npz` beside the script (`'npz'`); `'auto'` (the default) inlines up to
 * `inlineLimitBytes` (1 MiB) in total and uses the `.npz` above that.
 */
import { declarationOf } from '../bio/registry';
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { checkChoice } from '../errors';
import { checkExportOptions, type CommonExportOptions } from './export-options';
import { exportPopulation, type GroupInfo } from './brian2-groups';
import { base64, dtypeOf, littleEndianBytes, npz, type ExportArray } from './brian2-npz';
import { identifier, pyNumber, pyString, pyText, ScriptBuilder } from './brian2-python';
import { exportProjection, type ExportedSynapses } from './brian2-synapses';

export { pyNumber } from './brian2-python';
export { synapseList, type ExportedSynapses } from './brian2-synapses';

export const BRIAN2_TARGETS = ['numpy', 'cython', 'cpp_standalone'] as const;
/** Brian2's code generation target: numpy (no compiler), cython (runtime), C++ standalone. */
export type Brian2Target = (typeof BRIAN2_TARGETS)[number];

export { ARRAY_STORAGES, type ArrayStorage } from './export-options';

/** Brian2's options: the shared ones (export-options.ts; the seed is Brian2's own random numbers', Poisson groups) and these. */
export interface Brian2ExportOptions extends CommonExportOptions {
  /** Default code generation target of the script (its `--target` overrides it). Default `cython`. */
  target?: Brian2Target;
  /** First line of the script's docstring. */
  title?: string;
  /** JSON-able data printed with the results under `metadata` (e.g. the batch layout, labels). */
  metadata?: Record<string, unknown>;
}

/** One exported population. */
export interface ExportedPopulation {
  name: string;
  /** Brian2 name (a Python identifier) and the script's key in the printed JSON. */
  brian2Name: string;
  /** Soma model (`lif`, `izhikevich`, `hh`, `if-subtract`, `spiking-relu`, `poisson`, ...). */
  model: string;
  size: number;
  /** The Brian2 object: NeuronGroup, PoissonGroup or SpikeGeneratorGroup. */
  group: string;
}

export interface Brian2Export {
  /** The Python script. */
  script: string;
  /** Every array the script reads, by name (also when inlined). */
  arrays: Map<string, ExportArray>;
  /** The companion .npz bytes when arrays are stored there, else null. */
  data: Uint8Array | null;
  /** The .npz's file name (beside the script), or null. */
  dataFile: string | null;
  populations: ExportedPopulation[];
  synapses: ExportedSynapses[];
  dtMs: number;
  steps: number;
  /** steps * dt, ms. */
  durationMs: number;
  /** How Brian2's run may differ from Soma's, in words (also in the script's docstring). */
  notes: string[];
}

/**
 * Exports `network` as a Brian2 script. The network must not have run (step 0, as built or after
 * `reset()`): its present state is the initial state written into the script.
 * @throws ParameterError for what Brian2 cannot run the same way (see the module comment)
 */
export function toBrian2Script(network: Network, options: Brian2ExportOptions): Brian2Export {
  const { dt, steps, storage, inlineLimit, seed, dataFile, spikeTimes } = checkExportOptions(network, options, 2 ** 32 - 1);
  const target = checkChoice('target', options.target ?? 'cython', BRIAN2_TARGETS);

  const b = new ScriptBuilder();
  const used = new Set<string>(['defaultclock', 'net', 'np', 'json']);
  const notes = new Set<string>();
  const body: string[] = [];
  const groups = new Map<Population, GroupInfo>();
  const populations: ExportedPopulation[] = [];

  for (const pop of network.populations) {
    const name = identifier(pop.name, used);
    const info = exportPopulation(pop, name, network, b, notes, body, dt, steps);
    groups.set(pop, info);
    populations.push({ name: pop.name, brian2Name: name, model: pop.soma.model, size: pop.size, group: info.group });
  }

  const synapses: ExportedSynapses[] = [];
  for (const p of network.projections) {
    const s = exportProjection(p, groups, b, used, body, dt);
    if (s) synapses.push(s);
  }

  body.push('', '    # --- spike monitors ---');
  const monitorLines: string[] = [];
  for (const info of groups.values()) {
    body.push(`    M_${info.brian2Name} = SpikeMonitor(${info.py}, name=${pyString(`${info.brian2Name}_spikes`)})`);
    monitorLines.push(`        (${pyString(info.brian2Name)}, ${info.py}, M_${info.brian2Name}),`);
  }
  const objects = [...[...groups.values()].map((g) => g.py), ...synapses.map((s) => `S_${s.brian2Name}`), ...[...groups.values()].map((g) => `M_${g.brian2Name}`)];

  let totalBytes = 0;
  for (const a of b.arrays.values()) totalBytes += a.byteLength;
  const useNpz = storage === 'npz' || (storage === 'auto' && totalBytes > inlineLimit);
  const noteList = [...notes];
  const offsets = network.populations.filter((p) => declarationOf(p.soma).spikeOffsets);
  if (offsets.length) {
    noteList.push(`Spike times (${offsets.map((p) => p.name).join(', ')}): Brian2 records the start of the step in which a neuron fired; Soma's monitors add the time inside the step (LIF crossing, HH interpolation, spiking-ReLU phase). Compare counts, or steps.`);
  }

  const script = [
    ...header(options.title ?? 'Soma network', network, populations, synapses, steps, noteList, useNpz ? dataFile : null),
    'import argparse',
    'import base64',
    'import json',
    'import os',
    'import sys',
    'import warnings',
    '',
    'import numpy as np',
    '',
    `DT_MS = ${pyNumber(dt)}  # Soma's fixed time step`,
    `STEPS = ${steps}  # steps to run: ${pyNumber(steps * dt)} ms`,
    `TARGET = ${pyString(target)}  # default code generation target (--target overrides it)`,
    `SEED = ${seed}  # seed of Brian2's own random numbers (Poisson groups)`,
    `SPIKE_TIMES = ${spikeTimes ? 'True' : 'False'}  # print every spike's neuron and time, not only the counts`,
    `METADATA = json.loads(${pyString(JSON.stringify(options.metadata ?? {}))})`,
    `_DATA_FILE = ${useNpz ? pyString(dataFile) : 'None'}  # companion .npz beside this script (None: arrays are inline below)`,
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
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])',
    "    parser.add_argument('--target', choices=['numpy', 'cython', 'cpp_standalone'], default=TARGET)",
    "    parser.add_argument('--duration', type=float, default=STEPS * DT_MS, help='simulated time, ms')",
    "    parser.add_argument('--standalone-dir', default=None, help='build directory of cpp_standalone (default: a temporary one)')",
    '    args = parser.parse_args()',
    "    warnings.filterwarnings('ignore')",
    '    import brian2',
    '    from brian2 import (NeuronGroup, PoissonGroup, SpikeGeneratorGroup, Synapses, SpikeMonitor, Network, defaultclock,',
    '                        TimedArray, prefs, set_device, seed, ms, mV, uA, cm, Hz, second, msiemens, uF)',
    "    if args.target == 'cpp_standalone':",
    '        import tempfile',
    "        set_device('cpp_standalone', directory=args.standalone_dir or tempfile.mkdtemp(prefix='soma_brian2_'))",
    '    else:',
    '        prefs.codegen.target = args.target',
    '    seed(SEED)',
    '    defaultclock.dt = DT_MS * ms',
    '    steps = int(round(args.duration / DT_MS))',
    ...body,
    '',
    `    net = Network(${objects.join(', ')})`,
    '    net.run(steps * defaultclock.dt)',
    '',
    '    result = {',
    "        'simulator': 'Brian2 ' + brian2.__version__, 'target': args.target,",
    "        'dt_ms': DT_MS, 'steps': steps, 'duration_ms': steps * DT_MS, 'metadata': METADATA, 'populations': {},",
    '    }',
    '    for name, group, mon in [',
    ...monitorLines,
    '    ]:',
    '        i = np.asarray(mon.i, dtype=np.int64)',
    "        pop = {'size': len(group), 'spikes': int(len(i)), 'counts': np.bincount(i, minlength=len(group)).tolist()}",
    '        if SPIKE_TIMES:',
    "            pop['i'] = i.tolist()",
    "            pop['t_ms'] = np.round(np.asarray(mon.t / ms), 6).tolist()",
    "        result['populations'][name] = pop",
    '    sys.stdout.write(json.dumps(result) + "\\n")',
    '',
    '',
    ...inlineBlock(useNpz ? null : b.arrays),
    '',
    "if __name__ == '__main__':",
    '    main()',
    '',
  ].join('\n');

  return {
    script,
    arrays: b.arrays,
    data: useNpz ? npz(b.arrays) : null,
    dataFile: useNpz ? dataFile : null,
    populations,
    synapses,
    dtMs: dt,
    steps,
    durationMs: steps * dt,
    notes: noteList,
  };
}

function header(title: string, network: Network, pops: ExportedPopulation[], syns: ExportedSynapses[], steps: number, notes: string[], dataFile: string | null): string[] {
  const wrap = (text: string, indent: string) => {
    const words = text.split(' ');
    const lines: string[] = [];
    let line = indent;
    for (const w of words) {
      if (line.length + w.length > 100 && line.trim()) {
        lines.push(line.trimEnd());
        line = indent + '  ';
      }
      line += w + ' ';
    }
    lines.push(line.trimEnd());
    return lines;
  };
  return [
    '#!/usr/bin/env python3',
    `"""${pyText(title)}, exported by Soma for Brian2 2.5.`,
    '',
    'Exported by Soma (src/core/export/brian2.ts). Run it with a Python that has Brian2 and numpy:',
    '',
    `    python3 THIS_FILE.py [--target numpy|cython|cpp_standalone] [--duration MS]`,
    '',
    dataFile ? `Arrays are read from ${dataFile} beside this file.` : 'Arrays that are not all equal are stored at the end of this file (base64, little-endian).',
    'It prints one JSON document on stdout:',
    '  {"simulator", "target", "dt_ms", "steps", "duration_ms", "metadata",',
    '   "populations": {NAME: {"size", "spikes", "counts": [per neuron], "i": [...], "t_ms": [...]}}}',
    '',
    `dt = ${pyNumber(network.dtMs)} ms, ${steps} steps (${pyNumber(steps * network.dtMs)} ms).`,
    'Populations:',
    ...pops.map((p) => `  ${p.brian2Name}: ${p.size} x ${pyText(p.model)} (${p.group})`),
    'Projections:',
    ...(syns.length ? syns.map((s) => `  ${s.brian2Name}: ${pyText(s.pre)} -> ${pyText(s.post)}, ${s.count} synapses, ${s.kind}`) : ['  (none)']),
    '',
    'Same as Soma: the graph (every synapse, weight and delay), the initial state, the equations and',
    "the phase order of a step (update, threshold, synapses, reset; a spike acts from the next step on).",
    ...(notes.length ? ['What differs:', ...notes.flatMap((n) => wrap(`- ${pyText(n)}`, '  '))] : []),
    '"""',
  ];
}

function inlineBlock(arrays: Map<string, ExportArray> | null): string[] {
  if (arrays === null) return ['_INLINE = {}  # arrays are in the companion .npz'];
  const lines = ['# Arrays of this export: name -> (numpy dtype, base64 of the little-endian bytes).', '_INLINE = {'];
  for (const [name, a] of arrays) lines.push(`    ${pyString(name)}: (${pyString(dtypeOf(a))}, ${pyString(base64(littleEndianBytes(a)))}),`);
  lines.push('}');
  return lines;
}
