/**
 * The lab's conversion of the ANN's current weights into a spiking network (the bridge's
 * `convertNetwork`; the model logic is there), under the page's conversion options. The probe's
 * window and the region grid each convert through it; `spikingNote` says why nothing runs when
 * there is no spiking twin or the conversion is refused.
 */
import { ParameterError } from '../errors';
import { convertNetwork, type ConvertedNetwork } from '../experiments/convert';
import { lifActivationModel } from '../experiments/conversion-experiment';
import type { LabState } from './lab-state';
import { withLifSomas } from './probe';

/** Time step of the converted network, ms (at most one spike per ms per neuron). */
export const BIO_DT_MS = 1;

export class Conversion {
  /** Why the spiking side is not running (e.g. an activation with no spiking twin), or ''. */
  spikingNote = '';
  /** The training set's hidden activations and scores (the data-based normalisation's input). */
  private trainHidden = new Float64Array(0);
  private trainScores = new Float64Array(0);

  constructor(private readonly lab: LabState) {}

  private get settings() {
    return this.lab.settings;
  }
  private get trainer() {
    return this.lab.trainer;
  }
  private get train() {
    return this.lab.train;
  }

  /** Buffers for the network's shape and the data (after a reset). */
  resize(): void {
    const [, h, k] = this.trainer.sizes;
    this.trainHidden = new Float64Array(this.train.n * h);
    this.trainScores = new Float64Array(this.train.n * k);
  }

  /**
   * Converts the current weights (on a window boundary). ReLU networks: IF neurons, or LIF with
   * the settings' tau_m and t_ref. LIF-rate / soft-LIF networks (trained for spikes): hidden LIF
   * somas with the activation's own parameters, IF outputs. Returns null, with a note, for
   * sigmoid and tanh, which have no spiking twin.
   */
  convert(): ConvertedNetwork | null {
    const s = this.settings;
    const act = s.activation;
    if (this.lab.noData) {
      this.spikingNote = ''; // the page says "add points" (its status line, in the reader's language)
      return null;
    }
    if (act === 'sigmoid' || act === 'tanh') {
      this.spikingNote = `activation ${act}: no spiking twin (a firing rate is never negative and has no sigmoid shape); the spiking side runs relu (integrate-and-fire) and lif-rate / soft-lif (LIF) networks`;
      return null;
    }
    this.trainer.forward(this.train.x, this.train.n, this.trainHidden, this.trainScores);
    const data = { n: this.train.n, x: this.train.x, hidden: this.trainHidden, scores: this.trainScores };
    try {
      if (act === 'lif-rate' || act === 'soft-lif') {
        const model = lifActivationModel(act);
        this.spikingNote = `${act} network, trained for spikes: hidden LIF somas with the activation's tau_m = ${model.tauMs} ms, t_ref = ${model.refractoryMs} ms; integrate-and-fire outputs`;
        return convertNetwork(this.trainer.network(), data, { neuron: 'lif', norm: s.norm, encoding: s.encoding, dtMs: BIO_DT_MS }, model);
      }
      this.spikingNote = '';
      // the page's LIF network neuron is the core's LIF soma (reset to rest, t_ref): withLifSomas
      // takes the leaky map with reset to zero, not the conversion's default (reset by subtraction)
      const net = convertNetwork(this.trainer.network(), data, { neuron: s.neuron, norm: s.norm, encoding: s.encoding, dtMs: BIO_DT_MS, tauMs: s.tauMs, reset: 'zero', leak: 'none' });
      return s.neuron === 'lif' ? withLifSomas(net, s.refractoryMs) : net;
    } catch (e) {
      if (!(e instanceof ParameterError)) throw e;
      this.spikingNote = e.message;
      return null;
    }
  }
}
