/**
 * The 20 firing patterns of Izhikevich (2004), "Which model to use for cortical spiking neurons?"
 * (IEEE TNN 15:1063), Fig. 1, as the code published with the paper (figure1.m) computes them:
 * its parameters, initial v and u, time step tau, duration, its stimulus I(t) with the strict
 * inequalities of each panel (a pulse "from T1" is on for t > T1), and its scheme (`figure1`:
 * one Euler step of v, then u from the new v; a spike when v > 30).
 *
 * figure1.m loops over tspan = 0:tau:T, T/tau + 1 steps, the stimulus taken at each t = k tau:
 * `durationMs` is therefore T + tau. Panels G (class 1) and L (integrator) use
 * dv/dt = 0.04 v^2 + 4.1 v + 108 - u + I; panel R (accommodation) uses du/dt = a b (v + 65) and u0 = -16
 * (scheme `figure1-accommodation`). Checked spike for spike against a port of figure1.m
 * (scripts/izhikevich/figure1.py, reference/izhikevich_figure1.json).
 */
import type { IzhikevichParams } from './izhikevich';
import { TimeFunctionStimulus, type Stimulus } from './stimulus';

/** One firing pattern of Izhikevich (2004): parameters, initial state, dt and duration (ms), stimulus. */
export interface Izhikevich2004Preset {
  /** What the pattern is, in the paper's words, with its panel letter. */
  description: string;
  params: Partial<IzhikevichParams>;
  /** Initial v (mV). */
  v0Mv: number;
  /** Initial u (default b * v0). */
  u0?: number;
  dtMs: number;
  /** T + tau: the T/tau + 1 steps of figure1.m's loop over 0:tau:T. */
  durationMs: number;
  /** The stimulus (fresh objects on each call). */
  stimuli(): Stimulus[];
}

/** A stimulus of figure1.m: I(t) as the panel's code writes it (t in ms, I in model units). */
export class Figure1Stimulus extends TimeFunctionStimulus {
  readonly kind = 'figure1';
  constructor(private readonly text: string, private readonly current: (tMs: number) => number) {
    super(null);
  }
  valueAt(tMs: number): number {
    return this.current(tMs);
  }
  describe(): string {
    return this.text;
  }
}

/** A panel of Fig. 1: a, b, c, d, v0, tau, T and I(t) as in figure1.m. */
function panel(
  description: string, abcd: [number, number, number, number], v0Mv: number, tau: number, T: number,
  text: string, current: (t: number) => number, extra: Partial<IzhikevichParams> = {}, u0?: number,
): Izhikevich2004Preset {
  const [a, b, c, d] = abcd;
  return {
    description, params: { a, b, c, d, scheme: 'figure1', ...extra }, v0Mv, u0, dtMs: tau, durationMs: T + tau,
    stimuli: () => [new Figure1Stimulus(text, current)],
  };
}

const CLASS_1 = { k1: 4.1, k0: 108 };
/** Pulses on for T < t < T + width, each T of `starts` (figure1.m's strict inequalities). */
const pulses = (starts: number[], width: number, amp: number, base = 0) => (t: number) => (starts.some((s) => t > s && t < s + width) ? amp : base);
const T_K = [400 / 10, 400 / 10 + 20, 0.7 * 400, 0.7 * 400 + 40];
const T_L = [100 / 11, 100 / 11 + 5, 0.7 * 100, 0.7 * 100 + 10];
const T_P = [300 / 8, 216];

/** The 2004 firing patterns by name (letters as in Fig. 1 of the paper). */
export const IZHIKEVICH_2004_PRESETS = {
  tonic_spiking: panel('(A) tonic spiking: fires regularly while the input lasts', [0.02, 0.2, -65, 6], -70, 0.25, 100, '14 for t > 10 ms', (t) => (t > 100 / 10 ? 14 : 0)),
  phasic_spiking: panel('(B) phasic spiking: a single spike at the onset of the input', [0.02, 0.25, -65, 6], -64, 0.25, 200, '0.5 for t > 20 ms', (t) => (t > 20 ? 0.5 : 0)),
  tonic_bursting: panel('(C) tonic bursting: periodic bursts of spikes', [0.02, 0.2, -50, 2], -70, 0.25, 220, '15 for t > 22 ms', (t) => (t > 22 ? 15 : 0)),
  phasic_bursting: panel('(D) phasic bursting: one burst at the onset of the input', [0.02, 0.25, -55, 0.05], -64, 0.2, 200, '0.6 for t > 20 ms', (t) => (t > 20 ? 0.6 : 0)),
  mixed_mode: panel('(E) mixed mode: a burst at onset, then tonic spiking', [0.02, 0.2, -55, 4], -70, 0.25, 160, '10 for t > 16 ms', (t) => (t > 160 / 10 ? 10 : 0)),
  spike_frequency_adaptation: panel('(F) spike-frequency adaptation: inter-spike intervals lengthen', [0.01, 0.2, -65, 8], -70, 0.25, 85, '30 for t > 8.5 ms', (t) => (t > 85 / 10 ? 30 : 0)),
  class_1: panel('(G) class 1 excitable: the rate grows from zero with a ramp of input', [0.02, -0.1, -55, 6], -60, 0.25, 300, '0.075 (t - 30) for t > 30 ms', (t) => (t > 30 ? 0.075 * (t - 30) : 0), CLASS_1),
  class_2: panel('(H) class 2 excitable: fires at a non-zero rate once a ramp passes threshold', [0.2, 0.26, -65, 0], -64, 0.25, 300, '-0.5 + 0.015 (t - 30) for t > 30 ms, else -0.5', (t) => (t > 30 ? -0.5 + 0.015 * (t - 30) : -0.5)),
  spike_latency: panel('(I) spike latency: a short pulse, one spike after a delay', [0.02, 0.2, -65, 6], -70, 0.2, 100, '7.04 for 10 < t < 13 ms', pulses([100 / 10], 3, 7.04)),
  subthreshold_oscillations: panel('(J) subthreshold oscillations: a pulse, one spike, damped oscillations', [0.05, 0.26, -60, 0], -62, 0.25, 200, '2 for 20 < t < 25 ms', pulses([200 / 10], 5, 2)),
  resonator: panel('(K) resonator: a pair of pulses 20 ms apart does not fire it, a pair 40 ms apart (its resonance) does', [0.1, 0.26, -60, -1], -62, 0.25, 400, '0.65 for 4 ms from 40, 60, 280 and 320 ms', pulses(T_K, 4, 0.65)),
  integrator: panel('(L) integrator: fires to close pulses (5 ms apart), not to distant ones', [0.02, -0.1, -55, 6], -60, 0.25, 100, '9 for 2 ms from 9.09, 14.09, 70 and 80 ms', pulses(T_L, 2, 9), CLASS_1),
  rebound_spike: panel('(M) rebound spike: one spike after an inhibitory pulse ends', [0.03, 0.25, -60, 4], -64, 0.2, 200, '-15 for 20 < t < 25 ms', pulses([20], 5, -15)),
  rebound_burst: panel('(N) rebound burst: a burst after an inhibitory pulse ends', [0.03, 0.25, -52, 0], -64, 0.2, 200, '-15 for 20 < t < 25 ms', pulses([20], 5, -15)),
  threshold_variability: panel('(O) threshold variability: a pulse fires only after an inhibitory one', [0.03, 0.25, -60, 4], -64, 0.25, 100, '1 for 10 < t < 15 and 80 < t < 85 ms, -6 for 70 < t < 75 ms', (t) => ((t > 10 && t < 15) || (t > 80 && t < 85) ? 1 : t > 70 && t < 75 ? -6 : 0)),
  bistability: panel('(P) bistability: a pulse starts tonic spiking, a second one stops it', [0.1, 0.26, -60, 0], -61, 0.25, 300, '1.24 for 5 ms from 37.5 and 216 ms, else 0.24', pulses(T_P, 5, 1.24, 0.24)),
  depolarizing_after_potential: panel('(Q) depolarizing after-potential: one spike, then a depolarised after-potential', [1, 0.2, -60, -21], -70, 0.1, 50, '20 for |t - 10| < 1 ms', (t) => (Math.abs(t - 10) < 1 ? 20 : 0)),
  accommodation: panel('(R) accommodation: a slow ramp does not fire, a fast one does', [0.02, 1, -55, 4], -65, 0.5, 400, 't/25 for t < 200 ms, 4 (t - 300)/12.5 for 300 <= t < 312.5 ms', (t) => (t < 200 ? t / 25 : t < 300 ? 0 : t < 312.5 ? ((t - 300) / 12.5) * 4 : 0), { scheme: 'figure1-accommodation' }, -16),
  inhibition_induced_spiking: panel('(S) inhibition-induced spiking: fires while the input is lowered', [-0.02, -1, -60, 8], -63.8, 0.5, 350, '80, lowered to 75 for 50 <= t <= 250 ms', (t) => (t < 50 || t > 250 ? 80 : 75)),
  inhibition_induced_bursting: panel('(T) inhibition-induced bursting: bursts while the input is lowered', [-0.026, -1, -45, -2], -63.8, 0.5, 350, '80, lowered to 75 for 50 <= t <= 250 ms', (t) => (t < 50 || t > 250 ? 80 : 75)),
} satisfies Record<string, Izhikevich2004Preset>;
/** A name of IZHIKEVICH_2004_PRESETS. */
export type Izhikevich2004PresetName = keyof typeof IZHIKEVICH_2004_PRESETS;
