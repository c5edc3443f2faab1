import { describe, expect, it } from 'vitest';
import { EXPORT_TEXT, et } from './export-text';

describe('the Export group\'s words', () => {
  it('every entry has English and Korean, with the same placeholders', () => {
    for (const [key, t] of Object.entries(EXPORT_TEXT)) {
      expect(t.en.trim(), key).not.toBe('');
      expect(t.ko, key).toMatch(/[가-힣]/);
      const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(holes(t.ko), key).toEqual(holes(t.en));
    }
  });

  it('fills placeholders', () => {
    expect(et('en', 'imported', { file: 'a.json', d: 2, h: 8, k: 3, activation: 'relu' })).toMatch(/^Imported a\.json: 2-8-3 relu network;/);
    expect(et('ko', 'importProblem', { file: 'b.json' })).toContain('b.json');
  });
});
