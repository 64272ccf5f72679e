import { describe, expect, it } from 'vitest';
import { estimateInputTokens, estimateTokens } from './tokens.ts';

describe('estimateTokens', () => {
  it('counts a quarter token per Latin character, rounded up, and one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Hi')).toBe(1);
    expect(estimateTokens('Hello world!')).toBe(3);
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('你好 world')).toBe(2 + 2);
  });

  it('adds message framing to a request body', () => {
    expect(estimateInputTokens({ messages: [{ role: 'user', content: 'Hello world!' }] })).toBe(3 + 4 + 3);
    expect(
      estimateInputTokens({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      }),
    ).toBe(3 + 3 + 4 + 1);
  });
});
