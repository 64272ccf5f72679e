import { describe, expect, it } from 'vitest';
import { wrapLine, wrapLines } from './wrapLine.ts';

describe('wrapLine', () => {
  it('leaves a line that fits alone and breaks a longer one at spaces, continuations 4 deeper', () => {
    expect(wrapLine('short line', 80)).toBe('short line');
    expect(
      wrapLine('  rate=2/s: 120 requests/min (limit 50); 60,000 input tokens/min (limit 30,000)', 40),
    ).toBe(
      [
        '  rate=2/s: 120 requests/min (limit 50);',
        '      60,000 input tokens/min (limit',
        '      30,000)',
      ].join('\n'),
    );
  });

  it('keeps a word wider than the width whole on its own line', () => {
    expect(wrapLine('see concurrency=20,maxTokens=256,prompts=zipf now', 20)).toBe(
      'see\n    concurrency=20,maxTokens=256,prompts=zipf\n    now',
    );
  });

  it('counts a character, not a UTF-16 unit or a byte, as a column', () => {
    const line = `${'≤'.repeat(10)} ${'†'.repeat(9)}`;
    expect(wrapLine(line, 20)).toBe(line);
  });

  it('wrapLines flattens the wrapped pieces into lines', () => {
    expect(wrapLines(['a b c d', 'e'], 5)).toEqual(['a b c', '    d', 'e']);
  });
});
