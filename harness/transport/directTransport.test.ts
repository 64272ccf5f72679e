import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import type {
  MockRequest,
  MockResponse,
  MockServer,
  MockStats,
  StreamEnd,
  TimedEvent,
} from '../../mocks/core/types.ts';
import { createDirectTransport } from './directTransport.ts';
import type { ApiRequest, Usage } from './Transport.ts';

const REQUEST: ApiRequest = {
  model: 'claude-sonnet-4-5',
  maxTokens: 64,
  messages: [{ role: 'user', content: 'Hi' }],
  stream: false,
};

/** A scripted MockServer: each call takes the next response, after `latencyMs` on the clock. */
function fakeServer(clock: VirtualClock, responses: MockResponse[], latencyMs = 100) {
  const received: MockRequest[] = [];
  const server: MockServer = {
    async handle(request) {
      received.push(request);
      await clock.sleep(latencyMs, request.signal);
      const next = responses.shift();
      if (next === undefined) throw new Error('no scripted response left');
      return next;
    },
    stats: () => ({}) as MockStats,
  };
  return { server, received };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): MockResponse {
  return { kind: 'json', status, headers, body };
}

function errorBody(type: string, message: string): unknown {
  return { type: 'error', error: { type, message }, request_id: 'req_1' };
}

/** A stream whose events are due at the given times; `cancelled` counts cancel() calls. */
function stream(events: TimedEvent[], end: StreamEnd) {
  const state = { cancelled: 0 };
  const response: MockResponse = {
    kind: 'stream',
    status: 200,
    headers: {},
    format: 'anthropic',
    events,
    end,
    cancel: () => {
      state.cancelled++;
    },
  };
  return { response, state };
}

const start = (atMs: number): TimedEvent => ({
  atMs,
  event: 'message_start',
  data: { type: 'message_start', message: { usage: { input_tokens: 12, output_tokens: 1 } } },
});
const delta = (atMs: number, text: string): TimedEvent => ({
  atMs,
  event: 'content_block_delta',
  data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } },
});
const messageDelta = (atMs: number, outputTokens: number): TimedEvent => ({
  atMs,
  event: 'message_delta',
  data: { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: outputTokens } },
});
const stop = (atMs: number): TimedEvent => ({ atMs, event: 'message_stop', data: { type: 'message_stop' } });

function recorder() {
  const calls: [number, Usage | undefined][] = [];
  return {
    calls,
    observer: { onCall: (status: number, usage: Usage | undefined) => calls.push([status, usage]) },
  };
}

describe('createDirectTransport', () => {
  it('hands the body over as an object with the API headers and maps a Message to ok', async () => {
    const clock = new VirtualClock();
    const { server, received } = fakeServer(clock, [
      json(200, {
        type: 'message',
        content: [
          { type: 'text', text: 'Hello' },
          { type: 'text', text: '!' },
        ],
        stop_reason: 'max_tokens',
        usage: { input_tokens: 12, output_tokens: 6 },
      }),
    ]);
    const { calls, observer } = recorder();
    const transport = createDirectTransport(server, { clock, observer, apiKey: 'k' });
    const outcome = await clock.run(transport.send({ ...REQUEST, system: 'be brief', temperature: 0 }));
    expect(outcome).toEqual({
      kind: 'ok',
      text: 'Hello!',
      content: [
        { type: 'text', text: 'Hello' },
        { type: 'text', text: '!' },
      ],
      stopReason: 'max_tokens',
      usage: { inputTokens: 12, outputTokens: 6 },
    });
    expect(received[0]).toMatchObject({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      json: {
        model: 'claude-sonnet-4-5',
        max_tokens: 64,
        messages: [{ role: 'user', content: 'Hi' }],
        system: 'be brief',
        temperature: 0,
      },
    });
    expect((received[0]!.json as Record<string, unknown>).stream).toBeUndefined();
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 6 }]]);
    expect(clock.now()).toBe(100);
  });

  it.each([
    [429, 'rate_limit_error', 'rate-limited'],
    [529, 'overloaded_error', 'overloaded'],
    [500, 'api_error', 'server-error'],
    [502, 'api_error', 'server-error'],
    [503, 'api_error', 'server-error'],
    [504, 'timeout_error', 'server-error'],
    [400, 'invalid_request_error', 'invalid-request'],
    [404, 'not_found_error', 'invalid-request'],
    [413, 'request_too_large', 'invalid-request'],
    [401, 'authentication_error', 'auth-error'],
    [403, 'permission_error', 'auth-error'],
  ])('maps HTTP %i %s to %s and reports the status', async (status, type, kind) => {
    const clock = new VirtualClock();
    const { server } = fakeServer(clock, [json(status, errorBody(type, 'nope'))]);
    const { calls, observer } = recorder();
    const outcome = await clock.run(createDirectTransport(server, { clock, observer }).send(REQUEST));
    expect(outcome).toEqual({ kind, status, errorType: type, message: `HTTP ${status} ${type}: nope` });
    expect(calls).toEqual([[status, undefined]]);
  });

  it('reads retry-after-ms before retry-after seconds, and an HTTP date against the clock', async () => {
    const clock = new VirtualClock({ epochMs: Date.UTC(2026, 0, 1) });
    const { server } = fakeServer(
      clock,
      [
        json(429, errorBody('rate_limit_error', 'slow down'), {
          'retry-after-ms': '1500.5',
          'retry-after': '30',
        }),
        json(429, errorBody('rate_limit_error', 'slow down'), { 'retry-after': '2' }),
        json(529, errorBody('overloaded_error', 'Overloaded'), {
          'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT',
        }),
      ],
      0,
    );
    const transport = createDirectTransport(server, { clock });
    const waits: (number | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const outcome = await clock.run(transport.send(REQUEST));
      waits.push(outcome.kind === 'ok' ? undefined : outcome.retryAfterMs);
    }
    expect(waits).toEqual([1500.5, 2000, 5000]);
  });

  it('sleeps to the first token and to message_stop, and assembles the streamed answer', async () => {
    const clock = new VirtualClock();
    const { response, state } = stream(
      [start(100), delta(400, 'Hel'), delta(450, 'lo'), messageDelta(600, 9), stop(600)],
      { kind: 'complete', atMs: 600 },
    );
    const { server, received } = fakeServer(clock, [response]);
    const { calls, observer } = recorder();
    const outcome = await clock.run(
      createDirectTransport(server, { clock, observer }).send({ ...REQUEST, stream: true }),
    );
    expect(outcome).toEqual({
      kind: 'ok',
      text: 'Hello',
      content: [{ type: 'text', text: 'Hello' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 9 },
      firstTokenAtMs: 400,
    });
    expect(clock.now()).toBe(600);
    expect((received[0]!.json as Record<string, unknown>).stream).toBe(true);
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 9 }]]);
    expect(state.cancelled).toBe(0);
  });

  it.each([
    [{ kind: 'reset', atMs: 700 } as StreamEnd, 'terminated', 700],
    [{ kind: 'close', atMs: 650 } as StreamEnd, 'closed without message_stop', 650],
  ])('maps a %j end to stream-dropped with the partial output billed', async (end, reason, atMs) => {
    const clock = new VirtualClock();
    const { response, state } = stream([start(100), delta(400, 'abcdefgh'), delta(500, 'ijkl')], end);
    const { server } = fakeServer(clock, [response]);
    const { calls, observer } = recorder();
    const outcome = await clock.run(
      createDirectTransport(server, { clock, observer }).send({ ...REQUEST, stream: true }),
    );
    expect(outcome).toEqual({
      kind: 'stream-dropped',
      message: `stream dropped (${reason}) after 3 output tokens`,
      usage: { inputTokens: 12, outputTokens: 3 },
      firstTokenAtMs: 400,
    });
    expect(clock.now()).toBe(atMs);
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 3 }]]);
    expect(state.cancelled).toBe(1);
  });

  it('maps a mid-stream error event to stream-dropped keeping its error type', async () => {
    const clock = new VirtualClock();
    const errorEvent: TimedEvent = {
      atMs: 420,
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    };
    const { response } = stream([start(100), delta(400, 'Hi'), errorEvent], { kind: 'close', atMs: 420 });
    const { server } = fakeServer(clock, [response]);
    const outcome = await clock.run(
      createDirectTransport(server, { clock }).send({ ...REQUEST, stream: true }),
    );
    expect(outcome).toMatchObject({
      kind: 'stream-dropped',
      errorType: 'overloaded_error',
      message: 'stream dropped (error event overloaded_error: Overloaded) after 1 output tokens',
    });
    expect(clock.now()).toBe(420);
  });

  it('drops a stalled stream when the idle timeout fires after the last event', async () => {
    const clock = new VirtualClock();
    const { response, state } = stream([start(100), delta(400, 'Hi')], { kind: 'stall', atMs: 400 });
    const { server } = fakeServer(clock, [response]);
    const transport = createDirectTransport(server, { clock });
    const outcome = await clock.run(
      transport.send({ ...REQUEST, stream: true }, { streamIdleTimeoutMs: 1000 }),
    );
    expect(outcome).toMatchObject({
      kind: 'stream-dropped',
      message: expect.stringContaining('idle for 1000 ms'),
    });
    expect(clock.now()).toBe(1400);
    expect(state.cancelled).toBe(1);
  });

  it('drops a stream whose gap between two events exceeds the idle timeout, before the late event', async () => {
    const clock = new VirtualClock();
    const { response } = stream([start(100), delta(200, 'a'), delta(900, 'b'), stop(950)], {
      kind: 'complete',
      atMs: 950,
    });
    const { server } = fakeServer(clock, [response]);
    const transport = createDirectTransport(server, { clock });
    const outcome = await clock.run(
      transport.send({ ...REQUEST, stream: true }, { streamIdleTimeoutMs: 500 }),
    );
    expect(outcome).toMatchObject({ kind: 'stream-dropped', firstTokenAtMs: 200 });
    expect(clock.now()).toBe(700);
  });

  it('waits on a stall without idle timeout until the signal aborts, billing the output received', async () => {
    const clock = new VirtualClock();
    const { response, state } = stream([start(100), delta(400, 'abcd'), delta(500, 'efgh')], {
      kind: 'stall',
      atMs: 500,
    });
    const { server } = fakeServer(clock, [response]);
    const { calls, observer } = recorder();
    const controller = new AbortController();
    clock.setTimer(5000, () => controller.abort());
    const transport = createDirectTransport(server, { clock, observer });
    const outcome = await clock.run(
      transport.send({ ...REQUEST, stream: true }, { signal: controller.signal }),
    );
    expect(outcome).toEqual({
      kind: 'aborted',
      message: 'the call was aborted mid-stream',
      usage: { inputTokens: 12, outputTokens: 2 },
      firstTokenAtMs: 400,
    });
    expect(clock.now()).toBe(5000);
    expect(state.cancelled).toBe(1);
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 2 }]]);
  });

  it('counts only the events before an abort that lands mid-stream', async () => {
    const clock = new VirtualClock();
    const { response } = stream([start(100), delta(400, 'abcd'), delta(500, 'efgh'), stop(600)], {
      kind: 'complete',
      atMs: 600,
    });
    const { server } = fakeServer(clock, [response]);
    const controller = new AbortController();
    clock.setTimer(450, () => controller.abort());
    const transport = createDirectTransport(server, { clock });
    const outcome = await clock.run(
      transport.send({ ...REQUEST, stream: true }, { signal: controller.signal }),
    );
    expect(outcome).toMatchObject({ kind: 'aborted', usage: { inputTokens: 12, outputTokens: 1 } });
    expect(clock.now()).toBe(450);
  });

  it('returns aborted with status 0 reported when the signal aborts before the response', async () => {
    const clock = new VirtualClock();
    const { server } = fakeServer(clock, [json(200, {})], 1000);
    const { calls, observer } = recorder();
    const controller = new AbortController();
    clock.setTimer(300, () => controller.abort());
    const transport = createDirectTransport(server, { clock, observer });
    const outcome = await clock.run(transport.send(REQUEST, { signal: controller.signal }));
    expect(outcome).toEqual({ kind: 'aborted', message: 'the call was aborted before the response' });
    expect(clock.now()).toBe(300);
    expect(calls).toEqual([[0, undefined]]);
  });
});
