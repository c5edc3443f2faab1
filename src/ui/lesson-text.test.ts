import { describe, expect, it } from 'vitest';
import { TEACH_TEXT, tt } from './lesson-text';

describe("the teacher's features' words", () => {
  it('every entry has English and Korean, with the same placeholders', () => {
    for (const [key, t] of Object.entries(TEACH_TEXT)) {
      expect(t.en.trim(), key).not.toBe('');
      expect(t.ko, key).toMatch(/[가-힣]/);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(t.ko), key).toEqual(holes(t.en));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(tt('en', 'stepOf', { n: 3, total: 10 })).toBe('Step 3 of 10');
    expect(tt('ko', 'stepOf', { n: 3, total: 10 })).toBe('10단계 중 3단계');
    expect(tt('en', 'valueTip')).toBe('Value of {name}');
  });
});
