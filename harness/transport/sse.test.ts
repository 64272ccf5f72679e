import { describe, expect, it } from 'vitest';
import { parseSse, type SseEvent, SseParser } from './sse.ts';

const STREAM =
  'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":25,"output_tokens":1}}}\n\n' +
  ': keep-alive comment\n\n' +
  'event: ping\ndata: {"type": "ping"}\n\n' +
  'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo 你好"}}\n\n' +
  'event: message_stop\ndata: {"type":"message_stop"}\n\n';

const EXPECTED: SseEvent[] = [
  {
    event: 'message_start',
    data: '{"type":"message_start","message":{"usage":{"input_tokens":25,"output_tokens":1}}}',
  },
  { event: 'ping', data: '{"type": "ping"}' },
  {
    event: 'content_block_delta',
    data: '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Héllo 你好"}}',
  },
  { event: 'message_stop', data: '{"type":"message_stop"}' },
];

function parseInSlices(input: string | Uint8Array, size: number): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event, data) => events.push({ event, data }));
  for (let i = 0; i < input.length; i += size) parser.push(input.slice(i, i + size));
  parser.finish();
  return events;
}

describe('SseParser', () => {
  it('parses a whole Anthropic stream, skipping comments', () => {
    expect(parseSse(STREAM)).toEqual(EXPECTED);
  });

  it.each([1, 2, 3])('gives the same events when the text arrives in %i-character slices', (size) => {
    expect(parseInSlices(STREAM, size)).toEqual(EXPECTED);
  });

  it.each([1, 2, 3])('decodes UTF-8 bytes split inside characters (%i-byte slices)', (size) => {
    expect(parseInSlices(new TextEncoder().encode(STREAM), size)).toEqual(EXPECTED);
  });

  it.each([
    ['\r\n', 1],
    ['\r\n', 2],
    ['\r\n', 3],
    ['\r', 1],
    ['\r', 3],
  ])('accepts %j line ends in %i-character slices, including a \\r\\n split across chunks', (eol, size) => {
    const text = STREAM.replaceAll('\n', eol as string);
    expect(parseInSlices(text, size as number)).toEqual(EXPECTED);
  });

  it('joins several data lines with \\n and drops only one leading space', () => {
    expect(parseSse('data: a\ndata:  b\ndata:c\ndata\n\n')).toEqual([{ event: null, data: 'a\n b\nc\n' }]);
  });

  it('dispatches data-only events with a null name, and events without data', () => {
    expect(parseSse('data: [DONE]\n\nevent: x\n\n\n\n')).toEqual([
      { event: null, data: '[DONE]' },
      { event: 'x', data: '' },
    ]);
  });

  it('ignores id, retry and unknown fields, and a value containing colons stays whole', () => {
    expect(parseSse('id: 7\nretry: 100\nfoo: bar\nevent: e\ndata: {"a":"b:c"}\n\n')).toEqual([
      { event: 'e', data: '{"a":"b:c"}' },
    ]);
  });

  it('discards an event the stream cut off before its blank line, and says so', () => {
    const events: SseEvent[] = [];
    const parser = new SseParser((event, data) => events.push({ event, data }));
    parser.push('event: a\ndata: 1\n\nevent: b\ndata: 2\n');
    expect(parser.finish()).toBe(true);
    expect(events).toEqual([{ event: 'a', data: '1' }]);
  });
});
