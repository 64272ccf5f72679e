import { describe, expect, it } from 'vitest';
import { messageOutcome } from './messageOutcome.ts';
import { StreamAccumulator } from './StreamAccumulator.ts';

const CACHED = {
  input_tokens: 6,
  cache_creation_input_tokens: 2003,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 3, ephemeral_1h_input_tokens: 2000 },
  output_tokens: 10,
};

describe('prompt-cache usage in transport outcomes', () => {
  it('carries cache writes and reads of a JSON Message, and keeps the two-field usage without them', () => {
    const body = (usage: object) => ({ content: [{ type: 'text', text: 'x' }], usage });
    expect(messageOutcome(body(CACHED))).toMatchObject({
      usage: { inputTokens: 6, outputTokens: 10, cacheWriteTokens: 2003, cacheWrite1hTokens: 2000 },
    });
    const plain = messageOutcome(body({ ...CACHED, cache_creation_input_tokens: 0, cache_creation: null }));
    expect(plain.kind === 'ok' && plain.usage).toEqual({ inputTokens: 6, outputTokens: 10 });
  });

  it('takes a stream’s cache counts from message_start and keeps them through message_delta', () => {
    const s = new StreamAccumulator();
    s.onEvent('message_start', {
      message: {
        usage: {
          ...CACHED,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 2003,
          cache_creation: null,
          output_tokens: 1,
        },
      },
    });
    s.onEvent('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 10 } });
    s.onEvent('message_stop', {});
    expect(s.usage()).toEqual({ inputTokens: 6, outputTokens: 10, cacheReadTokens: 2003 });
  });
});
