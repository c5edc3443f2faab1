/**
 * The firing patterns of Izhikevich (2004), "Which model to use for cortical spiking neurons?"
 * (IEEE TNN 15:1063), Fig. 1, with the parameters, initial state, time step, duration and the
 * time-varying stimulus of the paper's own code (figure1.m). Each stimulus is a sum of the
 * stimuli of stimulus.ts. The class 1 preset uses dv/dt = 0.04 v^2 + 4.1 v + 108 - u + I.
 */
import type { IzhikevichParams } from './izhikevich';
import { ConstantStimulus, RampStimulus, StepStimulus, type Stimulus } from './stimulus';

/** One firing pattern of Izhikevich (2004): parameters, initial v (mV), dt and duration (ms), stimulus. */
export interface Izhikevich2004Preset {
  /** What the pattern is, in the paper's words. */
  description: string;
  params: Partial<IzhikevichParams>;
  /** Initial v (mV); u starts at b * v0. */
  v0Mv: number;
  dtMs: number;
  durationMs: number;
  /** The stimulus, as a sum of simple stimuli (fresh objects on each call). */
  stimuli(): Stimulus[];
}

/** The 2004 firing patterns by name (letters as in Fig. 1 of the paper). */
export const IZHIKEVICH_2004_PRESETS = {
  tonic_spiking: {
    description: '(A) tonic spiking: fires regularly while the input lasts',
    params: { a: 0.02, b: 0.2, c: -65, d: 6 }, v0Mv: -70, dtMs: 0.25, durationMs: 100,
    stimuli: () => [new StepStimulus(14, 10)],
  },
  phasic_spiking: {
    description: '(B) phasic spiking: a single spike at the onset of the input',
    params: { a: 0.02, b: 0.25, c: -65, d: 6 }, v0Mv: -64, dtMs: 0.25, durationMs: 200,
    stimuli: () => [new StepStimulus(0.5, 20)],
  },
  tonic_bursting: {
    description: '(C) tonic bursting: periodic bursts of spikes',
    params: { a: 0.02, b: 0.2, c: -50, d: 2 }, v0Mv: -70, dtMs: 0.25, durationMs: 220,
    stimuli: () => [new StepStimulus(15, 22)],
  },
  phasic_bursting: {
    description: '(D) phasic bursting: one burst at the onset of the input',
    params: { a: 0.02, b: 0.25, c: -55, d: 0.05 }, v0Mv: -64, dtMs: 0.2, durationMs: 200,
    stimuli: () => [new StepStimulus(0.6, 20)],
  },
  mixed_mode: {
    description: '(E) mixed mode: a burst at onset, then tonic spiking',
    params: { a: 0.02, b: 0.2, c: -55, d: 4 }, v0Mv: -70, dtMs: 0.25, durationMs: 160,
    stimuli: () => [new StepStimulus(10, 16)],
  },
  spike_frequency_adaptation: {
    description: '(F) spike-frequency adaptation: inter-spike intervals lengthen',
    params: { a: 0.01, b: 0.2, c: -65, d: 8 }, v0Mv: -70, dtMs: 0.25, durationMs: 85,
    stimuli: () => [new StepStimulus(30, 8.5)],
  },
  class_1: {
    description: '(G) class 1 excitable: the rate grows from zero with a ramp of input',
    params: { a: 0.02, b: -0.1, c: -55, d: 6, k1: 4.1, k0: 108 }, v0Mv: -60, dtMs: 0.25, durationMs: 300,
    stimuli: () => [new RampStimulus(0, 0.075 * 270, 30, 300)],
  },
  class_2: {
    description: '(H) class 2 excitable: fires at a non-zero rate once a ramp passes threshold',
    params: { a: 0.2, b: 0.26, c: -65, d: 0 }, v0Mv: -64, dtMs: 0.25, durationMs: 300,
    stimuli: () => [new ConstantStimulus(-0.5), new RampStimulus(0, 0.015 * 270, 30, 300)],
  },
  spike_latency: {
    description: '(I) spike latency: a short pulse, one spike after a delay',
    params: { a: 0.02, b: 0.2, c: -65, d: 6 }, v0Mv: -70, dtMs: 0.2, durationMs: 100,
    stimuli: () => [new StepStimulus(7.04, 10, 13)],
  },
  rebound_spike: {
    description: '(M) rebound spike: one spike after an inhibitory pulse ends',
    params: { a: 0.03, b: 0.25, c: -60, d: 4 }, v0Mv: -64, dtMs: 0.2, durationMs: 200,
    stimuli: () => [new StepStimulus(-15, 20, 25)],
  },
  rebound_burst: {
    description: '(N) rebound burst: a burst after an inhibitory pulse ends',
    params: { a: 0.03, b: 0.25, c: -52, d: 0 }, v0Mv: -64, dtMs: 0.2, durationMs: 200,
    stimuli: () => [new StepStimulus(-15, 20, 25)],
  },
} satisfies Record<string, Izhikevich2004Preset>;
/** A name of IZHIKEVICH_2004_PRESETS. */
export type Izhikevich2004PresetName = keyof typeof IZHIKEVICH_2004_PRESETS;
