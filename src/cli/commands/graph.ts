/**
 * `soma graph`: a formula as a computational graph, with every node's forward value and backward
 * gradient (the lecture's circuits, or whatever the student types).
 */
import { evaluateExpression } from '../../core/ann/index';
import { ParameterError } from '../../core/errors';
import { keyValueOption, parseNumber, stringOption } from '../args';
import type { Command } from '../command';

/** The lecture's circuits, by name. */
export const LECTURE_CIRCUITS: Record<string, { expr: string; values: Record<string, number> }> = {
  'add-multiply': { expr: '(x+y)*z', values: { x: -2, y: 5, z: -4 } },
  'max-circuit': { expr: '2*(x*y+max(z,w))', values: { x: 3, y: -4, z: 2, w: -1 } },
  'sigmoid-neuron': { expr: '1/(1+exp(-(w0*x0+w1*x1+w2)))', values: { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 } },
};

export const graphCommand: Command = {
  name: 'graph',
  summary: 'forward values and backward gradients of a formula as a computational graph of gates',
  examples: [
    'npx soma graph --expr "(x+y)*z" --values x=-2,y=5,z=-4',
    'npx soma graph --preset sigmoid-neuron --format json',
  ],
  options: {
    expr: { kind: 'string', value: 'FORMULA', help: 'the formula: + - * / ( ), numbers, names, exp log relu sigmoid tanh max min' },
    values: { kind: 'string', value: 'x=1,y=2', help: 'a value for every variable', multiple: true },
    preset: { kind: 'string', value: Object.keys(LECTURE_CIRCUITS).join('|'), help: "one of the lecture's circuits (with its values; --values overrides)" },
  },
  run(options) {
    const presetName = stringOption(options, 'preset');
    let expr = stringOption(options, 'expr');
    // No prototype: a variable named `__proto__` or `constructor` is an ordinary key.
    let values: Record<string, number> = Object.create(null);
    if (presetName !== undefined) {
      const preset = Object.hasOwn(LECTURE_CIRCUITS, presetName) ? LECTURE_CIRCUITS[presetName] : undefined;
      if (!preset) throw new ParameterError('--preset', presetName, `one of ${Object.keys(LECTURE_CIRCUITS).join(', ')}`);
      if (expr !== undefined) throw new ParameterError('--expr', expr, 'no --expr together with --preset');
      expr = preset.expr;
      values = Object.assign(Object.create(null), preset.values);
    }
    if (expr === undefined) throw new ParameterError('--expr', undefined, 'a formula such as "(x+y)*z" (or --preset)');
    for (const [k, v] of Object.entries(keyValueOption(options, 'values'))) values[k] = parseNumber(`--values ${k}`, v);
    const { graph, output, variables } = evaluateExpression(expr, values);
    const order = graph.topologicalOrder(output);
    // Constants take no gradient (nothing upstream can change them): null, not a misleading 0.
    const nodes = order.map((n) => ({ name: n.name, op: n.op, value: n.value[0], grad: n.requiresGrad ? n.grad[0] : null }));
    const inputs: Record<string, { value: number; grad: number }> = {};
    for (const [name, node] of variables) inputs[name] = { value: node.value[0], grad: node.grad[0] };
    return {
      json: { output: output.value[0], nodes, inputs },
      tables: [{
        title: `${expr} = ${output.value[0]}`,
        columns: ['node', 'op', 'value', 'gradient'],
        rows: nodes.map((n) => [n.name, n.op, n.value, n.grad]),
      }],
    };
  },
};
