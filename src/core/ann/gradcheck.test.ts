import { describe, expect, it } from 'vitest';
import { ParameterError, SomaRuntimeError } from '../errors';
import { evaluateExpression } from './expression';
import { GRADCHECK_H_RANGE, gradientCheck } from './gradcheck';

describe('gradient check never reports a pass it did not earn', () => {
  it('a smooth circuit (the sigmoid neuron) passes with every entry compared', () => {
    const e = evaluateExpression('1/(1+exp(-(w0*x0+w1*x1+w2)))', { w0: 2, x0: -1, w1: -3, x1: -2, w2: -3 });
    const r = gradientCheck(e.graph, e.output);
    expect(r.verdict).toBe('pass');
    expect(r.checked).toBe(5);
    expect(r.kinksSkipped + r.floored).toBe(0);
    expect(r.maxRelError).toBeLessThan(1e-7);
  });
  it('a gradient that is zero on both sides is floored: compared nothing, so fail, not a pass with error 0', () => {
    const e = evaluateExpression('relu(x)', { x: -1 });
    const r = gradientCheck(e.graph, e.output);
    expect(r.maxRelError).toBe(0);
    expect(r.floored).toBe(1);
    expect(r.verdict).toBe('fail');
  });
  it('an entry skipped at a kink makes the verdict partial, with the count', () => {
    const e = evaluateExpression('relu(x)*y', { x: 1e-7, y: 2 });
    const r = gradientCheck(e.graph, e.output);
    expect(r.kinksSkipped).toBe(1);
    expect(r.verdict).toBe('partial');
  });
  it('refuses steps outside the sane range instead of swallowing every difference', () => {
    const e = evaluateExpression('x*x', { x: 3 });
    for (const h of [1, 1e-3 * GRADCHECK_H_RANGE.min, 0, -1e-5]) expect(() => gradientCheck(e.graph, e.output, undefined, { h })).toThrow(ParameterError);
    expect(gradientCheck(e.graph, e.output, undefined, { h: GRADCHECK_H_RANGE.max }).verdict).toBe('pass');
  });
  it('a non-finite gradient stops the check, naming the entry', () => {
    const e = evaluateExpression('log(x)*y', { x: 0, y: 1 });
    expect(() => gradientCheck(e.graph, e.output)).toThrow(SomaRuntimeError);
    expect(() => gradientCheck(e.graph, e.output)).toThrow(/y\[0\]|x\[0\]/);
  });
});
