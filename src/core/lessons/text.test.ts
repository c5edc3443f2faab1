import { describe, expect, it } from 'vitest';
import { splitMath } from './text';

describe('lesson text with inline formulas', () => {
  it('splits words and $formulas$ in order', () => {
    expect(splitMath('loss $L = -\\log p$ here')).toEqual([
      { kind: 'text', value: 'loss ' },
      { kind: 'math', value: 'L = -\\log p' },
      { kind: 'text', value: ' here' },
    ]);
    expect(splitMath('$a$$b$')).toEqual([{ kind: 'math', value: 'a' }, { kind: 'math', value: 'b' }]);
    expect(splitMath('no maths')).toEqual([{ kind: 'text', value: 'no maths' }]);
  });

  it('keeps an escaped dollar as a dollar and refuses an unclosed formula', () => {
    expect(splitMath('costs \\$5')).toEqual([{ kind: 'text', value: 'costs $5' }]);
    expect(() => splitMath('open $x + y')).toThrow(/unclosed/);
  });
});
