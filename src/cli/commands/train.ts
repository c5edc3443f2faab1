/**
 * `soma train`: trains the linear classifier, the 2-layer network or a deeper stack (`--hidden 32,16`) on a dataset and reports loss,
 * accuracy and speed; `--save FILE` writes the trained network (NetworkFile JSON).
 */
import { writeFileSync } from 'node:fs';
import {
  HIDDEN_ACTIVATIONS, INITS, LOSSES, MODELS, OPTIMIZERS, TRAIN_DEFAULTS, train, type TrainOptions,
} from '../../core/ann/index';
import { DATASET_NAMES, loadDataset, splitDataset, type DatasetOptions } from '../../core/data/index';
import { ParameterError } from '../../core/errors';
import { Rng } from '../../core/random';
import { choiceOption, networkShapeOption, numberOption, parseNumber, stringOption, seedOption } from '../args';
import type { Command, OptionSpec, ParsedOptions } from '../command';
import { checkOutputPath, readTextFile } from '../files';
import { LIMITS, checkBatchNumbers } from '../limits';

/** Dataset options shared by train and gradcheck. */
export const DATASET_OPTION_SPECS: Record<string, OptionSpec> = {
  points: { kind: 'string', value: 'N', help: `points per class of a generated set (default 100; at most ${LIMITS.rows.toExponential(0)} rows in all)` },
  classes: { kind: 'string', value: 'K', help: 'classes of spiral / gaussians (default 3)' },
  noise: { kind: 'string', value: 'S', help: 'noise of a generated set (each has its default)' },
  size: { kind: 'string', value: '14|28', default: '14', help: 'digits: image side (14 = 2x2 average pooled)' },
  csv: { kind: 'string', value: 'FILE', help: 'CSV file x1,x2,...,label (with --dataset csv)' },
};

/** Reads the dataset options from the command line. */
export function datasetOptions(options: ParsedOptions, seed: number): DatasetOptions {
  const o: DatasetOptions = { seed };
  if (options.points !== undefined) o.pointsPerClass = numberOption(options, 'points', 100, { min: 1, max: 1_000_000, integer: true });
  if (options.classes !== undefined) o.classes = numberOption(options, 'classes', 3, { min: 2, max: 100, integer: true });
  if (options.noise !== undefined) o.noise = numberOption(options, 'noise', 0, { min: 0 });
  const rows = (o.pointsPerClass ?? 100) * (o.classes ?? 3);
  if (rows > LIMITS.rows) throw new ParameterError('--points', o.pointsPerClass, `at most ${LIMITS.rows.toExponential(0)} rows in all (points x classes; ${o.pointsPerClass} x ${o.classes ?? 3} is ${rows.toExponential(2)})`);
  o.size = choiceOption(options, 'size', ['14', '28'], '14') === '28' ? 28 : 14;
  const csv = stringOption(options, 'csv');
  if (csv !== undefined) {
    if (options.dataset !== 'csv') throw new ParameterError('--csv', csv, 'nothing unless --dataset csv (the file would be ignored)');
    o.csvText = readTextFile('--csv', csv, 'CSV file');
  }
  return o;
}

export const trainCommand: Command = {
  name: 'train',
  summary: 'train the linear classifier, the 2-layer network or deeper (--hidden 32,16); loss, accuracy, speed; --save writes the network',
  examples: [
    'npx soma train --dataset spiral --model two-layer --hidden 100 --lr 1 --reg 1e-3 --iters 10000 --test-fraction 0',
    'npx soma train --dataset digits --hidden 32 --batch 200 --optimizer adam --lr 0.005 --iters 2000 --save digits.json',
    'npx soma train --dataset spiral --hidden 32,16 --iters 10000 --save spiral-deep.json',
    'npx soma train --dataset csv --csv points.csv --format json',
  ],
  options: {
    dataset: { kind: 'string', value: DATASET_NAMES.join('|'), default: 'spiral', help: 'dataset' },
    model: { kind: 'string', value: MODELS.join('|'), default: TRAIN_DEFAULTS.model, help: 'network (follows from --hidden when that is given)' },
    hidden: { kind: 'string', value: 'H[,H2,...]', default: String(TRAIN_DEFAULTS.hidden), help: `units of each hidden layer: 100 (two-layer), 32,16 (two hidden layers: deep), 0 (none: the linear classifier); rows x (inputs + hidden + classes) at most ${LIMITS.batchNumbers.toExponential(0)}` },
    activation: { kind: 'string', value: HIDDEN_ACTIVATIONS.join('|'), default: TRAIN_DEFAULTS.activation, help: 'hidden activation (lif-rate, soft-lif: normalised LIF rates)' },
    loss: { kind: 'string', value: LOSSES.join('|'), default: TRAIN_DEFAULTS.loss, help: 'data loss (svm: multiclass hinge, Weston-Watkins)' },
    lr: { kind: 'string', value: 'LR', default: String(TRAIN_DEFAULTS.lr), help: 'learning rate (step size)' },
    reg: { kind: 'string', value: 'R', default: String(TRAIN_DEFAULTS.reg), help: 'L2 strength: penalty 0.5 R sum W^2' },
    iters: { kind: 'string', value: 'N', default: String(TRAIN_DEFAULTS.iters), help: 'iterations (parameter updates)' },
    batch: { kind: 'string', value: 'full|N', default: 'full', help: 'full batch or minibatch size' },
    optimizer: { kind: 'string', value: OPTIMIZERS.join('|'), default: TRAIN_DEFAULTS.optimizer, help: 'update rule' },
    init: { kind: 'string', value: INITS.join('|'), default: TRAIN_DEFAULTS.init, help: 'weights: small = 0.01 randn (the course), he, xavier' },
    seed: { kind: 'string', value: 'N', default: '0', help: 'seed of the data, the split, the weights and the batches' },
    'test-fraction': { kind: 'string', value: 'F', default: '0.2', help: 'held-out fraction (stratified); 0 trains on everything, as the course' },
    save: { kind: 'string', value: 'FILE', help: 'write the trained network (JSON) to FILE' },
    ...DATASET_OPTION_SPECS,
  },
  async run(options, context) {
    const seed = seedOption(options, 0);
    const name = choiceOption(options, 'dataset', DATASET_NAMES, 'spiral');
    if (name === 'csv' && options.csv === undefined) throw new ParameterError('--csv', undefined, 'a CSV file with --dataset csv');
    const batchRaw = stringOption(options, 'batch');
    let batch: TrainOptions['batch'] = 'full';
    if (batchRaw !== undefined && batchRaw !== 'full') {
      const b = parseNumber('--batch', batchRaw);
      if (!Number.isInteger(b) || b < 1) throw new ParameterError('--batch', batchRaw, '"full" or an integer >= 1');
      batch = b;
    }
    const shape = networkShapeOption(options, TRAIN_DEFAULTS.model, TRAIN_DEFAULTS.hidden);
    const trainOptions: TrainOptions = {
      model: shape.model,
      hidden: shape.hidden,
      ...(shape.model === 'deep' ? { hiddenLayers: shape.hiddenLayers } : {}),
      activation: choiceOption(options, 'activation', HIDDEN_ACTIVATIONS, TRAIN_DEFAULTS.activation),
      loss: choiceOption(options, 'loss', LOSSES, TRAIN_DEFAULTS.loss),
      lr: numberOption(options, 'lr', TRAIN_DEFAULTS.lr, { min: 0, minExclusive: true }),
      reg: numberOption(options, 'reg', TRAIN_DEFAULTS.reg, { min: 0 }),
      iters: numberOption(options, 'iters', TRAIN_DEFAULTS.iters, { min: 1, max: 1e9, integer: true }),
      batch,
      optimizer: choiceOption(options, 'optimizer', OPTIMIZERS, TRAIN_DEFAULTS.optimizer),
      init: choiceOption(options, 'init', INITS, TRAIN_DEFAULTS.init),
      seed,
    };
    const testFraction = numberOption(options, 'test-fraction', 0.2, { min: 0, max: 1, maxExclusive: true });
    const save = stringOption(options, 'save');
    if (save !== undefined) checkOutputPath('--save', save);
    const ds = await loadDataset(name, datasetOptions(options, seed));
    const { train: trainSet, test } = splitDataset(ds, testFraction, new Rng(seed).fork());
    // Accuracy runs the whole training set through the network at once: it is the largest batch.
    const linear = trainOptions.model === 'linear';
    checkBatchNumbers(linear ? '--points' : '--hidden', linear ? ds.n : shape.hiddenLayers.length === 1 ? shape.hiddenLayers[0] : shape.hiddenLayers.join(','), Math.max(trainSet.n, test.n), [ds.d, ...shape.hiddenLayers, ds.classes]);
    const result = train(trainOptions, { train: trainSet, test }, {
      onProgress: (iter, loss) => context.progress(`train ${name}: iteration ${iter + 1}/${trainOptions.iters}, loss ${loss.toFixed(4)}`),
    });
    if (save !== undefined) {
      const network = { ...result.network, dataset: { ...result.network.dataset, seed, testFraction, options: datasetOptions(options, seed) } };
      delete (network.dataset.options as DatasetOptions).csvText;
      try {
        writeFileSync(save, JSON.stringify(network) + '\n');
      } catch (e) {
        throw new ParameterError('--save', save, `a writable file (${(e as NodeJS.ErrnoException).code ?? 'unwritable'})`);
      }
    }
    const classNames = ds.classNames ?? Array.from({ length: ds.classes }, (_, i) => String(i));
    return {
      json: {
        dataset: name,
        model: trainOptions.model,
        iters: trainOptions.iters,
        final_loss: result.finalLoss,
        train_acc: result.trainAcc,
        test_acc: result.testAcc,
        train_ms: result.trainMs,
        iters_per_s: result.itersPerS,
        loss_curve: result.lossCurve,
      },
      tables: [
        {
          title: `train ${name} (${trainSet.n} train, ${test.n} test rows)${save ? `, saved to ${save}` : ''}`,
          columns: ['model', 'hidden', 'activation', 'loss', 'iters', 'final_loss', 'train_acc', 'test_acc', 'train_ms', 'iters_per_s'],
          rows: [[trainOptions.model, shape.hiddenLayers.join(',') || '0', trainOptions.activation, trainOptions.loss, trainOptions.iters, result.finalLoss, result.trainAcc, result.testAcc, result.trainMs, result.itersPerS]],
        },
        {
          title: `confusion matrix on the ${test.n > 0 ? 'test' : 'training'} set (rows: true class, columns: predicted)`,
          columns: ['true', ...classNames],
          rows: result.confusion.map((row, i) => [classNames[i], ...row]),
        },
      ],
    };
  },
};
