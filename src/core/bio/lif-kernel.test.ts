import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { buildCuba } from './cuba';
import { LifSoma, type LifKernelChoice } from './lif';
import { lifKernelAvailable, lifKernelBytes, LifKernelMemory } from './lif-kernel';
import { SpikeMonitor } from './monitors';
import { Network } from './network';
import { SpikeTimesSource } from './sources';
import { ConstantStimulus, SineStimulus } from './stimulus';

describe('LIF WebAssembly kernel', () => {
  it('assembles a module that validates, and runs in Node (WebAssembly SIMD)', () => {
    const bytes = lifKernelBytes();
    expect(bytes.length).toBeLessThan(4096); // synchronous compilation is allowed on a browser's main thread
    const api = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly; // core is checked without the DOM lib
    expect(api.validate(bytes)).toBe(true);
    expect(lifKernelAvailable()).toBe(true);
    expect(new LifSoma(3).usesKernel).toBe(true);
    expect(new LifSoma(3, {}, undefined, { kernel: 'js' }).usesKernel).toBe(false);
  });

  it('one pass over pairs: V e + c + b base + a0 G0 + a1 G1, and lists neurons at/above threshold or refractory with their old V', () => {
    const km = LifKernelMemory.create(7)!;
    const [base, g0, g1] = [km.takeInput()!, km.takeInput()!, km.takeInput()!];
    const v0 = [-55, -49.9, -60, -50, -51, -52, -53];
    km.v.set(v0);
    base.set([1, 0, 0, 0, 2, 0, 9]);
    g0.set([0.5, 10, 0, 0, 0, 3, 9]);
    g1.set([-1, 0, 0, 0, 0, -2, 9]);
    km.refractoryLeftMs[2] = 1;
    const [e, c, b, a0, a1, th] = [0.99, -0.49, 0.01, 0.009, 0.0095, -50];
    const m = km.step(7, km.v.byteOffset, base.byteOffset, g0.byteOffset, g1.byteOffset, km.refractoryLeftMs.byteOffset, km.pending.byteOffset, km.pendingV.byteOffset, e, c, b, a0, a1, th);
    const x = v0.map((v, i) => v * e + c + b * base[i] + a0 * g0[i] + a1 * g1[i]);
    expect(Array.from(km.v.subarray(0, 6))).toEqual(x.slice(0, 6)); // bit for bit
    expect(km.v[6]).toBe(-53); // the odd last neuron is the caller's
    expect(m).toBe(3);
    expect(Array.from(km.pending.subarray(0, m))).toEqual([1, 2, 3]); // crosses, refractory, starts at V_th
    expect(Array.from(km.pendingV.subarray(0, m))).toEqual([-49.9, -60, -50]);
    expect(km.takeInput()).not.toBeNull(); // the pool holds four
    expect(km.takeInput()).toBeNull();
  });

  it('CUBA: the same spikes and voltages, bit for bit, with the kernel and in JavaScript', () => {
    const run = (kernel: LifKernelChoice) => {
      const { network, exc, inh, monitors } = buildCuba({ neurons: 1001, durationMs: 0, dtMs: 0.1, seed: 5, kernel });
      network.run(300);
      expect(exc.soma).toBeInstanceOf(LifSoma);
      expect((exc.soma as LifSoma).usesKernel).toBe(kernel === 'wasm');
      return { spikes: monitors.map((m) => [Array.from(m.indices), Array.from(m.timesMs)]), v: [Array.from(exc.soma.v), Array.from(inh.soma.v)] };
    };
    const wasm = run('wasm');
    expect(wasm.spikes[0][0].length + wasm.spikes[1][0].length).toBeGreaterThan(500);
    expect(run('js')).toEqual(wasm);
  });

  it('stimuli, voltage jumps, a start above threshold, refractory ends inside steps: the same bit for bit', () => {
    const run = (kernel: LifKernelChoice) => {
      const net = new Network(0.1);
      const rng = new Rng(11);
      const v0 = Array.from({ length: 9 }, (_, i) => (i === 4 ? -40 : rng.uniform(-70, -52)));
      const lif = net.addPopulation('lif', new LifSoma(9, { refractoryMs: 0.25 }, v0, { kernel }));
      net.addStimulus(lif, new ConstantStimulus(18));
      net.addStimulus(lif, new SineStimulus(8, 40));
      const src = net.addPopulation('src', new SpikeTimesSource(2, [0, 1, 0, 1], [3, 7.5, 20, 21]));
      net.connect(src, lif, { connectivity: { kind: 'all-to-all' }, weight: 6, synapse: { type: 'delta' } });
      const mon = net.addMonitor(new SpikeMonitor(lif));
      net.run(200);
      return [Array.from(mon.indices), Array.from(mon.timesMs), Array.from(lif.soma.v)];
    };
    const wasm = run('wasm');
    expect(wasm[0].length).toBeGreaterThan(50);
    expect(wasm[1][0]).toBe(0); // neuron 4 starts above threshold: fires at t = 0
    expect(run('js')).toEqual(wasm);
  });

  it('refuses an unknown kernel', () => {
    expect(() => new LifSoma(2, {}, undefined, { kernel: 'gpu' as LifKernelChoice })).toThrow(/kernel = "gpu"/);
  });
});
