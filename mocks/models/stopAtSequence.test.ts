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

  it('stops at the sequence completed first, as a model writing left to right does', () => {
    // "bcdef" starts first but "cd" is complete first.
    expect(stopAtSequence(answer('abcdef'), ['bcdef', 'cd'])).toMatchObject({
      text: 'ab',
      stopSequence: 'cd',
    });
    const text = 'Stream the answer to the client.';
    // Both start at "the"; "the" is complete first, whatever the list order.
    expect(stopAtSequence(answer(text), ['the answer', 'the'])).toMatchObject({
      text: 'Stream ',
      stopSequence: 'the',
    });
  });

  it('takes the longer sequence when two are complete at the same character', () => {
    expect(stopAtSequence(answer('the retry budget'), ['budget', 'retry budget'])).toMatchObject({
      text: 'the ',
      stopSequence: 'retry budget',
    });
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
