import { describe, expect, it } from 'vitest';
import { argmaxRow, median, pearson, percentile, spikeReadout } from './stats';

describe('pearson', () => {
  it('is 1 and -1 on exact lines and matches a hand computation', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    // x = 1,2,3,4; y = 1,3,2,4: sxy = 4, sxx = syy = 5 -> r = 0.8
    expect(pearson([1, 2, 3, 4], [1, 3, 2, 4])).toBeCloseTo(0.8, 15);
  });
  it('is NaN when one side is constant', () => {
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });
});

describe('percentile', () => {
  it('interpolates linearly like numpy', () => {
    // numpy.percentile([1, 2, 3, 4], 99.9) = 3.997; ([5, 1, 3], 50) = 3
    expect(percentile([1, 2, 3, 4], 99.9)).toBeCloseTo(3.997, 12);
    expect(percentile([5, 1, 3], 50)).toBe(3);
    expect(percentile([5, 1, 3], 100)).toBe(5);
  });
});

describe('spikeReadout', () => {
  it('takes the most spikes and breaks ties by membrane potential', () => {
    const counts = [3, 5, 5, 0, 0, 0];
    const v = [0.9, 0.2, 0.4, 0.1, -0.5, 0.3];
    expect(spikeReadout(counts, v, 0, 3)).toBe(2);
    expect(spikeReadout(counts, v, 1, 3)).toBe(2);
    expect(argmaxRow([1, 7, 7], 0, 3)).toBe(1);
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});
