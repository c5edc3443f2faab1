/**
 * The projections of the Brian2 export (brian2.ts): every synapse as (pre, post, weight, delay),
 * read by the projection's `kind` (a sparse projection from its CSR; any other kind, the
 * extension point, through what its `scatter` does), written as one Synapses object each.
 */
import { delayToSteps, type Projection, type SparseProjection } from '../bio/projection';
import type { Population } from '../bio/population';
import { ParameterError } from '../errors';
import type { GroupInfo } from './brian2-groups';
import { identifier, pyNumber, pyString, pyText, uniform, type ScriptBuilder, type Unit } from './brian2-python';

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

/** The protected `scatter` of a projection, called to read what one presynaptic spike does. */
interface Scatterable {
  scatter(pre: number, delayGroup: number, target: Float64Array, gain: number): void;
}

type Add = (pre: number, post: number, weight: number, delaySteps: number) => void;

/** Readers of the synapses by projection kind; kinds not listed are read through `scatter`. */
const SYNAPSE_READERS: Record<string, (p: Projection, steps: number[], add: Add) => void> = {
  sparse(p, steps, add) {
    (p as SparseProjection).csr.forEach((c, g) => {
      for (let i = 0; i < p.pre.size; i++) for (let s = c.rowPtr[i]; s < c.rowPtr[i + 1]; s++) add(i, c.col[s], c.weight[s], steps[g]);
    });
  },
};

/**
 * Any projection read by what it does: the target array a spike of each presynaptic neuron adds
 * into, per delay group; non-zero entries are synapses (several synapses between one pair act as
 * their sum, which is what Soma delivers).
 */
function readByScatter(p: Projection, steps: number[], add: Add): void {
  const target = new Float64Array(p.post.size);
  const scatter = (p as unknown as Scatterable).scatter.bind(p);
  for (let g = 0; g < p.delaysMs.length; g++) {
    for (let i = 0; i < p.pre.size; i++) {
      target.fill(0);
      scatter(i, g, target, 1); // gain 1: the weights themselves (scaled channels pass 1/s)
      for (let j = 0; j < target.length; j++) if (target[j] !== 0) add(i, j, target[j], steps[g]);
    }
  }
}

/** Every synapse of a projection as (pre, post, weight, delay in steps), in presynaptic order. */
export function synapseList(p: Projection, dtMs: number): { pre: Int32Array; post: Int32Array; weight: Float64Array; delaySteps: Int32Array } {
  const pre: number[] = [], post: number[] = [], weight: number[] = [], delay: number[] = [];
  const steps = p.delaysMs.map((d) => delayToSteps(d, dtMs));
  (SYNAPSE_READERS[p.kind] ?? readByScatter)(p, steps, (i, j, w, d) => { pre.push(i); post.push(j); weight.push(w); delay.push(d); });
  return { pre: Int32Array.from(pre), post: Int32Array.from(post), weight: Float64Array.from(weight), delaySteps: Int32Array.from(delay) };
}

/** Writes one projection as a Synapses object (null when it has no synapses). */
export function exportProjection(p: Projection, groups: Map<Population, GroupInfo>, b: ScriptBuilder, used: Set<string>, body: string[], dt: number): ExportedSynapses | null {
  const pre = groups.get(p.pre)!, post = groups.get(p.post)!;
  if (post.input === null) throw new ParameterError(`projection ${p.name}`, post.pop.soma.model, 'a projection onto neurons (sources ignore their input)');
  const name = identifier(p.name, used);
  const list = synapseList(p, dt);
  const kind = p.synapse.type === 'delta' ? (p.synapse.toInput ? 'delta (input of the step it arrives in)' : 'delta') : `exponential tau_syn ${pyNumber(p.synapse.tauSynMs)} ms`;
  body.push('');
  if (list.pre.length === 0) {
    body.push(`    # --- ${pyText(p.name)}: no synapses (nothing to export) ---`);
    used.delete(name);
    return null;
  }
  let onPre: string, unit: Unit;
  if (p.synapse.type === 'delta') {
    const how = p.synapse.toInput ? post.pulse : post.delta;
    if (!how) throw new Error(`internal: no delta statement for ${post.pop.name}`);
    onPre = how.statement;
    unit = how.unit;
  } else {
    onPre = `${post.channel.get(p.synapse.tauSynMs)!}_post += w`;
    unit = post.input;
  }
  const py = `S_${name}`;
  body.push(`    # --- ${pyText(p.name)}: ${list.pre.length} synapses, ${kind}; Soma's delay of d steps is Brian2's (d - 1) dt ---`);
  body.push(`    ${py} = Synapses(${pre.py}, ${post.py}, model='w : ${unit.decl} (constant)', on_pre=${pyString(onPre)}, name=${pyString(name)})`);
  body.push(`    ${py}.connect(i=${b.array(`${name}_i`, list.pre)}, j=${b.array(`${name}_j`, list.post)})`);
  body.push(`    ${py}.w = ${b.values(`${name}_w`, list.weight, unit)}`);
  const brianDelay = Int32Array.from(list.delaySteps, (d) => d - 1);
  body.push(uniform(brianDelay)
    ? `    ${py}.delay = ${brianDelay[0]} * defaultclock.dt`
    : `    ${py}.delay = ${b.array(`${name}_delay_steps`, brianDelay)} * defaultclock.dt`);
  return { name: p.name, brian2Name: name, pre: pre.brian2Name, post: post.brian2Name, count: list.pre.length, kind };
}
