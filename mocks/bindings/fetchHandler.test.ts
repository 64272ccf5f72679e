import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import {
  anthropicStream,
  errorResponse,
  FakeMockServer,
  messageResponse,
} from '../../test/mock/fakeMockServer.ts';
import type { MockResponse } from '../core/types.ts';
import { toFetchHandler } from './fetchHandler.ts';

const BASE = 'http://mock.test';

function setup(respond: (index: number) => MockResponse, maxBodyBytes?: number) {
  const clock = new VirtualClock();
  const server = new FakeMockServer(
    () => clock.now(),
    (_request, index) => respond(index),
  );
  const handle = toFetchHandler(server, clock, maxBodyBytes === undefined ? {} : { maxBodyBytes });
  return { clock, server, handle };
}

function post(body: string, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}/v1/messages?beta=true`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k', ...headers },
    body,
  });
}

/** Reads a body chunk by chunk, noting the clock time each chunk arrived. */
async function readTimed(clock: VirtualClock, body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const chunks: { atMs: number; text: string }[] = [];
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chunks;
    chunks.push({ atMs: clock.now(), text: decoder.decode(value) });
  }
}

describe('toFetchHandler', () => {
  it('hands the core method, path, query, lower-case headers and body text, and returns its JSON', async () => {
    const { handle, server } = setup(() => messageResponse('Hi there'));
    const response = await handle(post('{"model":"m"}', { 'X-Custom': 'yes' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('request-id')).toMatch(/^req_01fake/);
    expect(((await response.json()) as { content: { text: string }[] }).content[0]?.text).toBe('Hi there');
    const seen = server.seen[0]?.request;
    expect(seen?.method).toBe('POST');
    expect(seen?.path).toBe('/v1/messages');
    expect(seen?.query?.get('beta')).toBe('true');
    expect(seen?.headers['x-custom']).toBe('yes');
    expect(seen?.text).toBe('{"model":"m"}');
  });

  it('passes error statuses and headers through unchanged', async () => {
    const { handle } = setup(() => errorResponse(429, 'rate_limit_error', { 'retry-after': '2' }));
    const response = await handle(post('{}'));
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'rate_limit_error' } });
  });

  it('writes each stream event at its atMs on the clock, coalescing events due at the same instant', async () => {
    const { handle, clock } = setup(() =>
      anthropicStream({ startMs: 100, gapMs: 50, pieces: ['Hel', 'lo'], end: 'complete' }),
    );
    const chunks = await clock.run(
      (async () => {
        const response = await handle(post('{}'));
        expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        return readTimed(clock, response.body as ReadableStream<Uint8Array>);
      })(),
    );
    expect(chunks.map((c) => c.atMs)).toEqual([100, 150, 200, 250, 300, 350, 400]);
    expect(chunks[0]?.text).toMatch(/^event: message_start\ndata: \{"type":"message_start"/);
    expect(chunks.at(-1)?.text).toBe('event: message_stop\ndata: {"type":"message_stop"}\n\n');
  });

  it('ends a close-ended stream cleanly after the last event, without message_stop', async () => {
    const { handle, clock } = setup(() =>
      anthropicStream({ startMs: 0, gapMs: 10, pieces: ['a'], end: 'close' }),
    );
    const chunks = await clock.run(
      handle(post('{}')).then((r) => readTimed(clock, r.body as ReadableStream<Uint8Array>)),
    );
    const text = chunks.map((c) => c.text).join('');
    expect(text).toContain('event: content_block_delta');
    expect(text).not.toContain('message_stop');
  });

  it('errors a reset stream with TypeError terminated, as undici reports a destroyed socket', async () => {
    const { handle, clock } = setup(() =>
      anthropicStream({ startMs: 0, gapMs: 10, pieces: ['a'], end: 'reset' }),
    );
    const failure = await clock.run(
      handle(post('{}'))
        .then((r) => readTimed(clock, r.body as ReadableStream<Uint8Array>))
        .then(
          () => undefined,
          (error: unknown) => error,
        ),
    );
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe('terminated');
    expect(((failure as TypeError).cause as Error).message).toBe('other side closed');
  });

  it('keeps a stalled stream open until the reader cancels, then tells the core', async () => {
    const { handle, clock, server } = setup(() =>
      anthropicStream({ startMs: 0, gapMs: 10, pieces: ['a'], end: 'stall' }),
    );
    const response = await clock.run(handle(post('{}')));
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (let i = 0; i < 3; i++) await clock.run(reader.read());
    const next = reader.read();
    await clock.advance(60_000);
    let settled = false;
    void next.then(() => {
      settled = true;
    });
    await clock.advance(1);
    expect(settled).toBe(false);
    await reader.cancel();
    await clock.advance(1);
    expect(server.cancelled).toBe(1);
  });

  it('tells the core when the request signal aborts mid-stream', async () => {
    const clock = new VirtualClock();
    const server = new FakeMockServer(
      () => clock.now(),
      () => anthropicStream({ startMs: 0, gapMs: 1000, pieces: ['a', 'b', 'c'] }),
    );
    const handle = toFetchHandler(server, clock);
    const controller = new AbortController();
    const request = new Request(`${BASE}/v1/messages`, {
      method: 'POST',
      body: '{}',
      signal: controller.signal,
    });
    await clock.run(handle(request));
    await clock.advance(1500);
    controller.abort();
    await clock.advance(10);
    expect(server.cancelled).toBe(1);
  });

  it('answers 413 from content-length alone, without reading the body or calling the core', async () => {
    const { handle, server } = setup(() => messageResponse(), 1000);
    const response = await handle(post('x'.repeat(10), { 'content-length': '5000' }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ type: 'error', error: { type: 'request_too_large' } });
    expect(server.seen).toHaveLength(0);
  });

  it('stops reading a body without content-length once it passes the limit, and answers 413', async () => {
    const { handle, server } = setup(() => messageResponse(), 1000);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(400));
        if (pulled === 100) controller.close();
      },
    });
    const request = new Request(`${BASE}/v1/messages`, {
      method: 'POST',
      body,
      duplex: 'half',
    } as RequestInit);
    const response = await handle(request);
    expect(response.status).toBe(413);
    expect(server.seen).toHaveLength(0);
    expect(pulled).toBeLessThan(10);
  });

  it('answers 500 api_error when the core throws', async () => {
    const { handle } = setup(() => {
      throw new Error('boom');
    });
    const response = await handle(post('{}'));
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({ error: { type: 'api_error' } });
  });

  it('serves /healthz and Prometheus /metrics that count responses by status and error type', async () => {
    let i = 0;
    const { handle } = setup(() => (i++ === 0 ? messageResponse() : errorResponse(529, 'overloaded_error')));
    await handle(post('{}'));
    await handle(post('{}'));
    expect(await (await handle(new Request(`${BASE}/healthz`))).json()).toEqual({ status: 'ok' });
    const metrics = await handle(new Request(`${BASE}/metrics`));
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await metrics.text();
    expect(text).toContain('api_responses_total{status="200",error_type="none"} 1');
    expect(text).toContain('api_responses_total{status="529",error_type="overloaded_error"} 1');
    expect(text).toContain('api_errors_total{type="overloaded_error"} 1');
    expect(text).toContain('api_request_duration_seconds_count{route="/v1/messages",status="200"} 1');
    expect(text).toContain('api_tokens_total{direction="input"} 10');
    expect(text).toContain('api_in_flight_requests 0');
  });
});
