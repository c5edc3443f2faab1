/**
 * `soma convert --soma MODEL[,MODEL...]`: real neurons carry the network (experiments/soma-experiment.ts).
 * Per model: the ReLU ANN, the ANN trained through the model's own f-I curve and the spiking network
 * of that model, against T; the current map, the fit's largest error and rate vs activation r.
 */
import { ParameterError } from '../../core/errors';
import type { ConvertDataset } from '../../core/experiments/conversion-experiment';
import { runSomaExperiment, SOMA_DEFAULT_TIMES_MS, type SomaExperimentResult } from '../../core/experiments/soma-experiment';
import type { TrainOptions } from '../../core/ann/index';
import { numberOption, stringOption } from '../args';
import type { CommandContext, CommandResult, ParsedOptions } from '../command';

/** Options only `--soma` takes (declared in convert.ts with the others). */
export const SOMA_OPTIONS = {
  soma: { kind: 'string', value: 'MODEL[:PRESET],...', help: 'hidden layer of real neurons: lif, izhikevich:RS (FS, CH, LTS, ...), hh, relu; trains through each model\'s f-I curve (several: comma-separated)' },
  'fi-ms': { kind: 'string', value: 'MS', default: 'the longest T', help: '--soma: window of the f-I curve the ANN trains through, ms' },
  smoothing: { kind: 'string', value: 'S', default: '1', help: '--soma: width of the f-I fit\'s logistic steps, in current spacings' },
} as const;

/** Runs `--soma` (each model in turn, the same data, split and seed). */
export async function runSomaConvert(options: ParsedOptions, context: CommandContext, dataset: ConvertDataset, seed: number, tMsGiven: number[] | undefined, train: Partial<TrainOptions>): Promise<CommandResult> {
  const somas = stringOption(options, 'soma')!.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (somas.length === 0 || somas.length > 8) throw new ParameterError('--soma', options.soma, '1 to 8 models, comma-separated (lif, izhikevich:RS, hh, relu)');
  for (const o of ['network', 'project', 'neuron', 'norm', 'encoding', 'reset', 'leak', 'tail', 'activation']) {
    if (options[o] !== undefined) throw new ParameterError(`--${o}`, options[o], 'nothing with --soma (the hidden layer is the soma model, the input a constant current)');
  }
  const tMs = tMsGiven ?? SOMA_DEFAULT_TIMES_MS;
  const fiMs = options['fi-ms'] !== undefined ? numberOption(options, 'fi-ms', 1000, { min: 0, minExclusive: true, max: 1e5 }) : undefined;
  const smoothing = numberOption(options, 'smoothing', 1, { min: 0.05, max: 20 });
  const dtMs = options.dt !== undefined ? numberOption(options, 'dt', 0.1, { min: 0, minExclusive: true, max: 10 }) : undefined;
  const results: SomaExperimentResult[] = [];
  for (const soma of somas) {
    results.push(await runSomaExperiment({
      dataset, soma, seed, tMs, fiMs, dtMs, smoothing, train,
      onProgress: (f, m) => context.progress(`convert ${dataset} --soma ${soma}: ${(100 * f).toFixed(0)}% ${m}`),
    }));
  }
  return {
    json: {
      models: results.map((r) => ({
        soma: r.soma, model: r.model, preset: r.preset, current_unit: r.currentUnit, dt_ms: r.dtMs, fi_ms: r.fiMs,
        relu_ann_acc: r.reluAnnAcc, fi_ann_acc: r.fiAnnAcc, snn: r.snn.map((c) => ({ t_ms: c.tMs, acc: c.acc, agreement: c.agreement })),
        gap_points: r.gapPoints, rate_vs_activation_r: r.rateVsActivationR,
        current_offset: r.currentOffset, current_scale: r.currentScale, amplitude_per_hz: r.amplitudePerHz, data_scale: r.dataScale,
        rheobase: r.rheobase, max_fit_error_hz: r.maxFitErrorHz, top_rate_hz: r.topRateHz,
        train_ms: Math.round(r.timings.trainMs), simulate_ms: Math.round(r.timings.simulateMs),
      })),
      options: { dataset, seed, T: tMs, fi_ms: fiMs ?? null, smoothing, dt_ms: dtMs ?? null, train },
    },
    tables: [
      {
        title: `convert ${dataset} --soma: test accuracy of the ReLU ANN, the ANN trained through each model's f-I curve, and the spiking network of that model, against T`,
        columns: ['soma', 't_ms', 'relu_ann_acc', 'fi_ann_acc', 'snn_acc', 'agreement'],
        rows: results.flatMap((r) => r.snn.map((c) => [r.soma, c.tMs, r.reluAnnAcc, r.fiAnnAcc, c.acc, c.agreement])),
      },
      {
        title: 'each model as an activation: I = I_0 + c u (model units), activation = A x rate; the monotone fit\'s largest error against the measured f-I curve',
        columns: ['soma', 'unit', 'dt_ms', 'fi_ms', 'rheobase', 'I_0', 'c', 'A_per_hz', 'max_fit_error_hz', 'top_rate_hz', 'rate_vs_activation_r', 'gap_points'],
        rows: results.map((r) => [r.soma, r.currentUnit, r.dtMs, r.fiMs, r.rheobase, r.currentOffset, r.currentScale, r.amplitudePerHz, r.maxFitErrorHz, r.topRateHz, r.rateVsActivationR, r.gapPoints]),
      },
    ],
  };
}
