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
 * How each piece maps (the same arithmetic wherever Brian2 can express it):
 *  - LIF: `dv/dt = (-(v - v_rest) + I_in)/tau_m (unless refractory)` with exponential synaptic
 *    currents `dg/dt = -g/tau_syn`, method `exact`: the same linear system Soma integrates
 *    exactly. What differs is the time grid of spikes: Brian2 tests `v >= v_thresh` at the end of
 *    each step, records the step's start and counts the refractory period from there; Soma solves
 *    the crossing inside the step and starts the refractory period at it. Spike times therefore
 *    differ by less than dt, and a chaotic network (CUBA) agrees in statistics, not spike by spike.
 *  - Izhikevich: scheme `published` as a `run_regularly` of the paper's two half steps (the form
 *    that matched Soma spike for spike, scripts/brian2/izhikevich_reference.py); `euler` as
 *    Brian2's `euler`; `figure1` (and `figure1-accommodation`) as a `run_regularly` of figure1.m's
 *    step, threshold v > v_peak. Hodgkin-Huxley: Brian2's `rk4` / `exponential_euler` on the same equations.
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
 * Refused with ParameterError (never approximated): rate somas, noise stimuli,
 * soma classes it does not know, projections onto sources, a network that has already run.
 *
 * Arrays (indices, weights, delays, initial states) that are not all equal are stored as base64
 * of little-endian bytes at the end of the script (`arrays: 'inline'`: one self-contained file),
 * or in a companion `.npz` beside the script (`'npz'`); `'auto'` (the default) inlines up to
 * `inlineLimitBytes` (1 MiB) in total and uses the `.npz` above that.
 */
import { IntegrateSoma } from '../experiments/engine';
import { HhSoma } from '../bio/hh';
import { IzhikevichSoma } from '../bio/izhikevich';
import { LifSoma } from '../bio/lif';
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { delayToSteps, SparseProjection, type Projection } from '../bio/projection';
import { RateSoma } from '../bio/rate-soma';
import { PoissonSource, SpikeTimesSource } from '../bio/sources';
import { SpikingReluSoma } from '../bio/spiking-relu';
import { ConstantStimulus, TimeFunctionStimulus } from '../bio/stimulus';
import { ParameterError, checkChoice, checkNumber } from '../errors';
import { base64, dtypeOf, littleEndianBytes, npz, type ExportArray } from './brian2-npz';

export const BRIAN2_TARGETS = ['numpy', 'cython', 'cpp_standalone'] as const;
/** Brian2's code generation target: numpy (no compiler), cython (runtime), C++ standalone. */
export type Brian2Target = (typeof BRIAN2_TARGETS)[number];

export const ARRAY_STORAGES = ['auto', 'inline', 'npz'] as const;
/** Where arrays go: base64 inside the script, a companion .npz, or inline up to a size. */
export type ArrayStorage = (typeof ARRAY_STORAGES)[number];

export interface Brian2ExportOptions {
  /** Simulated time, ms (> 0); rounded to whole steps as `Network.run` does. */
  durationMs: number;
  /** Default code generation target of the script (its `--target` overrides it). Default `cython`. */
  target?: Brian2Target;
  /** Array storage (default `auto`). */
  arrays?: ArrayStorage;
  /** `auto`: inline while all arrays together take at most this many bytes (default 1 MiB). */
  inlineLimitBytes?: number;
  /** File name of the companion .npz, looked up beside the script (default `network.npz`). */
  dataFile?: string;
  /** Print every spike's neuron and time as well as the counts (default true). */
  spikeTimes?: boolean;
  /** Seed of Brian2's own random numbers (Poisson groups), integer (default 0). */
  seed?: number;
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

/** One exported projection. */
export interface ExportedSynapses {
  name: string;
  brian2Name: string;
  pre: string;
  post: string;
  /** Number of synapses written (probed projections: those with a non-zero effect). */
  count: number;
  /** `delta` or `exponential tau_syn X ms`. */
  kind: string;
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

/** A unit as the script declares it in equations and writes it after a number. */
interface Unit {
  /** In equations: `volt`, `1`, `amp/meter**2`, `Hz`. */
  decl: string;
  /** After a value: `*mV`, ``, `*uA/cm**2`, `*Hz`. */
  lit: string;
}
const MV: Unit = { decl: 'volt', lit: '*mV' };
const ONE: Unit = { decl: '1', lit: '' };
const UA_CM2: Unit = { decl: 'amp/meter**2', lit: '*uA/cm**2' };
const HZ: Unit = { decl: 'Hz', lit: '*Hz' };

/** What the synapse code needs to know about an exported neuron group. */
interface GroupInfo {
  pop: Population;
  py: string;
  brian2Name: string;
  /** Unit of the soma's input (exponential synapse weights). */
  input: Unit | null;
  /** `on_pre` of a delta synapse of weight `w`, and the unit of w; null for sources. */
  delta: { statement: string; unit: Unit } | null;
  /** Variable of the exponential channel with this tau_syn. */
  channel: Map<number, string>;
}

/** Formats a finite number so that Python reads back the same double (shortest round trip). */
export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new ParameterError('value', x, 'a finite number');
  return Object.is(x, -0) ? '-0.0' : String(x);
}

function pyString(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A Brian2-safe identifier from a Soma name (letters, digits, _; starts with a letter). */
function identifier(name: string, used: Set<string>): string {
  let id = name.replace(/->/g, '_to_').replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(id)) id = `p${id}`;
  let out = id, k = 2;
  while (used.has(out)) out = `${id}_${k++}`;
  used.add(out);
  return out;
}

function uniform(a: ArrayLike<number>): boolean {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return false;
  return a.length > 0;
}

/** `g_tau5ms`, `g_tau2p5ms`: the variable of the exponential channel with tau_syn ms. */
function channelName(tauMs: number): string {
  return `g_tau${pyNumber(tauMs).replace('.', 'p').replace('-', 'm').replace('+', '')}ms`;
}

class ScriptBuilder {
  readonly arrays = new Map<string, ExportArray>();

  /** The Python expression of per-neuron (or per-synapse) values: a scalar when all equal, else a stored array. */
  values(name: string, a: ArrayLike<number>, unit: Unit): string {
    if (uniform(a)) return `${pyNumber(a[0])}${unit.lit}`;
    return `${this.array(name, a instanceof Int32Array ? a : Float64Array.from(a))}${unit.lit}`;
  }

  /** Stores an array and returns the expression that reads it. */
  array(name: string, a: ExportArray): string {
    if (this.arrays.has(name)) throw new ParameterError('array', name, 'a name used once');
    for (let k = 0; k < a.length; k++) if (!Number.isFinite(a[k])) throw new ParameterError(name, a[k], 'finite values');
    this.arrays.set(name, a);
    return `_array(${pyString(name)})`;
  }
}

/**
 * The dendrite's stimuli: bias + constant stimuli folded into one constant per neuron (summed in
 * the order Soma's dendrite sums them), and the deterministic time-varying ones (step, pulse,
 * ramp, sine: I(t) the same for all their targets) with how many times each neuron is a target.
 * Noise (a random current per step) is refused: Brian2 would draw other numbers.
 */
function splitStimuli(pop: Population): { bias: Float64Array; varying: { stimulus: TimeFunctionStimulus; mask: Float64Array }[] } {
  const bias = Float64Array.from(pop.dendrite.bias);
  const varying: { stimulus: TimeFunctionStimulus; mask: Float64Array }[] = [];
  for (const s of pop.dendrite.stimuli) {
    if (s instanceof ConstantStimulus) s.apply(0, 0, bias);
    else if (s instanceof TimeFunctionStimulus) {
      const mask = new Float64Array(pop.size);
      if (s.targets === null) mask.fill(1);
      else for (const i of s.targets) mask[i]++;
      varying.push({ stimulus: s, mask });
    } else {
      throw new ParameterError(`stimulus of ${pop.name}`, s.describe(), 'constant or deterministic time-varying stimuli (noise currents would be drawn anew by Brian2)');
    }
  }
  return { bias, varying };
}

/**
 * Exports `network` as a Brian2 script. The network must not have run (step 0, as built or after
 * `reset()`): its present state is the initial state written into the script.
 * @throws ParameterError for what Brian2 cannot run the same way (see the module comment)
 */
export function toBrian2Script(network: Network, options: Brian2ExportOptions): Brian2Export {
  const dt = network.dtMs;
  const durationMs = checkNumber('duration_ms', options.durationMs, { min: 0, minExclusive: true });
  const steps = Math.round(durationMs / dt);
  if (steps < 1) throw new ParameterError('duration_ms', durationMs, `at least one step of dt = ${dt} ms`);
  const target = checkChoice('target', options.target ?? 'cython', BRIAN2_TARGETS);
  const storage = checkChoice('arrays', options.arrays ?? 'auto', ARRAY_STORAGES);
  const inlineLimit = checkNumber('inline_limit_bytes', options.inlineLimitBytes ?? 1 << 20, { min: 0 });
  const seed = checkNumber('seed', options.seed ?? 0, { integer: true, min: 0, max: 2 ** 32 - 1 });
  const dataFile = options.dataFile ?? 'network.npz';
  if (!/^[A-Za-z0-9_.-]+\.npz$/.test(dataFile)) throw new ParameterError('data_file', dataFile, 'a file name ending in .npz (letters, digits, _ . -)');
  const spikeTimes = options.spikeTimes ?? true;
  if (network.stepIndex !== 0) {
    throw new ParameterError('network', `at step ${network.stepIndex}`, 'a network that has not run (export it before running, or after reset())');
  }
  if (network.populations.length === 0) throw new ParameterError('network', 'no populations', 'at least one population');

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
    populations.push({ name: pop.name, brian2Name: name, model: pop.soma.model, size: pop.size, group: info.input === null ? (pop.soma instanceof PoissonSource ? 'PoissonGroup' : 'SpikeGeneratorGroup') : 'NeuronGroup' });
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
  const offsets = network.populations.filter((p) => p.soma instanceof LifSoma || p.soma instanceof HhSoma || p.soma instanceof SpikingReluSoma);
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
    `"""${title.replace(/"""/g, "'''")}, exported by Soma for Brian2 2.5.`,
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
    ...pops.map((p) => `  ${p.brian2Name}: ${p.size} x ${p.model} (${p.group})`),
    'Projections:',
    ...(syns.length ? syns.map((s) => `  ${s.brian2Name}: ${s.pre} -> ${s.post}, ${s.count} synapses, ${s.kind}`) : ['  (none)']),
    '',
    'Same as Soma: the graph (every synapse, weight and delay), the initial state, the equations and',
    "the phase order of a step (update, threshold, synapses, reset; a spike acts from the next step on).",
    ...(notes.length ? ['What differs:', ...notes.flatMap((n) => wrap(`- ${n}`, '  '))] : []),
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

/** Writes one population's group; returns what its synapses need. */
function exportPopulation(pop: Population, name: string, network: Network, b: ScriptBuilder, notes: Set<string>, body: string[], dt: number, steps: number): GroupInfo {
  const soma = pop.soma;
  const n = pop.size;
  const py = `G_${name}`;
  if (n < 1) throw new ParameterError(`population ${pop.name}`, n, 'at least one neuron (Brian2 groups are not empty)');
  if (soma instanceof RateSoma || !soma.spiking) {
    throw new ParameterError(`population ${pop.name}`, soma.model, 'a spiking soma (rate somas have no Brian2 counterpart in this export)');
  }
  const quoted = pyString(name);
  body.push('');

  if (soma instanceof PoissonSource) {
    body.push(`    # --- ${pop.name}: ${n} Poisson sources (Soma's PoissonSource: a spike with probability rate*dt per step) ---`);
    body.push(`    ${py} = PoissonGroup(${n}, rates=${b.values(`${name}_rate`, soma.rateHz, HZ)}, name=${quoted})`);
    notes.add("Poisson sources: Brian2's PoissonGroup fires with the same probability rate*dt per step, but from Brian2's own random numbers (SEED): the same statistics, not the same spikes.");
    return { pop, py, brian2Name: name, input: null, delta: null, channel: new Map() };
  }
  if (soma instanceof SpikeTimesSource) {
    // the step of each spike as Soma computes it: floor(t/dt + 1e-6); one spike per neuron and step
    const seen = new Set<string>();
    const idx: number[] = [], st: number[] = [];
    const order = Array.from({ length: soma.timesMs.length }, (_, k) => k).sort((x, y) => soma.timesMs[x] - soma.timesMs[y]);
    for (const k of order) {
      const step = Math.floor(soma.timesMs[k] / dt + 1e-6);
      const key = `${soma.indices[k]}:${step}`;
      if (seen.has(key)) continue;
      seen.add(key);
      idx.push(soma.indices[k]);
      st.push(step);
    }
    body.push(`    # --- ${pop.name}: ${n} spike generators (Soma's SpikeTimesSource; times on Soma's steps) ---`);
    const indices = idx.length ? b.array(`${name}_indices`, Int32Array.from(idx)) : 'np.zeros(0, dtype=np.int32)';
    const times = st.length ? `${b.array(`${name}_steps`, Int32Array.from(st))} * defaultclock.dt` : 'np.zeros(0) * ms';
    body.push(`    ${py} = SpikeGeneratorGroup(${n}, ${indices}, ${times}, name=${quoted})`);
    return { pop, py, brian2Name: name, input: null, delta: null, channel: new Map() };
  }

  const hasDelta = network.projections.some((p) => p.post === pop && p.synapse.type === 'delta');
  const channels = pop.dendrite.channels;
  const { bias, varying } = splitStimuli(pop);
  if (pop.dendrite.jump.some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, 'delta input pending', 'a network without input in flight (reset() first)');
  const channel = new Map<number, string>(channels.map((c) => [c.tauSynMs, channelName(c.tauSynMs)]));
  const ns: string[] = [];
  const eqs: string[] = [];
  const init: string[] = [];
  const after: string[] = [];

  /** The dendrite: I_in = I_bias + (factor *) g per channel, as a subexpression. */
  const dendrite = (unit: Unit, withFactors: boolean) => {
    const terms = varying.length ? ['I_bias', 'I_stim'] : ['I_bias'];
    varying.forEach(({ stimulus, mask }, k) => {
      // Soma holds I(t_n) over step n: tabulated on the step grid, read at the start of each step
      const values = Float64Array.from({ length: steps }, (_, step) => stimulus.valueAt(step * dt));
      ns.push(`'stim${k}': TimedArray(${b.array(`${name}_stim${k}`, values)}${unit.lit}, dt=defaultclock.dt)`);
      if (!mask.every((x) => x === 1)) {
        eqs.push(`stim${k}_targets : 1 (constant)  # how often each neuron is a target of stimulus ${k}`);
        init.push(`    ${py}.stim${k}_targets = ${b.values(`${name}_stim${k}_targets`, mask, ONE)}`);
      }
      stimulusTerms.push(mask.every((x) => x === 1) ? `stim${k}(t)` : `stim${k}_targets*stim${k}(t)`);
      notes.add('Time-varying stimuli are tabulated on the step grid for the exported duration (TimedArray); a longer --duration holds their last value.');
    });
    if (varying.length) eqs.push(`I_stim : ${unit.decl}  # ${varying.map((v) => v.stimulus.describe()).join('; ')}: set at the start of each step`);
    for (const c of channels) {
      const g = channel.get(c.tauSynMs)!;
      terms.push(withFactors ? `f_${g}*${g}` : g);
      if (withFactors) {
        ns.push(`'f_${g}': ${pyNumber(c.factor)}`, `'decay_${g}': ${pyNumber(c.decay)}`);
        eqs.push(`${g} : ${unit.decl}  # exponential synaptic current, tau_syn = ${pyNumber(c.tauSynMs)} ms, stepped as in Soma`);
        after.push(`${g} = ${g}*decay_${g}`);
      } else {
        ns.push(`'tau_${g}': ${pyNumber(c.tauSynMs)}*ms`);
        eqs.push(`d${g}/dt = -${g}/tau_${g} : ${unit.decl}  # exponential synaptic current`);
      }
      // the current is scale * G (dendrite.ts keeps scaled channels)
      const current = Float64Array.from(c.g, (x) => c.scale * x);
      if (current.some((x) => x !== 0)) init.push(`    ${py}.${g} = ${b.values(`${name}_${g}`, current, unit)}`);
    }
    eqs.push(`I_in = ${terms.join(' + ')} : ${unit.decl}  # the dendrite: bias + stimuli + synaptic currents`);
    if (uniform(bias)) ns.push(`'I_bias': ${pyNumber(bias[0])}${unit.lit}`);
    else {
      eqs.push(`I_bias : ${unit.decl} (constant)  # dendrite bias + constant stimuli, per neuron`);
      init.push(`    ${py}.I_bias = ${b.values(`${name}_I_bias`, bias, unit)}`);
    }
  };
  const stimulusTerms: string[] = [];
  const group = (what: string, args: string) => {
    body.push(`    # --- ${pop.name}: ${n} x ${what} ---`);
    body.push(`    ${py} = NeuronGroup(${n}, '''`);
    for (const e of eqs) body.push(`        ${e}`);
    body.push(`        ''', ${args},`);
    body.push(`        namespace={${ns.join(', ')}}, name=${quoted})`);
    body.push(...init);
    if (stimulusTerms.length) body.push(`    ${py}.run_regularly('I_stim = ${stimulusTerms.join(' + ')}', when='start', name=${pyString(`${name}_stimulus`)})`);
  };
  const stepCode = (code: string[], when: string) => {
    body.push(`    ${py}.run_regularly('''`);
    for (const c of code) body.push(`        ${c}`);
    body.push(`        ''', when=${pyString(when)}, name=${pyString(`${name}_${when === 'groups' ? 'step' : 'decay'}`)})`);
  };

  if (soma instanceof LifSoma) {
    const p = soma.params;
    if (soma.refractoryLeftMs.some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, 'refractory at start', 'LIF neurons that are not refractory at step 0 (reset() first)');
    eqs.push('dv/dt = (-(v - v_rest) + I_in)/tau_m : volt (unless refractory)  # drive R*I in mV');
    ns.push(`'tau_m': ${pyNumber(p.tauMs)}*ms`, `'v_rest': ${pyNumber(p.vRestMv)}*mV`, `'v_thresh': ${pyNumber(p.vThreshMv)}*mV`, `'v_reset': ${pyNumber(p.vResetMv)}*mV`);
    dendrite(MV, false);
    init.unshift(`    ${py}.v = ${b.values(`${name}_v`, soma.v, MV)}`);
    group('LIF (exact integration)', `threshold='v >= v_thresh', reset='v = v_reset', refractory=${pyNumber(p.refractoryMs)}*ms, method='exact'`);
    notes.add("LIF: Brian2's `exact` method integrates the same linear equations exactly, but tests the threshold at the end of each step and counts the refractory period from that step, where Soma solves the crossing time inside the step and starts the refractory period there: spike times differ by less than dt, so a chaotic network agrees in its statistics, not spike by spike.");
    if (hasDelta) notes.add('LIF delta synapses: Brian2 applies the jump at the end of the step in which the spike arrives and Soma at the start of the next, before integrating; a jump above threshold fires in Soma at once, in Brian2 after that step.');
    return { pop, py, brian2Name: name, input: MV, delta: hasDelta ? { statement: 'v_post += w*int(not_refractory_post)', unit: MV } : null, channel };
  }

  if (soma instanceof IzhikevichSoma) {
    const p = soma.params;
    eqs.push(...(p.scheme === 'euler'
      ? ['dv/dt = (k0 + (I_in + k2*(v*v) + k1*v) - u)/ms : 1  # v in mV, the model\'s own units', 'du/dt = (a*(b*v - u))/ms : 1']
      : [`v : 1  # mV, the model's own units; stepped by the ${p.scheme} scheme below`, 'u : 1']));
    ns.push(...(['a', 'b', 'c', 'd', 'k2', 'k1', 'k0'] as const).map((k) => `'${k}': ${pyNumber(p[k])}`), `'v_peak': ${pyNumber(p.vPeakMv)}`);
    if (p.scheme !== 'euler') ns.push(`'h_ms': ${pyNumber(0.5 * dt)}`, `'dt_ms': ${pyNumber(dt)}`);
    const figure1 = p.scheme === 'figure1' || p.scheme === 'figure1-accommodation';
    dendrite(ONE, true);
    init.unshift(`    ${py}.v = ${b.values(`${name}_v`, soma.v, ONE)}`, `    ${py}.u = ${b.values(`${name}_u`, soma.u, ONE)}`);
    group(`Izhikevich (${figure1 ? '2004' : '2003'}), scheme ${p.scheme}`, `threshold='${figure1 ? 'v > v_peak' : 'v >= v_peak'}', reset='v = c; u = u + d', method='euler'`);
    if (p.scheme === 'published') {
      // the paper's scheme: two half steps of v, then u from the new v (izhikevich.ts)
      stepCode(['v = v + h_ms*(k0 + (I_in + k2*(v*v) + k1*v) - u)', 'v = v + h_ms*(k0 + (I_in + k2*(v*v) + k1*v) - u)', 'u = u + dt_ms*(a*(b*v - u))'], 'groups');
    } else if (figure1) {
      // figure1.m (Izhikevich 2004): one Euler step of v, then u from the new v (panel R: du = a b (v + 65))
      const u = p.scheme === 'figure1' ? 'u = u + dt_ms*a*(b*v - u)' : 'u = u + dt_ms*a*(b*(v + 65))';
      stepCode(['v = v + dt_ms*(k2*(v*v) + k1*v + k0 - u + I_in)', u], 'groups');
    }
    if (after.length) stepCode(after, 'after_groups');
    return { pop, py, brian2Name: name, input: ONE, delta: hasDelta ? { statement: 'v_post += w', unit: ONE } : null, channel };
  }

  if (soma instanceof HhSoma) {
    const p = soma.params;
    eqs.push(
      'dv/dt = (I_in - g_na*m**3*h*(v - e_na) - g_k*n**4*(v - e_k) - g_l*(v - e_l))/c_m : volt',
      'dm/dt = alpham*(1 - m) - betam*m : 1',
      'dh/dt = alphah*(1 - h) - betah*h : 1',
      'dn/dt = alphan*(1 - n) - betan*n : 1',
      'alpham = (1/exprel(-(v/mV + 40)/10))/ms : Hz  # 0.1 vtrap(-(v+40), 10)',
      'betam = 4*exp(-(v/mV + 65)/18)/ms : Hz',
      'alphah = 0.07*exp(-(v/mV + 65)/20)/ms : Hz',
      'betah = 1/(exp(-(v/mV + 35)/10) + 1)/ms : Hz',
      'alphan = (0.1/exprel(-(v/mV + 55)/10))/ms : Hz  # 0.01 vtrap(-(v+55), 10)',
      'betan = 0.125*exp(-(v/mV + 65)/80)/ms : Hz',
    );
    ns.push(
      `'g_na': ${pyNumber(p.gNa)}*msiemens/cm**2`, `'g_k': ${pyNumber(p.gK)}*msiemens/cm**2`, `'g_l': ${pyNumber(p.gL)}*msiemens/cm**2`,
      `'e_na': ${pyNumber(p.eNa)}*mV`, `'e_k': ${pyNumber(p.eK)}*mV`, `'e_l': ${pyNumber(p.eL)}*mV`, `'c_m': ${pyNumber(p.cM)}*uF/cm**2`,
    );
    dendrite(UA_CM2, true);
    init.unshift(
      `    ${py}.v = ${b.values(`${name}_v`, soma.v, MV)}`, `    ${py}.m = ${b.values(`${name}_m`, soma.m, ONE)}`,
      `    ${py}.h = ${b.values(`${name}_h`, soma.h, ONE)}`, `    ${py}.n = ${b.values(`${name}_n`, soma.n, ONE)}`,
    );
    const method = p.method === 'rk4' ? 'rk4' : 'exponential_euler';
    group(`Hodgkin-Huxley (${method})`, `threshold='v > 0*mV', refractory='v > 0*mV', method=${pyString(method)}`);
    if (after.length) stepCode(after, 'after_groups');
    notes.add('Hodgkin-Huxley: a spike is an upward crossing of 0 mV in both (Brian2: threshold and refractoriness v > 0 mV); Soma interpolates its time inside the step.');
    return { pop, py, brian2Name: name, input: UA_CM2, delta: hasDelta ? { statement: 'v_post += w', unit: MV } : null, channel };
  }

  if (soma instanceof IntegrateSoma || soma instanceof SpikingReluSoma) {
    const relu = soma instanceof SpikingReluSoma;
    const unit = relu ? HZ : ONE;
    eqs.push(relu ? 'v : 1  # phase in units of the threshold' : 'v : 1  # membrane potential in threshold units');
    if (hasDelta) eqs.push('jump : 1  # delta-synapse input that arrived, added to v before the next update (Soma\'s dendrite)');
    dendrite(unit, true);
    init.unshift(`    ${py}.v = ${b.values(`${name}_v`, soma.v, ONE)}`);
    const code = hasDelta ? ['v = v + jump', 'jump = 0'] : [];
    if (relu) {
      ns.push(`'dt_step': ${pyNumber(dt / 1000)}*second`);
      code.push('v = clip(v + I_in*dt_step, 0, inf)  # no leak, floor at 0');
      group('spiking ReLU (IF without leak, floor at 0, reset by subtraction)', `threshold='v >= 1', reset='v = v - 1'`);
    } else {
      const s = soma as IntegrateSoma;
      ns.push(`'theta': ${pyNumber(s.threshold)}`);
      if (s.decay !== 1) ns.push(`'decay_m': ${pyNumber(s.decay)}`);
      code.push(s.decay === 1 ? 'v = v + I_in  # integrate-and-fire: input per step, no leak' : 'v = decay_m*v + I_in  # leaky: V <- decay V + z');
      const reset = s.reset_ === 'subtract' ? 'v = v - theta' : 'v = 0';
      group(`integrate-and-fire (${soma.model}; a map per step, threshold units)`, `threshold='v >= theta', reset=${pyString(reset)}`);
    }
    stepCode([...code, ...after], 'groups');
    notes.add(`Discrete-time somas (${relu ? 'spiking ReLU' : soma.model}): Brian2 runs Soma's update statement by statement (run_regularly); only the order in which its code generation sums terms may differ (rounding at 1e-16), which can move a spike by one step when v lands on the threshold to within rounding.`);
    return { pop, py, brian2Name: name, input: unit, delta: hasDelta ? { statement: 'jump_post += w', unit: ONE } : null, channel };
  }

  throw new ParameterError(`population ${pop.name}`, soma.model, 'one of lif, izhikevich, hh, spiking-relu, if-subtract, if-zero, leaky-subtract, leaky-zero, poisson, spike-times');
}

/** The protected `scatter` of a projection, called to read what one presynaptic spike does. */
interface Scatterable {
  scatter(pre: number, delayGroup: number, target: Float64Array, gain: number): void;
}

/** Every synapse of a projection as (pre, post, weight, delay in steps), in presynaptic order. */
export function synapseList(p: Projection, dtMs: number): { pre: Int32Array; post: Int32Array; weight: Float64Array; delaySteps: Int32Array } {
  const pre: number[] = [], post: number[] = [], weight: number[] = [], delay: number[] = [];
  const steps = p.delaysMs.map((d) => delayToSteps(d, dtMs));
  if (p instanceof SparseProjection) {
    p.csr.forEach((c, g) => {
      for (let i = 0; i < p.pre.size; i++) {
        for (let s = c.rowPtr[i]; s < c.rowPtr[i + 1]; s++) {
          pre.push(i); post.push(c.col[s]); weight.push(c.weight[s]); delay.push(steps[g]);
        }
      }
    });
  } else {
    // Any other projection (the extension point) is read by what it does: the target array a
    // spike of each presynaptic neuron adds into, per delay group; non-zero entries are synapses
    // (several synapses between one pair act as their sum, which is what Soma delivers).
    const target = new Float64Array(p.post.size);
    const scatter = (p as unknown as Scatterable).scatter.bind(p);
    for (let g = 0; g < p.delaysMs.length; g++) {
      for (let i = 0; i < p.pre.size; i++) {
        target.fill(0);
        scatter(i, g, target, 1); // gain 1: the weights themselves (scaled channels pass 1/s)
        for (let j = 0; j < target.length; j++) {
          if (target[j] !== 0) { pre.push(i); post.push(j); weight.push(target[j]); delay.push(steps[g]); }
        }
      }
    }
  }
  return { pre: Int32Array.from(pre), post: Int32Array.from(post), weight: Float64Array.from(weight), delaySteps: Int32Array.from(delay) };
}

function exportProjection(p: Projection, groups: Map<Population, GroupInfo>, b: ScriptBuilder, used: Set<string>, body: string[], dt: number): ExportedSynapses | null {
  const pre = groups.get(p.pre)!, post = groups.get(p.post)!;
  if (post.input === null) throw new ParameterError(`projection ${p.name}`, post.pop.soma.model, 'a projection onto neurons (sources ignore their input)');
  const name = identifier(p.name, used);
  const list = synapseList(p, dt);
  const kind = p.synapse.type === 'delta' ? 'delta' : `exponential tau_syn ${pyNumber(p.synapse.tauSynMs)} ms`;
  body.push('');
  if (list.pre.length === 0) {
    body.push(`    # --- ${p.name}: no synapses (nothing to export) ---`);
    used.delete(name);
    return null;
  }
  let onPre: string, unit: Unit;
  if (p.synapse.type === 'delta') {
    if (!post.delta) throw new Error(`internal: no delta statement for ${post.pop.name}`);
    onPre = post.delta.statement;
    unit = post.delta.unit;
  } else {
    onPre = `${post.channel.get(p.synapse.tauSynMs)!}_post += w`;
    unit = post.input;
  }
  const py = `S_${name}`;
  body.push(`    # --- ${p.name}: ${list.pre.length} synapses, ${kind}; Soma's delay of d steps is Brian2's (d - 1) dt ---`);
  body.push(`    ${py} = Synapses(${pre.py}, ${post.py}, model='w : ${unit.decl} (constant)', on_pre=${pyString(onPre)}, name=${pyString(name)})`);
  body.push(`    ${py}.connect(i=${b.array(`${name}_i`, list.pre)}, j=${b.array(`${name}_j`, list.post)})`);
  body.push(`    ${py}.w = ${b.values(`${name}_w`, list.weight, unit)}`);
  const brianDelay = Int32Array.from(list.delaySteps, (d) => d - 1);
  body.push(uniform(brianDelay)
    ? `    ${py}.delay = ${brianDelay[0]} * defaultclock.dt`
    : `    ${py}.delay = ${b.array(`${name}_delay_steps`, brianDelay)} * defaultclock.dt`);
  return { name: p.name, brian2Name: name, pre: pre.brian2Name, post: post.brian2Name, count: list.pre.length, kind };
}
