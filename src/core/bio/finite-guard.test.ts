import { describe, expect, it } from 'vitest';
import { SomaRuntimeError } from '../errors';
import { HhSoma } from './hh';
import { IzhikevichSoma } from './izhikevich';
import { LifSoma } from './lif';
import { Network } from './network';
import { FINITE_CHECK_BUDGET } from './population';
import { ConstantStimulus } from './stimulus';

/** Runs `net` and returns the SomaRuntimeError it stopped with (fails the test if none). */
function stopError(net: Network, durationMs: number): SomaRuntimeError {
  try {
    net.run(durationMs);
  } catch (e) {
    expect(e).toBeInstanceOf(SomaRuntimeError);
    return e as SomaRuntimeError;
  }
  throw new Error(`the run did not stop (t = ${net.tMs} ms)`);
}

describe('a non-finite state stops the run, naming model, population, neuron, variable and time', () => {
  it('HH without conductances: V = -65 + I t falls until alpha_h = 0.07 e^(-(V+65)/20) overflows, h = NaN', () => {
    const net = new Network(0.01);
    const pop = net.addPopulation('cell', new HhSoma(1, { gNa: 0, gK: 0, gL: 0 }));
    net.addStimulus(pop, new ConstantStimulus(-100));
    const e = stopError(net, 500);
    // closed form: e^(-(V+65)/20) overflows where -(V+65)/20 > ln(MAX_VALUE), V = -65 - 100 t
    const tOverflow = (20 * Math.log(Number.MAX_VALUE)) / 100;
    const m = /^hh population "cell": neuron 0 has h = NaN at t = ([\d.]+) ms; the run stopped/.exec(e.message);
    expect(m, e.message).not.toBeNull();
    expect(Math.abs(Number(m![1]) - tOverflow)).toBeLessThanOrEqual(0.02);
    expect(e.message.split('\n')).toHaveLength(1);
    expect(net.tMs).toBeLessThan(tOverflow + 0.02); // stopped in the step it happened, not at 500 ms
  });

  it('Izhikevich: names the neuron that went bad among healthy ones', () => {
    const net = new Network(0.1);
    const pop = net.addPopulation('izh', new IzhikevichSoma(3));
    pop.dendrite.bias.set([10, 10, -1e200]); // v^2 overflows, then u = inf, then v = inf - inf
    const e = stopError(net, 10);
    expect(e.message).toMatch(/^izhikevich population "izh": neuron 2 has [uv] = (NaN|-?Infinity) at t = 0\.\d+ ms;/);
  });

  it('a large population is checked every ceil(values / budget) steps, and says so', () => {
    const n = 200;
    const soma = new LifSoma(n);
    const net = new Network(0.1);
    const pop = net.addPopulation('big', soma);
    const every = Math.ceil((n * Object.keys(soma.state).length) / FINITE_CHECK_BUDGET);
    expect(pop.checkEvery).toBe(every);
    expect(every).toBeGreaterThan(1);
    net.run(1);
    soma.v[137] = NaN; // as if the step had produced it
    const e = stopError(net, 100);
    expect(e.message).toMatch(new RegExp(`^lif population "big": neuron 137 has v = NaN by t = [\\d.]+ ms \\(checked every ${every} steps\\)`));
    expect(net.tMs).toBeLessThanOrEqual(1 + every * 0.1 + 1e-9);
  });

  it('finite runs are not stopped: HH from -100 to 200 uA/cm2 at its default dt', () => {
    const net = new Network(0.01);
    const pop = net.addPopulation('fi', new HhSoma(4));
    pop.dendrite.bias.set([-100, -40, 100, 200]);
    expect(() => net.run(100)).not.toThrow();
  });
});
