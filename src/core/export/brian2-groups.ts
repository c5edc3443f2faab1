/**
 * One population of the Brian2 export (brian2.ts): its group generated from the soma model's
 * declaration (bio/declaration.ts, looked up in bio/registry.ts by the soma's `model`), never
 * from the soma's class. Neutral equations become a NeuronGroup (variables, subexpressions,
 * constants, threshold, reset, refractoriness, method, and the per-step `update` as
 * run_regularly code); sources become a PoissonGroup or a SpikeGeneratorGroup, dispatched by
 * the kind of the neutral source. The dendrite (bias, constant and time-varying stimuli,
 * exponential synaptic channels) is the same for every neuron model, in the declared input unit.
 */
import type { NeutralNeuron, NeutralSource } from '../bio/declaration';
import type { Network } from '../bio/network';
import type { Population } from '../bio/population';
import { declarationOf, INSTANCE_MODELS } from '../bio/registry';
import type { Stimulus, TimeFunctionStimulus } from '../bio/stimulus';
import { ParameterError } from '../errors';
import { BRIAN2_UNITS, pyNumber, pyString, pyText, uniform, type ScriptBuilder, type Unit } from './brian2-python';

const ONE = BRIAN2_UNITS['1'];
const HZ = BRIAN2_UNITS.Hz;

/** What the synapse code needs to know about an exported group. */
export interface GroupInfo {
  pop: Population;
  py: string;
  brian2Name: string;
  /** NeuronGroup, PoissonGroup or SpikeGeneratorGroup. */
  group: string;
  /** Unit of the soma's input (exponential synapse weights); null for sources. */
  input: Unit | null;
  /** `on_pre` of a delta synapse of weight `w`, and the unit of w; null for sources. */
  delta: { statement: string; unit: Unit } | null;
  /**
   * `on_pre` of a delta synapse `toInput` (the dendrite's pulse: w joins I_in for the step it
   * arrives in), and the unit of w; null when no such projection targets the group.
   */
  pulse: { statement: string; unit: Unit } | null;
  /** Variable of the exponential channel with this tau_syn. */
  channel: Map<number, string>;
}

/** What every population writer gets. */
interface Context {
  pop: Population;
  name: string;
  network: Network;
  b: ScriptBuilder;
  notes: Set<string>;
  body: string[];
  dt: number;
  steps: number;
}

/** Brian2's integration methods for the neutral ones (`map`: no differential equations, no method). */
const METHODS: Record<NeutralNeuron['integration'], string | null> = { exact: 'exact', euler: 'euler', rk4: 'rk4', 'exponential-euler': 'exponential_euler', map: null };

/**
 * How each stimulus kind is exported: `bias` (constant: folded into I_bias), `tabulated`
 * (deterministic I(t): a TimedArray on the step grid), or a reason it is refused.
 */
const STIMULUS_EXPORT: Record<string, 'bias' | 'tabulated'> = { constant: 'bias', step: 'tabulated', ramp: 'tabulated', sine: 'tabulated', figure1: 'tabulated' };

/** `g_tau5ms`, `g_tau2p5ms`: the variable of the exponential channel with tau_syn ms. */
function channelName(tauMs: number): string {
  return `g_tau${pyNumber(tauMs).replace('.', 'p').replace('-', 'm').replace('+', '')}ms`;
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
  for (const s of pop.dendrite.stimuli as readonly Stimulus[]) {
    const how = STIMULUS_EXPORT[s.kind];
    if (how === 'bias') s.apply(0, 0, bias);
    else if (how === 'tabulated') {
      const mask = new Float64Array(pop.size);
      if (s.targets === null) mask.fill(1);
      else for (const i of s.targets) mask[i]++;
      varying.push({ stimulus: s as TimeFunctionStimulus, mask });
    } else {
      throw new ParameterError(`stimulus of ${pop.name}`, s.describe(), 'constant or deterministic time-varying stimuli (noise currents would be drawn anew by Brian2)');
    }
  }
  return { bias, varying };
}

/** Writes one population's group; returns what its synapses need. */
export function exportPopulation(pop: Population, name: string, network: Network, b: ScriptBuilder, notes: Set<string>, body: string[], dt: number, steps: number): GroupInfo {
  const soma = pop.soma;
  if (pop.size < 1) throw new ParameterError(`population ${pop.name}`, pop.size, 'at least one neuron (Brian2 groups are not empty)');
  if (!soma.spiking) throw new ParameterError(`population ${pop.name}`, soma.model, 'a spiking soma (rate somas have no Brian2 counterpart in this export)');
  const decl = declarationOf(soma, `population ${pop.name}`);
  const eq = decl.equations(soma, dt);
  if (eq === null) throw new ParameterError(`population ${pop.name}`, soma.model, `a soma with equations: one of ${INSTANCE_MODELS.join(', ')}`);
  const ctx: Context = { pop, name, network, b, notes, body, dt, steps };
  body.push('');
  const info = eq.kind === 'neuron' ? neuronGroup(ctx, eq) : SOURCES[eq.kind](ctx, eq as never);
  for (const text of decl.brian2Notes?.always?.(soma) ?? []) notes.add(text);
  if (info.delta) for (const text of decl.brian2Notes?.delta ?? []) notes.add(text);
  return info;
}

/** The sources, by the kind of their neutral description. */
const SOURCES: { [K in NeutralSource['kind']]: (ctx: Context, source: Extract<NeutralSource, { kind: K }>) => GroupInfo } = {
  poisson(ctx, source) {
    const { pop, name, b, body } = ctx;
    const py = `G_${name}`;
    body.push(`    # --- ${pyText(pop.name)}: ${pop.size} Poisson sources (Soma's PoissonSource: a spike with probability rate*dt per step) ---`);
    body.push(`    ${py} = PoissonGroup(${pop.size}, rates=${b.values(`${name}_rate`, source.rateHz, HZ)}, name=${pyString(name)})`);
    return { pop, py, brian2Name: name, group: 'PoissonGroup', input: null, delta: null, pulse: null, channel: new Map() };
  },
  'spike-list'(ctx, source) {
    const { pop, name, b, body, dt } = ctx;
    const py = `G_${name}`;
    // the step of each spike as Soma computes it: floor(t/dt + 1e-6); one spike per neuron and step
    const seen = new Set<string>();
    const idx: number[] = [], st: number[] = [];
    const order = Array.from({ length: source.timesMs.length }, (_, k) => k).sort((x, y) => source.timesMs[x] - source.timesMs[y]);
    for (const k of order) {
      const step = Math.floor(source.timesMs[k] / dt + 1e-6);
      const key = `${source.indices[k]}:${step}`;
      if (seen.has(key)) continue;
      seen.add(key);
      idx.push(source.indices[k]);
      st.push(step);
    }
    body.push(`    # --- ${pyText(pop.name)}: ${pop.size} spike generators (Soma's SpikeTimesSource; times on Soma's steps) ---`);
    const indices = idx.length ? b.array(`${name}_indices`, Int32Array.from(idx)) : 'np.zeros(0, dtype=np.int32)';
    const times = st.length ? `${b.array(`${name}_steps`, Int32Array.from(st))} * defaultclock.dt` : 'np.zeros(0) * ms';
    body.push(`    ${py} = SpikeGeneratorGroup(${pop.size}, ${indices}, ${times}, name=${pyString(name)})`);
    return { pop, py, brian2Name: name, group: 'SpikeGeneratorGroup', input: null, delta: null, pulse: null, channel: new Map() };
  },
};

/** A NeuronGroup from neutral equations, with the dendrite in the declared input unit. */
function neuronGroup(ctx: Context, eq: NeutralNeuron): GroupInfo {
  const { pop, name, network, b, notes, body, dt, steps } = ctx;
  const soma = pop.soma;
  const n = pop.size;
  const py = `G_${name}`;
  const quoted = pyString(name);
  const unit = BRIAN2_UNITS[eq.input.unit];
  const withFactors = eq.input.exponential === 'step-factor';
  const delta = eq.input.delta;
  const hasDelta = network.projections.some((p) => p.post === pop && p.synapse.type === 'delta' && !p.synapse.toInput);
  // delta synapses `toInput` (dendrite.ts `pulse`): the weight is input of the step it arrives in,
  // the same for every soma model: a term I_pulse of I_in, held over the step, then cleared
  const hasPulse = network.projections.some((p) => p.post === pop && p.synapse.type === 'delta' && p.synapse.toInput === true);
  const channels = pop.dendrite.channels;
  const { bias, varying } = splitStimuli(pop);
  if (pop.dendrite.jump.some((x) => x !== 0) || pop.dendrite.pulse.some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, 'delta input pending', 'a network without input in flight (reset() first)');
  for (const z of eq.mustBeZero ?? []) {
    if (soma.state[z.state].some((x) => x !== 0)) throw new ParameterError(`population ${pop.name}`, `${z.state} not 0 at start`, z.what);
  }
  const channel = new Map<number, string>(channels.map((c) => [c.tauSynMs, channelName(c.tauSynMs)]));
  const ns: string[] = [];
  const eqs: string[] = [];
  const init: string[] = [];
  const after: string[] = [];
  const stimulusTerms: string[] = [];
  const note = (text: string | undefined) => (text ? `  # ${text}` : '');

  // the soma: variables (d/dt = rhs, or stepped by the update), subexpressions, constants, state
  for (const v of eq.variables) {
    const u = BRIAN2_UNITS[v.unit].decl;
    eqs.push(v.rhs === null ? `${v.name} : ${u}${note(v.note)}` : `d${v.name}/dt = ${v.rhs} : ${u}${v.unlessRefractory ? ' (unless refractory)' : ''}${note(v.note)}`);
    if (v.state) init.push(`    ${py}.${v.name} = ${b.values(`${name}_${v.name}`, soma.state[v.state], BRIAN2_UNITS[v.unit])}`);
  }
  for (const s of eq.subexpressions ?? []) eqs.push(`${s.name} = ${s.expr} : ${BRIAN2_UNITS[s.unit].decl}${note(s.note)}`);
  if (hasDelta && delta.buffered) eqs.push(`jump : ${BRIAN2_UNITS[delta.unit].decl}  # delta-synapse input that arrived, added to ${delta.variable} before the next update (Soma's dendrite)`);
  for (const c of eq.constants) ns.push(`'${c.name}': ${pyNumber(c.value)}${BRIAN2_UNITS[c.unit].lit}`);

  // the dendrite: I_in = I_bias (+ I_stim) + (factor *) g per channel
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
      // Soma's step sees factor * g, then g decays by e^(-dt/tau): exported as that, not as an ODE
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
  if (hasPulse) {
    // summed last, as the dendrite adds its pulse after the channels
    terms.push('I_pulse');
    eqs.push(`I_pulse : ${unit.decl}  # delta-synapse input that arrived, input of the next step only (Soma's dendrite pulse)`);
  }
  eqs.push(`I_in = ${terms.join(' + ')} : ${unit.decl}  # the dendrite: bias + stimuli + synaptic currents${hasPulse ? ' + spikes of the step' : ''}`);
  if (uniform(bias)) ns.push(`'I_bias': ${pyNumber(bias[0])}${unit.lit}`);
  else {
    eqs.push(`I_bias : ${unit.decl} (constant)  # dendrite bias + constant stimuli, per neuron`);
    init.push(`    ${py}.I_bias = ${b.values(`${name}_I_bias`, bias, unit)}`);
  }

  // the group
  const args = [`threshold=${pyString(eq.threshold)}`];
  if (eq.reset !== null) args.push(`reset=${pyString(eq.reset)}`);
  if (eq.refractory !== null) args.push(`refractory=${'ms' in eq.refractory ? `${pyNumber(eq.refractory.ms)}*ms` : pyString(eq.refractory.condition)}`);
  const method = METHODS[eq.integration];
  if (method !== null) args.push(`method=${pyString(method)}`);
  body.push(`    # --- ${pyText(pop.name)}: ${n} x ${eq.title} ---`);
  body.push(`    ${py} = NeuronGroup(${n}, '''`);
  for (const e of eqs) body.push(`        ${e}`);
  body.push(`        ''', ${args.join(', ')},`);
  body.push(`        namespace={${ns.join(', ')}}, name=${quoted})`);
  body.push(...init);
  if (stimulusTerms.length) body.push(`    ${py}.run_regularly('I_stim = ${stimulusTerms.join(' + ')}', when='start', name=${pyString(`${name}_stimulus`)})`);

  // the per-step code: buffered delta input, the update, the channels' decay (a discrete map
  // does all in one block; a continuous model decays its channels after the integration)
  const stepCode = (code: string[], when: string) => {
    body.push(`    ${py}.run_regularly('''`);
    for (const c of code) body.push(`        ${c}`);
    body.push(`        ''', when=${pyString(when)}, name=${pyString(`${name}_${when === 'groups' ? 'step' : 'decay'}`)})`);
  };
  const update = [...(hasDelta && delta.buffered ? [`${delta.variable} = ${delta.variable} + jump`, 'jump = 0'] : []), ...(eq.update ?? [])];
  // the pulse is input of one step: cleared once the update has used it (in the same block, or
  // right after the groups), before this step's synapses deliver the next
  if (hasPulse) after.push('I_pulse = 0');
  if (eq.time === 'discrete') stepCode([...update, ...after], 'groups');
  else {
    if (update.length) stepCode(update, 'groups');
    if (after.length) stepCode(after, 'after_groups');
  }

  const onPre = delta.buffered ? 'jump_post += w' : delta.notWhileRefractory ? `${delta.variable}_post += w*int(not_refractory_post)` : `${delta.variable}_post += w`;
  return {
    pop, py, brian2Name: name, group: 'NeuronGroup', input: unit, channel,
    delta: hasDelta ? { statement: onPre, unit: BRIAN2_UNITS[delta.unit] } : null,
    pulse: hasPulse ? { statement: 'I_pulse_post += w', unit } : null,
  };
}
