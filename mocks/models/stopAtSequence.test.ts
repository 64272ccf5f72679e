import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../protocol/tokens.ts';
import type { GeneratedOutput } from './OutputModel.ts';
import { stopAtSequence } from './stopAtSequence.ts';

function answer(text: string, stopReason: GeneratedOutput['stopReason'] = 'end_turn'): GeneratedOutput {
  const narrow = !/[\u3000-\uffff]/.test(text);
  return { text, outputTokens: estimateTokens(text), stopReason, stopSequence: null, parts: 1, narrow };
}

describe('stopAtSequence', () => {
  it('ends the text before the earliest occurrence of any sequence, wherever it is listed', () => {
    expect(stopAtSequence(answer('The cache hit and the retry budget.'), ['retry', 'hit'])).toEqual({
      text: 'The cache ',
      outputTokens: 3,
      stopReason: 'stop_sequence',
      stopSequence: 'hit',
      parts: 1,
      narrow: true,
    });
  });

  it('takes the sequence listed first when two start at the same place', () => {
    const text = 'Stream the answer to the client.';
    expect(stopAtSequence(answer(text), ['the', 'the answer']).stopSequence).toBe('the');
    expect(stopAtSequence(answer(text), ['the answer', 'the']).stopSequence).toBe('the answer');
    expect(stopAtSequence(answer(text), ['the answer', 'the']).text).toBe('Stream ');
  });

  it('returns the answer itself when no sequence occurs, and never matches an empty sequence', () => {
    const output = answer('No match here.', 'max_tokens');
    expect(stopAtSequence(output, ['zebra', 'MATCH', ''])).toBe(output);
  });

  it('counts a wide (CJK) text with the estimator and keeps parts and narrow', () => {
    const output = { ...answer('批量请求 abc 与重试'), parts: 2 };
    expect(stopAtSequence(output, ['与'])).toEqual({
      text: '批量请求 abc ',
      outputTokens: 4 + 2,
      stopReason: 'stop_sequence',
      stopSequence: '与',
      parts: 2,
      narrow: false,
    });
  });

  it('cuts at a sequence that starts the text, leaving an empty answer of 0 tokens', () => {
    expect(stopAtSequence(answer('Done.'), ['Done'])).toMatchObject({ text: '', outputTokens: 0 });
  });
});
