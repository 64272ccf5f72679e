import { describe, expect, it } from 'vitest';
import { bodyText, MessageBody, messageBody } from './shapes.ts';

describe('MessageBody', () => {
  it('has the API fields in the API order', () => {
    const body = messageBody('msg_01abc', 'claude-sonnet-4-6', 'Hi.', 'end_turn', null, 12, 3);
    expect(Object.keys(body)).toEqual([
      'id',
      'type',
      'role',
      'model',
      'content',
      'stop_reason',
      'stop_sequence',
      'usage',
    ]);
    expect(JSON.parse(JSON.stringify(body))).toEqual({
      id: 'msg_01abc',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [{ type: 'text', text: 'Hi.' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: 12,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: 3,
        service_tier: 'standard',
      },
    });
  });

  it.each([
    ['plain words', 'To not against your any between did even world.'],
    ['quotes, backslashes and control characters', 'a "quoted" \\ back\nslash\ttab\u0000\u001f\u007f'],
    ['CJK and emoji', '批量请求 😀 与重试'],
    ['a lone surrogate', 'broken \ud800 pair \udc00'],
    ['the batch delimiter', 'first\n---\nsecond'],
    ['an empty text', ''],
  ])('serializes %s to the bytes JSON.stringify gives', (_name, text) => {
    const body = new MessageBody('msg_01\u2028x', 'model "x"', text, 'max_tokens', null, 0, 65_536);
    expect(body.jsonText()).toBe(JSON.stringify(body));
    expect(bodyText(body)).toBe(JSON.stringify(body));
  });

  it('serializes prompt-cache usage to the bytes JSON.stringify gives, input_tokens net of the cache', () => {
    const cache = { readTokens: 4003, write5mTokens: 0, write1hTokens: 0 };
    const read = messageBody('msg_01abc', 'claude-sonnet-4-6', 'Hi.', 'end_turn', null, 4009, 3, cache);
    expect(read.jsonText()).toBe(JSON.stringify(read));
    expect(read.usage).toMatchObject({ input_tokens: 6, cache_read_input_tokens: 4003 });
    const write = { readTokens: 0, write5mTokens: 1500, write1hTokens: 2503 };
    const written = new MessageBody('msg_01x', 'm', 'x', 'end_turn', null, 4009, 1, write);
    expect(written.jsonText()).toBe(JSON.stringify(written));
    expect(written.usage).toMatchObject({
      input_tokens: 6,
      cache_creation_input_tokens: 4003,
      cache_creation: { ephemeral_5m_input_tokens: 1500, ephemeral_1h_input_tokens: 2503 },
    });
  });

  it('carries the matched stop sequence in stop_sequence', () => {
    const body = messageBody('msg_01abc', 'claude-sonnet-4-6', 'Hi', 'stop_sequence', '.', 12, 1);
    expect(JSON.parse(body.jsonText())).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: '.' });
  });

  it.each([
    ['a word', 'END'],
    ['quotes, backslashes and control characters', '"\\\n\t\u0000'],
    ['the batch delimiter', '\n---\n'],
    ['CJK, emoji and a line separator', '。😀\u2028'],
    ['a lone surrogate', '\udc00'],
  ])('serializes a stop sequence with %s to the bytes JSON.stringify gives', (_name, stopSequence) => {
    const body = new MessageBody('msg_01x', 'claude-haiku-4-5', 'text', 'stop_sequence', stopSequence, 7, 1);
    expect(body.jsonText()).toBe(JSON.stringify(body));
    expect(bodyText(body)).toBe(JSON.stringify(body));
  });

  it('leaves other bodies to JSON.stringify', () => {
    const body = { type: 'error', error: { type: 'api_error', message: 'x' }, request_id: 'req_1' };
    expect(bodyText(body)).toBe(JSON.stringify(body));
  });
});
