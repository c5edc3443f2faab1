/**
 * `soma gradcheck`: the course's gradient check on a whole network over a dataset: centered
 * differences (h = 1e-5) against backprop, relative error per parameter. With `--network FILE`
 * it checks that trained network (the page's export, `train --save`) over the dataset given,
 * through the same core function as the page's "check the network's gradients" action.
 */
import { buildNetworkGraph, GRADCHECK_H_RANGE, gradientCheck, type GradCheckResult, HIDDEN_ACTIVATIONS, initNetwork, INITS, LOSSES, MODELS } from '../../core/ann/index';
import { loadDataset, DATASET_NAMES } from '../../core/data/index';
import { checkNetworkGradients } from '../../core/ann/network-gradcheck';
import { ParameterError } from '../../core/errors';
import { parseNetworkFileText } from '../../core/export/network-file';
import { Rng } from '../../core/random';
import { choiceOption, networkShapeOption, numberOption, seedOption, stringOption } from '../args';
import { readTextFile } from '../files';
import type { Command, CommandResult } from '../command';
import { LIMITS, checkBatchNumbers, checkGradcheckWork } from '../limits';
import { datasetOptions, DATASET_OPTION_SPECS } from './train';

export const gradcheckCommand: Command = {
  name: 'gradcheck',
  summary: 'gradient check of a whole network: backprop against centered differences, relative error per parameter',
  examples: [
    'npx soma gradcheck --model two-layer --dataset spiral --format json',
    'npx soma gradcheck --loss svm --activation tanh',
    'npx soma gradcheck --network soma-network.json --dataset csv --csv train.csv --reg 0.001',
  ],
  options: {
    model: { kind: 'string', value: MODELS.join('|'), default: 'two-layer', help: 'network' },
    hidden: { kind: 'string', value: 'H', default: '100', help: `units of each hidden layer (100; 32,16 deep; 0 linear); at most ${LIMITS.gradcheckMultiplyAdds.toExponential(0)} multiply-adds (2 passes per weight)` },
    activation: { kind: 'string', value: HIDDEN_ACTIVATIONS.join('|'), default: 'relu', help: 'hidden activation' },
    loss: { kind: 'string', value: LOSSES.join('|'), default: 'softmax', help: 'data loss' },
    reg: { kind: 'string', value: 'R', default: '1e-3', help: 'L2 strength' },
    init: { kind: 'string', value: INITS.join('|'), default: 'he', help: 'weight initialisation (he: gradients large enough to compare)' },
    h: { kind: 'string', value: 'H', default: '1e-5', help: `finite-difference step, ${GRADCHECK_H_RANGE.min} to ${GRADCHECK_H_RANGE.max}` },
    seed: { kind: 'string', value: 'N', default: '0', help: 'seed of the data and the weights' },
    dataset: { kind: 'string', value: DATASET_NAMES.join('|'), default: 'spiral', help: 'dataset' },
    network: { kind: 'string', value: 'FILE', help: 'check this trained network file (its weights; no --model, --hidden, --activation, --loss, --init)' },
    ...DATASET_OPTION_SPECS,
  },
  async run(options) {
    const seed = seedOption(options, 0);
    const name = choiceOption(options, 'dataset', DATASET_NAMES, 'spiral');
    const ds = await loadDataset(name, datasetOptions(options, seed));
    const file = stringOption(options, 'network');
    if (file !== undefined) {
      for (const o of ['model', 'hidden', 'activation', 'loss', 'init']) {
        if (options[o] !== undefined) throw new ParameterError(`--${o}`, options[o], 'nothing with --network (the file gives the network)');
      }
      const network = parseNetworkFileText(readTextFile('--network', file, 'network file'), 'network');
      const widths = network.layers.map((l) => l.weights.length).concat(network.layers[network.layers.length - 1].bias.length);
      checkGradcheckWork('--network', widths[1], ds.n, widths);
      const r = checkNetworkGradients(network, ds, numberOption(options, 'reg', 1e-3, { min: 0, max: 1e3 }), numberOption(options, 'h', 1e-5, GRADCHECK_H_RANGE));
      return report(r, `${ds.name} (${ds.n} rows), network ${file}`);
    }
    const { model, hidden, hiddenLayers } = networkShapeOption(options, 'two-layer', 100);
    const widths = [ds.d, ...hiddenLayers, ds.classes];
    // the value as typed: a number for one hidden layer (as before lists), the list for more
    const [parameter, value] = model === 'linear' ? ['--points', ds.n] : ['--hidden', hiddenLayers.length === 1 ? hiddenLayers[0] : hiddenLayers.join(',')];
    checkBatchNumbers(parameter, value, ds.n, widths);
    checkGradcheckWork(parameter, value, ds.n, widths);
    const net = buildNetworkGraph({
      model,
      d: ds.d,
      hidden,
      hiddenLayers,
      classes: ds.classes,
      activation: choiceOption(options, 'activation', HIDDEN_ACTIVATIONS, 'relu'),
      loss: choiceOption(options, 'loss', LOSSES, 'softmax'),
      reg: numberOption(options, 'reg', 1e-3, { min: 0, max: 1e3 }),
      batch: ds.n,
    });
    const rng = new Rng(seed);
    initNetwork(net, choiceOption(options, 'init', INITS, 'he'), rng);
    // biases too are drawn (0.1 randn): with zero biases every hidden unit sits exactly at its kink
    // for the spiral's points at the origin
    for (const p of net.params) if (p.name.startsWith('b')) for (let i = 0; i < p.value.length; i++) p.value[i] = 0.1 * rng.normal();
    net.x.value.set(ds.x);
    net.labels.set(ds.y);
    const r = gradientCheck(net.graph, net.loss, net.params, { h: numberOption(options, 'h', 1e-5, GRADCHECK_H_RANGE) });
    return report(r, `${ds.name} (${ds.n} rows), loss ${net.loss.value[0].toPrecision(6)}`);
  },
};

/** The JSON and the table of a check. */
function report(r: GradCheckResult, what: string): CommandResult {
  const params: Record<string, number> = {};
  for (const [k, v] of Object.entries(r.params)) params[k] = v.maxRelError;
  return {
    json: { max_rel_error: r.maxRelError, verdict: r.verdict, entries_checked: r.checked, kinks_skipped: r.kinksSkipped, floored: r.floored, params },
    tables: [{
      title: `gradient check, ${what}: ${r.verdict} (${r.checked} entries compared, ${r.kinksSkipped} skipped at kinks, ${r.floored} below the round-off floor)`,
      columns: ['param', 'entries', 'kinks_skipped', 'floored', 'max_rel_error', 'analytic', 'numerical'],
      rows: Object.entries(r.params).map(([k, v]) => [k, v.checked, v.kinksSkipped, v.floored, v.maxRelError, v.worst.analytic, v.worst.numerical]),
    }],
  };
}
