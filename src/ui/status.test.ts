import { describe, expect, it } from 'vitest';
import { STATUS_TEXT, fillingLine, probeLine, regionsLine, sinkCaption, type RegionsInfo } from './status';

const base: RegionsInfo = { snnStep: 120, annStep: 144, agreement: 0.97, agreementNow: 0.883, gridStep: 140, gridProgress: 0.4, windowMs: 200, cells: 256 };

describe('status lines of the spiking side', () => {
  it('every entry has English and Korean with the same placeholders', () => {
    for (const [key, t] of Object.entries(STATUS_TEXT)) {
      expect(t.ko, key).toMatch(/[가-힣]/);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(t.ko), key).toEqual(holes(t.en));
    }
  });

  it('the probe line names the step of its weights and the ANN step when they differ', () => {
    expect(probeLine('en', 120, 144, 200)).toBe('Spiking network: weights of step 120 (converted at the start of this 200 ms window) · ANN now at step 144.');
    expect(probeLine('en', 144, 144, 200)).toBe('Spiking network: weights of step 144, the same as the ANN.');
  });

  it('the regions line: trailing, caught up, first readout, no spiking twin', () => {
    expect(regionsLine('en', base)).toBe(
      'Weights of step 120 · ANN plane at step 144 · spiking = ANN of step 120 on 97% of cells, = ANN plane on 88%. Next readout: step 140, 40% done.',
    );
    expect(regionsLine('en', { ...base, snnStep: 144, gridStep: -1, agreementNow: 0.97 })).toBe('Weights of step 144, as the ANN plane · spiking = ANN on 97% of the 256 grid cells.');
    expect(regionsLine('en', { ...base, snnStep: -1, gridStep: 0, gridProgress: 0.25 })).toBe('Evaluating the spiking network on the grid: 25% of T = 200 ms.');
    expect(regionsLine('en', { ...base, snnStep: -1, gridStep: -1 })).toBe('');
    expect(regionsLine('ko', base)).toContain('120 스텝');
  });

  it('placeholders while the first window fills; none once a window is complete', () => {
    expect(fillingLine('en', false, 74, 200, true)).toBe('Filling: first window of T = 200 ms, 37% done.');
    expect(fillingLine('en', false, 0, 200, false)).toMatch(/0% done\. Press Play or Step\.$/);
    expect(fillingLine('en', true, 74, 200, true)).toBe('');
  });

  it('the membrane caption explains a sinking trace, for IF and for leaky neurons, only below 0', () => {
    expect(sinkCaption('en', -0.8, false)).toMatch(/no leak.*no floor.*clipped at -1/);
    expect(sinkCaption('en', -0.3, true)).toMatch(/leak/);
    expect(sinkCaption('en', 0, false)).toBe('');
    expect(sinkCaption('en', NaN, false)).toBe('');
  });
});
