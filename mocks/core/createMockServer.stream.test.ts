import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../protocol/tokens.ts';
import { messagesBody, testServer } from './testServer.ts';
import type { MockStreamResponse, TimedEvent } from './types.ts';

/** Latency with round numbers: TTFT 100 ms, 10 tokens/s → 100 ms a token, 2 tokens a chunk. */
const TIMED = {
  latency: {
    ttftMs: 100,
    headersMs: 20,
    perInputTokenMs: 0,
    outputTokensPerSec: 10,
    jitterSigma: 0,
    generationJitterSigma: 0,
    chunkTokens: 2,
  },
  output: { tokens: 6 },
};

function names(events: readonly TimedEvent[]): (string | null)[] {
  return events.map((e) => e.event);
}

function deltaText(events: readonly TimedEvent[]): string {
  return events
    .filter((e) => e.event === 'content_block_delta')
    .map((e) => (e.data as { delta: { text: string } }).delta.text)
    .join('');
}

describe('createMockServer: Anthropic streams', () => {
  it('sends the documented event order with usage in message_start and cumulative usage in message_delta', async () => {
    const { stream } = testServer(TIMED, { preset: 'default' });
    const response = await stream(messagesBody({ stream: true }));
    expect(response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(response.format).toBe('anthropic');
    expect(names(response.events)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const start = response.events[0]?.data as {
      message: { usage: { input_tokens: number; output_tokens: number }; stop_reason: null };
    };
    expect(start.message.stop_reason).toBeNull();
    expect(start.message.usage.output_tokens).toBe(1);
    const delta = response.events[7]?.data as {
      delta: { stop_reason: string; stop_sequence: null };
      usage: { input_tokens: number; output_tokens: number };
    };
    expect(delta.delta).toEqual({ stop_reason: 'end_turn', stop_sequence: null });
    expect(delta.usage.input_tokens).toBe(start.message.usage.input_tokens);
    expect(delta.usage.output_tokens).toBe(6);
    expect(estimateTokens(deltaText(response.events))).toBe(6);
    expect(response.end).toEqual({ kind: 'complete', atMs: 700 });
  });

  it('sends headers after headersMs, the first delta at TTFT and the rest evenly spaced to the end', async () => {
    const { clock, stream } = testServer(TIMED, { preset: 'default' });
    const response = await stream(messagesBody({ stream: true }));
    expect(clock.now()).toBe(20);
    expect(response.events.map((e) => e.atMs)).toEqual([20, 20, 20, 100, 300, 500, 700, 700, 700]);
  });

  it('holds the slot until the end of the stream, and cancel() frees it and bills only what was sent', async () => {
    const { clock, server, stream } = testServer(TIMED, { preset: 'default' });
    const whole = await stream(messagesBody({ stream: true }));
    expect(server.stats().inFlight).toBe(1);
    await clock.advance(700 - clock.now());
    expect(server.stats().inFlight).toBe(0);
    expect(server.stats().outputTokens).toBe(6);
    expect(whole.end.atMs).toBe(700);

    const cut = await stream(messagesBody({ stream: true, messages: [{ role: 'user', content: 'Other' }] }));
    await clock.advance(100 + 100); // first delta (2 tokens) is out at +100, the second is due at +300
    cut.cancel();
    cut.cancel();
    expect(server.stats().inFlight).toBe(0);
    expect(server.stats().outputTokens).toBe(6 + 2);
  });
});

describe('createMockServer: stream aborts', () => {
  it('frees the slot and bills nothing when the client aborts before the headers', async () => {
    const { clock, server } = testServer(
      { ...TIMED, latency: { ...TIMED.latency, headersMs: 50 } },
      { preset: 'default' },
    );
    const controller = new AbortController();
    const pending = server.handle({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      json: messagesBody({ stream: true }),
      signal: controller.signal,
    });
    await clock.advance(10);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.stats()).toMatchObject({ inFlight: 0, inputTokens: 0, outputTokens: 0, byStatus: {} });
  });
});

describe('createMockServer: OpenAI-compatible chat completions', () => {
  const chat = (body: Record<string, unknown>, authorization = 'Bearer sk-or') => ({
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { authorization },
    json: { model: 'anthropic/claude-sonnet-4.5', messages: [{ role: 'user', content: 'Hello' }], ...body },
  });

  it('answers a chat completion with usage and finish_reason', async () => {
    const { send } = testServer({ output: { tokens: 5 } });
    const response = await send(chat({ max_tokens: 50 }));
    expect(response.kind === 'json' && response.status).toBe(200);
    const body = (response as { body: Record<string, unknown> }).body;
    expect(body).toMatchObject({
      object: 'chat.completion',
      created: 1767225600,
      model: 'anthropic/claude-sonnet-4.5',
      choices: [{ index: 0, message: { role: 'assistant' }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 },
    });
    expect(body.id).toMatch(/^gen-/);
  });

  it('streams data-only chunks ending with a usage chunk and [DONE] when include_usage is set', async () => {
    const { send } = testServer({ output: { tokens: 5 }, latency: { chunkTokens: 2 } });
    const response = (await send(
      chat({ stream: true, stream_options: { include_usage: true } }),
    )) as MockStreamResponse;
    expect(response.format).toBe('openai');
    expect(response.headers['content-type']).toBe('text/event-stream');
    expect(response.events.every((e) => e.event === null)).toBe(true);
    const data = response.events.map((e) => e.data as Record<string, unknown>);
    expect(data.at(-1)).toBe('[DONE]');
    expect(data.at(-2)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 5, total_tokens: 14 },
    });
    expect(data.at(-3)).toMatchObject({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: null });
    expect(data[0]).toMatchObject({ choices: [{ delta: { role: 'assistant', content: '' } }], usage: null });
    const text = data
      .slice(1, -3)
      .map(
        (d) =>
          ((d.choices as { delta: { content: string } }[])[0] as { delta: { content: string } }).delta
            .content,
      )
      .join('');
    expect(estimateTokens(text)).toBe(5);
  });

  it('sends no usage chunk without include_usage', async () => {
    const { send } = testServer({ output: { tokens: 5 } });
    const response = (await send(chat({ stream: true }))) as MockStreamResponse;
    const data = response.events.map((e) => e.data as Record<string, unknown>);
    expect(data.some((d) => typeof d === 'object' && 'usage' in d)).toBe(false);
    expect(data.at(-1)).toBe('[DONE]');
  });

  it('answers errors in the OpenRouter shape', async () => {
    const { send } = testServer();
    const noKey = await send(chat({}, ''));
    const badModel = await send(chat({ model: 'openai/gpt-4o' }));
    expect(noKey).toMatchObject({
      status: 401,
      body: { error: { code: 401, message: 'No auth credentials found' } },
    });
    expect(badModel).toMatchObject({
      status: 400,
      body: { error: { code: 400, message: 'openai/gpt-4o is not a valid model ID' } },
    });
  });
});

describe('createMockServer: stream faults', () => {
  const faulty = (faults: Record<string, number>) =>
    testServer({ ...TIMED, output: { tokens: 40 }, faults }, { preset: 'default' });

  it('sends an overloaded_error event mid-stream and no message_stop', async () => {
    const { clock, server, stream } = faulty({ streamErrorEvent: 1 });
    const response = await stream(messagesBody({ stream: true }));
    const last = response.events.at(-1) as TimedEvent;
    expect(last.event).toBe('error');
    expect(last.data).toEqual({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
    expect(names(response.events)).not.toContain('message_stop');
    expect(response.end).toEqual({ kind: 'complete', atMs: last.atMs });
    // Between the first token (100 ms) and the end (100 + 40 tokens × 100 ms).
    expect(last.atMs).toBeGreaterThanOrEqual(100);
    expect(last.atMs).toBeLessThan(4100);
    await clock.advance(last.atMs);
    expect(server.stats().streamFaults).toEqual({ 'error-event': 1 });
    expect(server.stats().byErrorType).toEqual({ overloaded_error: 1 });
  });

  it.each([
    ['streamDrop', 'reset'],
    ['streamCleanClose', 'close'],
    ['streamStall', 'stall'],
  ] as const)(
    '%s ends the stream with %s before message_stop, billing the tokens sent',
    async (fault, kind) => {
      const { clock, server, stream } = faulty({ [fault]: 1 });
      const response = await stream(messagesBody({ stream: true }));
      expect(response.end.kind).toBe(kind);
      expect(names(response.events)).not.toContain('message_stop');
      const deltas = response.events.filter((e) => e.event === 'content_block_delta');
      expect(deltas.every((e) => e.atMs <= response.end.atMs)).toBe(true);
      expect(deltas.length).toBeGreaterThanOrEqual(1);
      expect(deltas.length).toBeLessThan(20);
      await clock.advance(response.end.atMs);
      expect(server.stats().streamFaults).toEqual({ [kind]: 1 });
      expect(server.stats().outputTokens).toBe(estimateTokens(deltaText(response.events)));
      expect(server.stats().inFlight).toBe(0);
    },
  );
});
