import { describe, expect, it } from 'vitest';
import { encodeAnthropicEvent, encodeOpenAiChunk, encodeSseComment } from './sse.ts';

describe('SSE encoding', () => {
  it('frames an Anthropic event with its name and a JSON data line', () => {
    expect(encodeAnthropicEvent('ping', { type: 'ping' })).toBe('event: ping\ndata: {"type":"ping"}\n\n');
  });

  it('frames an OpenAI chunk as a data-only event and [DONE] literally', () => {
    expect(encodeOpenAiChunk({ id: 'gen-1', choices: [] })).toBe('data: {"id":"gen-1","choices":[]}\n\n');
    expect(encodeOpenAiChunk('[DONE]')).toBe('data: [DONE]\n\n');
  });

  it('frames a comment line', () => {
    expect(encodeSseComment('OPENROUTER PROCESSING')).toBe(': OPENROUTER PROCESSING\n\n');
  });
});
