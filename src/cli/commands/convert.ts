/**
 * `soma convert`: converts a trained network (or trains one first) to a spiking network and
 * compares them on the held-out test split: accuracy and agreement against simulated time T,
 * hidden rates against ReLU activations, time to the first correct decision.
 */
import { HIDDEN_ACTIVATIONS, INITS, OPTIMIZERS, TRAIN_DEFAULTS, type TrainOptions } from '../../core/ann/index';
import { ParameterError } from '../../core/errors';
import { parseNetworkFileText, type NetworkFile } from '../../core/export/network-file';
import { readProjectOption } from '../project';
import { INPUT_ENCODINGS, LEAK_COMPENSATIONS, LEAKY_RESETS, NORMALISATIONS, SPIKING_NEURONS, TAIL_CORRECTIONS } from '../../core/experiments/convert';
import {
  CONVERT_DATASETS, DEFAULT_TEST_FRACTION, DEFAULT_TIMES_MS, runConversionExperiment,
} from '../../core/experiments/conversion-experiment';
import { choiceOption, networkShapeOption, numberListOption, numberOption, parseNumber, stringOption, seedOption } from '../args';
import type { Command } from '../command';
import { readTextFile } from '../files';
import { LIMITS } from '../limits';
import { runSomaConvert, SOMA_OPTIONS } from './convert-soma';

/**
 * Training defaults of `convert` for the digits: the backprop core's documented digits run
 * (README, `train --dataset digits`). Its general defaults (10,000 full-batch iterations) take
 * about 0.8 s per iteration on 8,000 digits here, two hours in all; these take seconds.
 */
export const DIGITS_TRAIN_DEFAULTS: Partial<TrainOptions> = { hidden: 32, batch: 200, optimizer: 'adam', lr: 0.005, iters: 1500, init: 'he', reg: 1e-4 };

export const convertCommand: Command = {
  name: 'convert',
  summary: 'convert a trained network to spiking neurons; accuracy and agreement against time T, rates vs ReLU activations',
  examples: [
    'npx soma convert --dataset spiral --T 10,20,50,100,200 --seed 0 --format json',
    'npx soma convert --dataset iris --neuron lif --norm p99.9 --encoding poisson --T 50,100,200,500',
    'npx soma convert --dataset spiral --activation soft-lif --neuron lif',
    'npx soma convert --dataset moons --soma lif,izhikevich:RS,izhikevich:FS --T 10,20,50,100,200,500,1000 --format csv',
    'npx soma train --dataset digits --hidden 32 --batch 200 --optimizer adam --lr 0.005 --iters 2000 --save digits.json && npx soma convert --dataset digits --network digits.json',
  ],
  options: {
    dataset: { kind: 'string', value: CONVERT_DATASETS.join('|'), help: 'data set (required)' },
    project: { kind: 'string', value: 'FILE', help: 'a project saved by the page (lesson.soma.json): its network, and its data set, neuron, norm and encoding where not given' },
    network: { kind: 'string', value: 'FILE', help: 'trained network (soma train --save); without it one is trained with the backprop defaults' },
    hidden: { kind: 'string', value: 'H[,H2,...]', default: `${TRAIN_DEFAULTS.hidden}; digits ${DIGITS_TRAIN_DEFAULTS.hidden}`, help: 'hidden units of the network trained here, one number per layer (32,16: two hidden layers, each normalised by its own scale; 0: linear) (training defaults: the backprop core\'s; for digits its digits run: adam, lr 0.005, batch 200, 1500 iters, he init, reg 1e-4)' },
    activation: { kind: 'string', value: 'relu|soft-lif|lif-rate', default: 'relu', help: 'hidden activation of the network trained here (soft-lif / lif-rate: run with --neuron lif)' },
    iters: { kind: 'string', value: 'N', default: `${TRAIN_DEFAULTS.iters}; digits ${DIGITS_TRAIN_DEFAULTS.iters}`, help: 'training iterations' },
    lr: { kind: 'string', value: 'LR', default: `${TRAIN_DEFAULTS.lr}; digits ${DIGITS_TRAIN_DEFAULTS.lr}`, help: 'learning rate' },
    batch: { kind: 'string', value: 'full|N', default: `full; digits ${DIGITS_TRAIN_DEFAULTS.batch}`, help: 'full batch or minibatch size' },
    optimizer: { kind: 'string', value: OPTIMIZERS.join('|'), default: `${TRAIN_DEFAULTS.optimizer}; digits ${DIGITS_TRAIN_DEFAULTS.optimizer}`, help: 'update rule' },
    init: { kind: 'string', value: INITS.join('|'), default: `${TRAIN_DEFAULTS.init}; digits ${DIGITS_TRAIN_DEFAULTS.init}`, help: 'initial weights of the network trained here (he for deeper stacks: 0.01 randn through 3 layers leaves gradients of ~1e-8)' },
    neuron: { kind: 'string', value: SPIKING_NEURONS.join('|'), default: 'if', help: 'if: integrate-and-fire, reset by subtraction; lif: leaky (tau 20 ms), see --reset and --leak' },
    reset: { kind: 'string', value: LEAKY_RESETS.join('|'), default: 'subtract', help: 'lif: reset by subtracting the threshold (Rueckauer 2017) or to zero (before 2026-12)' },
    tail: { kind: 'string', value: TAIL_CORRECTIONS.join('|'), default: 'mean', help: 'soft-lif networks: add the mean activation the soft-LIF has and the spiking LIF lacks (training data) to the output bias, or not' },
    leak: { kind: 'string', value: LEAK_COMPENSATIONS.join('|'), default: 'mean with --reset subtract, none with zero', help: 'lif: add back the mean leak (1 - e^(-dt/tau)) / 2 per step as a bias, or not' },
    norm: { kind: 'string', value: NORMALISATIONS.join('|'), default: 'max', help: 'weight normalisation: max activation (Diehl 2015) or 99.9th percentile (Rueckauer 2017)' },
    encoding: { kind: 'string', value: INPUT_ENCODINGS.join('|'), default: 'current', help: 'input as constant current or seeded Poisson spikes' },
    T: { kind: 'string', value: 'MS,...', default: DEFAULT_TIMES_MS.join(','), help: 'simulated times at which accuracy is read, ms (list a,b,c or range start:stop:step)' },
    dt: { kind: 'string', value: 'MS', default: '1', help: 'time step, ms (at most one spike per step)' },
    seed: { kind: 'string', value: 'N', default: '0', help: 'seed of the data, split, training and Poisson input' },
    'test-fraction': { kind: 'string', value: 'F', default: String(DEFAULT_TEST_FRACTION), help: 'held-out fraction (a network file brings its own)' },
    'limit-per-class': { kind: 'string', value: 'N', help: 'digits: use only the first N images of each digit' },
    size: { kind: 'string', value: '14|28', default: '14', help: 'digits: image side' },
    'max-points': { kind: 'string', value: 'N', default: '2000', help: 'at most N [rate, activation] pairs in hidden_rates' },
    ...SOMA_OPTIONS,
  },
  async run(options, context) {
    const projectNetwork = readProjectOption(options); // --project: its network, and its settings where options are absent
    const raw = stringOption(options, 'dataset');
    if (raw === undefined) throw new ParameterError('--dataset', undefined, `one of ${CONVERT_DATASETS.join(', ')}`);
    const dataset = choiceOption(options, 'dataset', CONVERT_DATASETS, 'spiral');
    const seed = seedOption(options, 0);
    const tGiven = numberListOption(options, 'T');
    const tMs = tGiven ?? DEFAULT_TIMES_MS;
    for (const t of tMs) if (!(t > 0)) throw new ParameterError('--T', t, 'times in ms, each > 0');
    for (const o of ['fi-ms', 'smoothing']) if (options[o] !== undefined && options.soma === undefined) throw new ParameterError(`--${o}`, options[o], 'nothing without --soma (it sets the soma model\'s f-I curve)');
    if (options.soma !== undefined) {
      const { seed: _s, ...base } = TRAIN_DEFAULTS;
      const train: Partial<TrainOptions> = { ...base, hidden: numberOption(options, 'hidden', base.hidden, { min: 1, max: 100_000, integer: true }), iters: numberOption(options, 'iters', base.iters, { min: 1, max: 1e9, integer: true }), lr: numberOption(options, 'lr', base.lr, { min: 0, minExclusive: true }) };
      return runSomaConvert(options, context, dataset, seed, tGiven, train);
    }
    const dtMs = numberOption(options, 'dt', 1, { min: 0, minExclusive: true, max: 10 });
    // At least one step: 1e-320 ms is within round-off of 0 x dt, and a time of no steps has no spikes to read.
    for (const t of tMs) if (Math.abs(t / dtMs - Math.round(t / dtMs)) > 1e-9 || Math.round(t / dtMs) < 1) throw new ParameterError('--T', t, `a multiple of --dt ${dtMs} ms, at least one step`);
    for (const t of tMs) if (t / dtMs > LIMITS.steps) throw new ParameterError('--T', t, `at most ${LIMITS.steps * dtMs} ms at --dt ${dtMs} ms (${LIMITS.steps.toExponential(0)} steps)`);
    const conversion = {
      neuron: choiceOption(options, 'neuron', SPIKING_NEURONS, 'if'),
      norm: choiceOption(options, 'norm', NORMALISATIONS, 'max'),
      encoding: choiceOption(options, 'encoding', INPUT_ENCODINGS, 'current'),
      dtMs,
      reset: choiceOption(options, 'reset', LEAKY_RESETS, 'subtract'),
      ...(options.leak !== undefined ? { leak: choiceOption(options, 'leak', LEAK_COMPENSATIONS, 'mean') } : {}),
      tail: choiceOption(options, 'tail', TAIL_CORRECTIONS, 'mean'),
    };
    const datasetOptions: { size: 14 | 28; limitPerClass?: number } = {
      size: choiceOption(options, 'size', ['14', '28'], '14') === '28' ? 28 : 14,
      ...(options['limit-per-class'] !== undefined ? { limitPerClass: numberOption(options, 'limit-per-class', 0, { min: 1, integer: true }) } : {}),
    };
    let testFraction = numberOption(options, 'test-fraction', DEFAULT_TEST_FRACTION, { min: 0, minExclusive: true, max: 1, maxExclusive: true });
    let dataSeed = seed;
    const file = stringOption(options, 'network');
    let network: NetworkFile | undefined;
    const train: Partial<TrainOptions> = {};
    if (file !== undefined || projectNetwork) {
      for (const o of ['hidden', 'activation', 'iters', 'lr', 'batch', 'optimizer', 'init']) {
        if (options[o] !== undefined) throw new ParameterError(`--${o}`, options[o], 'nothing with --network (the file is already trained)');
      }
      network = projectNetwork ?? parseNetworkFileText(readTextFile('--network', file!, 'network file'), 'network');
      // Evaluate on the file's own held-out split when it says which one it was.
      const ds = network.dataset ?? {};
      if (typeof ds.seed === 'number') dataSeed = ds.seed;
      if (typeof ds.testFraction === 'number' && ds.testFraction > 0) testFraction = ds.testFraction;
      const size = (ds.options as { size?: unknown } | undefined)?.size;
      if (options.size === undefined && (size === 14 || size === 28)) datasetOptions.size = size;
    } else {
      // Every training option but the seed (that is --seed, shared with the data and the split).
      const { seed: _trainSeed, ...base } = { ...TRAIN_DEFAULTS, ...(dataset === 'digits' ? DIGITS_TRAIN_DEFAULTS : {}) };
      Object.assign(train, base);
      const shape = networkShapeOption(options, 'two-layer', base.hidden);
      Object.assign(train, { model: shape.model, hidden: shape.hidden }, shape.model === 'deep' ? { hiddenLayers: shape.hiddenLayers } : {});
      train.activation = choiceOption(options, 'activation', ['relu', 'soft-lif', 'lif-rate'] as const satisfies readonly (typeof HIDDEN_ACTIVATIONS)[number][], 'relu');
      train.iters = numberOption(options, 'iters', base.iters, { min: 1, max: 1e9, integer: true });
      train.lr = numberOption(options, 'lr', base.lr, { min: 0, minExclusive: true });
      train.optimizer = choiceOption(options, 'optimizer', OPTIMIZERS, base.optimizer);
      train.init = choiceOption(options, 'init', INITS, base.init);
      const batch = stringOption(options, 'batch');
      if (batch === 'full') train.batch = 'full';
      else if (batch !== undefined) {
        const b = parseNumber('--batch', batch);
        if (!Number.isInteger(b) || b < 1) throw new ParameterError('--batch', batch, '"full" or an integer >= 1');
        train.batch = b;
      }
    }
    const maxScatter = numberOption(options, 'max-points', 2000, { min: 1, max: 1e7, integer: true });
    const r = await runConversionExperiment({
      dataset, seed, dataSeed, testFraction, datasetOptions, network, train, conversion, tMs, maxScatter,
      onProgress: (f, m) => context.progress(`convert ${dataset}: ${(100 * f).toFixed(0)}% ${m}`),
    });
    const o = r.options;
    const optionsJson = {
      dataset: o.dataset, network: file ?? (projectNetwork ? `project ${stringOption(options, 'project')}` : null), hidden: o.hidden, activation: o.activation, neuron: o.neuron, norm: o.norm,
      ...(o.neuron === 'lif' ? { reset: o.reset, leak: o.leak } : {}), ...(o.activation === 'soft-lif' ? { tail: o.tail } : {}), encoding: o.encoding, T: o.tMs, dt_ms: o.dtMs, seed: o.seed, data_seed: o.dataSeed, test_fraction: o.testFraction,
      n_train: r.dataset.nTrain, n_test: r.dataset.nTest, train: o.train,
    };
    const d = r.decision;
    return {
      json: {
        ann_acc: r.annAcc,
        snn: r.snn.map((c) => ({ t_ms: c.tMs, acc: c.acc, agreement: c.agreement })),
        rate_vs_activation_r: r.rateVsActivationR,
        hidden_rates: r.hiddenRates,
        options: optionsJson,
      },
      tables: [
        {
          title: `convert ${o.dataset}: ${o.activation} network -> ${o.neuron}${o.neuron === 'lif' ? ` (reset ${o.reset}, leak ${o.leak})` : ''}, ${o.norm} norm, ${o.encoding} input; ${r.dataset.nTest} test inputs; ANN test accuracy ${r.annAcc.toFixed(4)}`,
          columns: ['t_ms', 'acc', 'agreement', 'ann_acc'],
          rows: r.snn.map((c) => [c.tMs, c.acc, c.agreement, r.annAcc]),
        },
        {
          title: 'rates against activations, decisions',
          columns: ['measure', 'value'],
          rows: [
            ['hidden rate vs activation, Pearson r (all pairs)', r.rateVsActivationR],
            ['hidden rate vs activation, median r per unit', r.hiddenUnitMedianR],
            ['output rate vs max(0, score), Pearson r', r.outputRateVsScoreR],
            ['first correct decision, median ms', d.firstCorrectMs],
            ['correct from then on, median ms', d.settledMs],
            ['inputs reaching a correct decision', d.reached],
            ['normalisation scales (per layer)', r.scales.map((s) => (s === null ? 'lif' : Number(s.toPrecision(4)))).join(' ')],
            ['train ms', Math.round(r.timings.trainMs)],
            ['simulate ms', Math.round(r.timings.simulateMs)],
          ],
        },
      ],
    };
  },
};
