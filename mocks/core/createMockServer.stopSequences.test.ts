import { describe, expect, it } from 'vitest';
import { AUTH, messagesBody, testServer } from './testServer.ts';
import type { MockJsonResponse, MockRequest, MockStreamResponse, TimedEvent } from './types.ts';

/**
 * 12-token answers in 2-token chunks. Without stop sequences, the prompt "Hello" (Messages or chat)
 * is answered "We time and years any system first right came we".
 */
const CONFIG = { output: { tokens: 12 }, latency: { chunkTokens: 2 } };
const FULL = 'We time and years any system first right came we';

type Message = {
  content: { type: string; text: string }[];
  stop_reason: string;
  stop_sequence: string | null;
  usage: { output_tokens: number };
};

async function message(body: Record<string, unknown>): Promise<Message> {
  return (await testServer(CONFIG).json(messagesBody(body))).body as Message;
}

/** Text, stop_reason, stop_sequence and output_tokens of a Message. */
function outcome(m: Message): [string | undefined, string, string | null, number] {
  return [m.content[0]?.text, m.stop_reason, m.stop_sequence, m.usage.output_tokens];
}

function chat(body: Record<string, unknown>): MockRequest {
  return {
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { authorization: 'Bearer sk-or' },
    json: { model: 'anthropic/claude-sonnet-4.5', messages: [{ role: 'user', content: 'Hello' }], ...body },
  };
}

function errorMessage(response: MockJsonResponse): [number, string] {
  const body = response.body as { error: { message: string } };
  return [response.status, body.error.message];
}

describe('createMockServer: stop sequences in the Messages API', () => {
  it('ends the answer before the stop sequence with stop_reason stop_sequence and the matched string', async () => {
    expect(outcome(await message({}))).toEqual([FULL, 'end_turn', null, 12]);
    expect(outcome(await message({ stop_sequences: ['system'] }))).toEqual([
      'We time and years any ',
      'stop_sequence',
      'system',
      6,
    ]);
  });

  it('stops at the sequence completed first, whatever the order of the list', async () => {
    expect(outcome(await message({ stop_sequences: ['came', 'years'] }))).toEqual([
      'We time and ',
      'stop_sequence',
      'years',
      3,
    ]);
  });

  it('leaves the answer unchanged when a stop sequence never matches', async () => {
    const without = await testServer(CONFIG).json(messagesBody());
    const withStop = await testServer(CONFIG).json(messagesBody({ stop_sequences: ['zebra', 'STOP'] }));
    expect(withStop.body).toEqual(without.body);
    expect(outcome(withStop.body as Message)).toEqual([FULL, 'end_turn', null, 12]);
  });

  it('lets the max_tokens cut win when it comes before the stop sequence is complete', async () => {
    // max_tokens 5 keeps 'We time and years an' (20 characters): 'system' lies beyond it, 'years any' across it.
    expect(outcome(await message({ max_tokens: 5, stop_sequences: ['system', 'years any'] }))).toEqual([
      'We time and years an',
      'max_tokens',
      null,
      5,
    ]);
    expect(outcome(await message({ max_tokens: 5, stop_sequences: ['system', 'years'] }))).toEqual([
      'We time and ',
      'stop_sequence',
      'years',
      3,
    ]);
  });

  it('cuts a batched answer mid-batch', async () => {
    const tasks = { messages: [{ role: 'user', content: 'One\n---\nTwo\n---\nThree' }] };
    const batched = await testServer({ output: { tokens: 5 } }).json(
      messagesBody({ ...tasks, stop_sequences: ['much'] }),
    );
    expect(outcome(batched.body as Message)).toEqual([
      'Two year way since s\n---\nAs like ',
      'stop_sequence',
      'much',
      9,
    ]);
  });

  it('streams only the text before the stop sequence, and says so in message_delta', async () => {
    const response = await testServer(CONFIG).stream(
      messagesBody({ stream: true, stop_sequences: ['system'] }),
    );
    const deltas = response.events
      .filter((e) => e.event === 'content_block_delta')
      .map((e) => (e.data as { delta: { text: string } }).delta.text);
    expect(deltas).toEqual(['We time ', 'and year', 's any ']);
    const messageDelta = response.events.find((e) => e.event === 'message_delta') as TimedEvent;
    expect(messageDelta.data).toMatchObject({
      delta: { stop_reason: 'stop_sequence', stop_sequence: 'system' },
      usage: { output_tokens: 6 },
    });
    expect(response.events.at(-1)?.event).toBe('message_stop');
  });

  it('keeps stop_sequence null in message_start and when the stream ends otherwise', async () => {
    const response = await testServer(CONFIG).stream(
      messagesBody({ stream: true, stop_sequences: ['zebra'] }),
    );
    expect(response.events[0]?.data).toMatchObject({
      message: { stop_reason: null, stop_sequence: null },
    });
    expect(response.events.find((e) => e.event === 'message_delta')?.data).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: 12 },
    });
  });

  it('validates stop_sequences with the API’s messages', async () => {
    const { json } = testServer(CONFIG);
    const cases: [unknown, string][] = [
      ['END', 'stop_sequences: Input should be a valid list'],
      [null, 'stop_sequences: Input should be a valid list'],
      [['END', 5], 'stop_sequences.1: Input should be a valid string'],
      [['END', ''], 'stop_sequences: each stop sequence must be non-empty'],
      [['\n\n'], 'stop_sequences: each stop sequence must contain non-whitespace'],
    ];
    const responses = await Promise.all(
      cases.map(([stops]) => json(messagesBody({ stop_sequences: stops }))),
    );
    expect(responses.map(errorMessage)).toEqual(cases.map(([, message]) => [400, message]));
    expect(responses.map((r) => (r.body as { error: { type: string } }).error.type)).toEqual(
      cases.map(() => 'invalid_request_error'),
    );
  });

  it('accepts an empty list as no stop sequences, and count_tokens ignores stop_sequences', async () => {
    expect(outcome(await message({ stop_sequences: [] }))).toEqual([FULL, 'end_turn', null, 12]);
    const { send } = testServer(CONFIG);
    const counted = (await send({
      method: 'POST',
      path: '/v1/messages/count_tokens',
      headers: AUTH,
      json: { model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'Hello' }], stop_sequences: 7 },
    })) as MockJsonResponse;
    expect([counted.status, counted.body]).toEqual([200, { input_tokens: 9 }]);
  });
});

describe('createMockServer: stop in chat completions', () => {
  type Completion = {
    choices: { message: { content: string }; finish_reason: string }[];
    usage: { completion_tokens: number };
  };
  const complete = async (
    body: Record<string, unknown>,
  ): Promise<[string | undefined, string | undefined, number]> => {
    const response = (await testServer(CONFIG).send(chat(body))) as MockJsonResponse;
    const completion = response.body as Completion;
    return [
      completion.choices[0]?.message.content,
      completion.choices[0]?.finish_reason,
      completion.usage.completion_tokens,
    ];
  };

  it('cuts the answer at stop (a string or a list) with finish_reason stop', async () => {
    expect(await complete({})).toEqual([FULL, 'stop', 12]);
    expect(await complete({ stop: 'system' })).toEqual(['We time and years any ', 'stop', 6]);
    expect(await complete({ stop: ['came', 'years'] })).toEqual(['We time and ', 'stop', 3]);
    expect(await complete({ stop: null })).toEqual([FULL, 'stop', 12]);
  });

  it('keeps finish_reason length when max_tokens cuts first', async () => {
    expect(await complete({ max_tokens: 5, stop: 'system' })).toEqual(['We time and years an', 'length', 5]);
  });

  it('streams only the text before the stop sequence', async () => {
    const response = (await testServer(CONFIG).send(
      chat({ stream: true, stop: ['system'] }),
    )) as MockStreamResponse;
    const data = response.events.map(
      (e) => e.data as { choices: { delta: { content?: string }; finish_reason: string | null }[] },
    );
    const text = data
      .slice(0, -1)
      .map((d) => d.choices[0]?.delta.content ?? '')
      .join('');
    expect(text).toBe('We time and years any ');
    expect(data.at(-2)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('answers a stop of the wrong type with an OpenRouter 400', async () => {
    const { send } = testServer(CONFIG);
    const notList = (await send(chat({ stop: 5 }))) as MockJsonResponse;
    const notString = (await send(chat({ stop: ['a', { b: 1 }] }))) as MockJsonResponse;
    expect([notList.status, notList.body]).toEqual([
      400,
      { error: { code: 400, message: 'stop: expected a string or a list of strings, got 5' } },
    ]);
    expect([notString.status, notString.body]).toEqual([
      400,
      { error: { code: 400, message: 'stop[1]: expected a string, got {"b":1}' } },
    ]);
  });
});
