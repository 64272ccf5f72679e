import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../protocol/tokens.ts';
import { chunkText } from './chunkText.ts';

describe('chunkText', () => {
  it('cuts narrow text every 4 characters per token', () => {
    expect(chunkText('abcdefghijklmnopqrstu', 2, true)).toEqual(['abcdefgh', 'ijklmnop', 'qrstu']);
  });

  it('cuts wide text so no piece exceeds the chunk size', () => {
    const chunks = chunkText('ab你好cd世界efgh', 2, false);
    expect(chunks.join('')).toBe('ab你好cd世界efgh');
    expect(chunks.map(estimateTokens).every((t) => t <= 2)).toBe(true);
    expect(chunks).toEqual(['ab你', '好cd', '世界', 'efgh']);
  });
});
