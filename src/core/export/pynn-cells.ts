/**
 * The populations and projections of the PyNN export (pynn.ts), read from each soma model's
 * declaration (bio/declaration.ts: its `pynn` hint, found in bio/registry.ts by the soma's
 * `model`), never from the soma's class: the standard cell, its parameters in PyNN's units
 * (mV, ms, nA, nF), the current per unit of the soma's input, the initial state, and whether the
 * standard cell is the same model for these parameter values. Sources are read from their
 * neutral description (Poisson rates, spike lists).
 */
import type { PynnHint } from '../bio/declaration';
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import type { Projection } from '../bio/projection';
import { declarationOf, SOMA_MODELS } from '../bio/registry';
import type { Stimulus } from '../bio/stimulus';
import { ParameterError } from '../errors';
import { identifier, pyNumber, pyString, pyText, type ScriptBuilder } from './brian2-python';
import { synapseList } from './brian2-synapses';

/** One exported population. */
export interface PynnPopulation {
  name: string;
  /** Python identifier (`P_<name>`'s suffix) and the key of the printed JSON. */
  pynnName: string;
  model: string;
  size: number;
  /** The standard cell, e.g. `IF_curr_exp`. */
  cell: string;
  /** Why the standard cell is only the closest one (exported with `approximate` only), or null. */
  inexact: string | null;
}

/** One exported projection (a Soma projection gives one per sign of its weights). */
export interface PynnProjection {
  name: string;
  pynnName: string;
  pre: string;
  post: string;
  count: number;
  /** `excitatory` (weights >= 0) or `inhibitory` (weights < 0, PyNN's sign for current synapses). */
  receptor: 'excitatory' | 'inhibitory';
  kind: string;
}

/** What the script writer needs from one population. */
export interface PynnGroup {
  info: PynnPopulation;
  py: string;
  /** nA per unit of the soma's input (exponential weights); null for sources. */
  currentPerInput: number | null;
  /** mV of v per unit of input arriving as a pulse (`toInput` delta synapses); null: such synapses are refused. */
  pulseJump: number | null;
}

/**
 * A Python string literal of a name from outside (population, projection): `pyString`, with `"`
 * escaped too, so that no run of quotes in a label reads like the end of the docstring to an eye.
 */
export function pyLabel(s: string): string {
  return pyString(s).replace(/"/g, '\\"');
}

/** Stimulus kinds folded into the constant `i_offset` (the others are not exported to PyNN). */
const CONSTANT_STIMULI = new Set(['constant']);

/** The hint, or the refusal naming the population. */
function hintOf(pop: Population): PynnHint {
  const decl = declarationOf(pop.soma, `population ${pop.name}`);
  if (!decl.pynn) {
    const known = Object.values(SOMA_MODELS).filter((d) => d.pynn).flatMap((d) => d.instanceModels ?? [d.name]);
    throw new ParameterError(`population ${pop.name}`, pop.soma.model, `a soma with a PyNN standard cell (one of ${known.join(', ')}); export it to Brian2 instead`);
  }
  return decl.pynn;
}

/** Incoming synapse kinds: delta, and the tau_syn of exponential ones by the sign of their weights. */
function incoming(pop: Population, network: Network): { delta: boolean; tauE: Set<number>; tauI: Set<number> } {
  const out = { delta: false, tauE: new Set<number>(), tauI: new Set<number>() };
  for (const p of network.projections) {
    if (p.post !== pop) continue;
    if (p.synapse.type === 'delta') { out.delta = true; continue; }
    const list = synapseList(p, network.dtMs);
    if (list.weight.some((w) => w > 0)) out.tauE.add(p.synapse.tauSynMs);
    if (list.weight.some((w) => w < 0)) out.tauI.add(p.synapse.tauSynMs);
  }
  return out;
}

/**
 * Writes one population (`P_<name> = sim.Population(...)` and its initial state) into `body`.
 * @throws ParameterError for what no standard cell takes (rate somas, synapse kinds the cell has
 *   not, time-varying stimuli, a network that has run)
 */
export function pynnPopulation(pop: Population, name: string, network: Network, b: ScriptBuilder, body: string[]): PynnGroup {
  const soma = pop.soma;
  if (pop.size < 1) throw new ParameterError(`population ${pop.name}`, pop.size, 'at least one neuron');
  if (!soma.spiking) throw new ParameterError(`population ${pop.name}`, soma.model, 'a spiking soma (rate somas have no PyNN cell)');
  const decl = declarationOf(soma, `population ${pop.name}`);
  const hint = hintOf(pop);
  const dt = network.dtMs;
  const py = `P_${name}`;
  const label = pyLabel(pop.name);
  const eq = decl.equations(soma, dt);
  body.push('');
  if (eq && eq.kind === 'poisson') {
    body.push(`    # --- ${pyText(pop.name)}: ${pop.size} Poisson sources (the simulator's own random numbers) ---`);
    body.push(`    ${py} = sim.Population(${pop.size}, sim.SpikeSourcePoisson(rate=${b.values(`${name}_rate`, eq.rateHz, { decl: '', lit: '' })}), label=${label})`);
    return { info: { name: pop.name, pynnName: name, model: soma.model, size: pop.size, cell: 'SpikeSourcePoisson', inexact: null }, py, currentPerInput: null, pulseJump: null };
  }
  if (eq && eq.kind === 'spike-list') {
    // Soma fires a listed spike on step floor(t/dt + 1e-6): the script gives that step's start time
    const idx: number[] = [], steps: number[] = [], seen = new Set<string>();
    for (let k = 0; k < eq.timesMs.length; k++) {
      const step = Math.floor(eq.timesMs[k] / dt + 1e-6), key = `${eq.indices[k]}:${step}`;
      if (seen.has(key)) continue;
      seen.add(key);
      idx.push(eq.indices[k]);
      steps.push(step);
    }
    body.push(`    # --- ${pyText(pop.name)}: ${pop.size} spike sources (Soma's spike list, on Soma's steps) ---`);
    body.push(`    ${py} = sim.Population(${pop.size}, sim.SpikeSourceArray(spike_times=_spike_times(sim, ${pop.size}, ${b.array(`${name}_indices`, Int32Array.from(idx))}, ${b.array(`${name}_steps`, Int32Array.from(steps))})), label=${label})`);
    return { info: { name: pop.name, pynnName: name, model: soma.model, size: pop.size, cell: 'SpikeSourceArray', inexact: null }, py, currentPerInput: null, pulseJump: null };
  }

  // a neuron: which cell, given what arrives
  if (pop.dendrite.jump.some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, 'delta input pending', 'a network without input in flight (reset() first)');
  if (eq && eq.kind === 'neuron') {
    for (const z of eq.mustBeZero ?? []) if (soma.state[z.state].some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, `${z.state} not 0 at start`, z.what);
  }
  const values = decl.read(soma);
  const syn = incoming(pop, network);
  const takes = hint.synapses ?? [];
  const exponential = syn.tauE.size + syn.tauI.size > 0;
  let cell = hint.cell;
  if (syn.delta && !takes.includes('delta')) {
    if (!hint.deltaCell || exponential) throw new ParameterError(`population ${pop.name}`, 'delta synapses', `synapses PyNN's ${hint.cell} takes (${takes.join(', ') || 'none'})`);
    cell = hint.deltaCell;
  }
  if (exponential && !takes.includes('exponential')) throw new ParameterError(`population ${pop.name}`, 'exponential synapses', `synapses PyNN's ${cell} takes (${takes.join(', ') || 'none'})`);
  for (const [set, receptor] of [[syn.tauE, 'excitatory'], [syn.tauI, 'inhibitory']] as const) {
    if (set.size > 1) throw new ParameterError(`population ${pop.name}`, `${receptor} tau_syn ${[...set].join(', ')} ms`, `one tau_syn per sign of weights (a standard cell has one excitatory and one inhibitory time constant)`);
  }
  for (const c of pop.dendrite.channels) if (c.g.some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, 'synaptic current at start', 'a network that has not run (reset() first)');

  // parameters in PyNN's units
  const derived = hint.derive?.(values, dt);
  const params: [string, string][] = [];
  if (derived) for (const [k, v] of Object.entries(derived.params)) params.push([k, pyNumber(v)]);
  else {
    for (const [k, m] of Object.entries(hint.params)) params.push([k, pyNumber('value' in m ? m.value : (values[m.from] as number) * (m.scale ?? 1))]);
  }
  const currentPerInput = derived?.currentPerInput ?? hint.currentPerInput ?? 1;
  const pulseJump = derived?.pulseJump ?? hint.pulseJump ?? null;
  const tauE = [...syn.tauE][0], tauI = [...syn.tauI][0];
  if (cell !== hint.deltaCell && takes.includes('exponential')) {
    // a receptor nobody uses keeps the other's time constant (PyNN needs a value)
    const e = tauE ?? tauI, i = tauI ?? tauE;
    if (e !== undefined) params.push(['tau_syn_E', pyNumber(e)], ['tau_syn_I', pyNumber(i!)]);
  }
  const bias = Float64Array.from(pop.dendrite.bias);
  for (const s of pop.dendrite.stimuli as readonly Stimulus[]) {
    if (!CONSTANT_STIMULI.has(s.kind)) throw new ParameterError(`stimulus of ${pop.name}`, s.describe(), 'constant stimuli (time-varying and noise currents are exported to Brian2, not yet to PyNN)');
    s.apply(0, 0, bias);
  }
  const iOffset = Float64Array.from(bias, (x) => x * currentPerInput);
  if (iOffset.some((x) => x !== 0)) params.push(['i_offset', b.values(`${name}_i_offset`, iOffset, { decl: '', lit: '' })]);

  const inexact = hint.inexact?.(values) ?? null;
  body.push(`    # --- ${pyText(pop.name)}: ${pop.size} x ${pyText(soma.model)} as PyNN's ${cell}${inexact ? ' (closest standard cell)' : ''} ---`);
  body.push(`    ${py} = sim.Population(${pop.size}, sim.${cell}(${params.map(([k, v]) => `${k}=${v}`).join(', ')}), label=${label})`);
  for (const [variable, key] of Object.entries(hint.initial ?? {})) {
    body.push(`    ${py}.initialize(${variable}=${b.values(`${name}_${variable}0`, soma.state[key], { decl: '', lit: '' })})`);
  }
  return { info: { name: pop.name, pynnName: name, model: soma.model, size: pop.size, cell, inexact }, py, currentPerInput, pulseJump };
}

/**
 * Writes one Soma projection as one PyNN Projection per sign of its weights (excitatory >= 0,
 * inhibitory < 0), every synapse listed (FromListConnector: pre, post, weight, delay). Soma's
 * delay of d steps is PyNN's d dt ms (the script moves it on Brian2, see pynn.ts).
 */
export function pynnProjection(p: Projection, groups: Map<Population, PynnGroup>, b: ScriptBuilder, used: Set<string>, body: string[], dt: number): PynnProjection[] {
  const pre = groups.get(p.pre)!, post = groups.get(p.post)!;
  if (post.currentPerInput === null) throw new ParameterError(`projection ${p.name}`, post.info.model, 'a projection onto neurons (sources ignore their input)');
  const list = synapseList(p, dt);
  const kind = p.synapse.type === 'delta' ? 'delta' : `exponential tau_syn ${pyNumber(p.synapse.tauSynMs)} ms`;
  // exponential weights are currents (nA); delta weights are jumps of v (mV, or threshold units
  // taken as mV); a delta weight that joins the step's input (`toInput`) is the jump that decays to it
  const pulse = p.synapse.type === 'delta' && p.synapse.toInput === true;
  if (pulse && post.pulseJump === null) throw new ParameterError(`projection ${p.name}`, 'input pulses', `delta synapses that add to v (${post.info.cell} has no pulse form)`);
  const scale = p.synapse.type === 'delta' ? (pulse ? post.pulseJump! : 1) : post.currentPerInput;
  const out: PynnProjection[] = [];
  body.push('');
  for (const receptor of ['excitatory', 'inhibitory'] as const) {
    const keep: number[] = [];
    for (let s = 0; s < list.weight.length; s++) if (receptor === 'excitatory' ? list.weight[s] > 0 : list.weight[s] < 0) keep.push(s);
    if (keep.length === 0) continue;
    const name = identifier(`${p.name}_${receptor === 'excitatory' ? 'exc' : 'inh'}`, used);
    const pick = <T extends Int32Array | Float64Array>(a: T, f = (x: number) => x) => (a instanceof Int32Array ? Int32Array.from(keep, (s) => f(a[s])) : Float64Array.from(keep, (s) => f(a[s])));
    body.push(`    # --- ${pyText(p.name)} (${receptor}): ${keep.length} synapses, ${kind} ---`);
    body.push(`    projections.append(_project(sim, ${pre.py}, ${post.py}, ${b.array(`${name}_i`, pick(list.pre))}, ${b.array(`${name}_j`, pick(list.post))}, ${b.array(`${name}_w`, pick(list.weight, (w) => w * scale))}, ${b.array(`${name}_delay_steps`, pick(list.delaySteps))}, ${pyString(receptor)}, ${pyString(name)}))`);
    out.push({ name: p.name, pynnName: name, pre: pre.info.pynnName, post: post.info.pynnName, count: keep.length, receptor, kind });
  }
  if (!out.length) body.push(`    # --- ${pyText(p.name)}: no synapses (nothing to export) ---`);
  return out;
}
