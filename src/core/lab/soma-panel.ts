/**
 * The soma panel: the f-I curve of the chosen soma model with the ReLU fitted over it, and one
 * neuron's membrane trace under the chosen current (the model logic is fi.ts'), written into the
 * snapshot when a soma setting changes.
 */
import { ParameterError, SomaRuntimeError } from '../errors';
import { neuronTrace, resolveSoma, somaFiCurve } from './fi';
import type { LabState } from './lab-state';

/** Settings of the f-I panel's soma model and its single-neuron trace: changing one recomputes them. */
export const SOMA_SETTINGS = ['soma', 'tauMs', 'refractoryMs', 'izhA', 'izhB', 'izhC', 'izhD', 'hhGNa', 'hhGK', 'hhGL', 'current'] as const;

export class SomaPanel {
  /** Why the f-I panel could not use the soma parameters, or ''. */
  somaNote = '';

  /** Why the soma panel's run stopped (a non-finite state, one line), or ''. */
  somaFailure = '';

  constructor(private readonly lab: LabState) {}

  private get snapshot() {
    return this.lab.snapshot;
  }
  private get settings() {
    return this.lab.settings;
  }

  /**
   * f-I curve of the chosen soma model with the ReLU fitted over it, and one neuron's membrane
   * trace under the chosen current. Parameters the model refuses leave the last curve and set
   * `somaNote`; a state that stops being finite (SomaRuntimeError) sets `somaFailure` and blanks
   * the trace (NaN samples draw nothing) instead of plotting what is left of it.
   */
  computeFi(): void {
    const s = this.snapshot;
    this.somaFailure = '';
    try {
      const model = resolveSoma(this.settings);
      somaFiCurve(this.settings, s.fiDrive, s.fiRate, s.fiRelu);
      s.neuronSpikeCount = neuronTrace(this.settings, this.settings.current, s.neuronT, s.neuronV, s.neuronSpikes);
      s.somaModel = this.settings.soma;
      s.somaUnit = model.currentUnit;
      this.somaNote = '';
    } catch (e) {
      if (e instanceof SomaRuntimeError) {
        this.somaFailure = e.message;
        this.somaNote = e.message;
        s.neuronV.fill(NaN);
        s.neuronSpikeCount = 0;
      } else if (e instanceof ParameterError) this.somaNote = e.message;
      else throw e;
    }
    s.fiVersion++;
  }
}
