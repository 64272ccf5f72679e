import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../base/clock/RealClock.ts';
import {
  anthropicStream,
  errorResponse,
  FakeMockServer,
  messageResponse,
} from '../../test/mock/fakeMockServer.ts';
import type { MockResponse } from '../core/types.ts';
import { type ServedMock, type ServeMockOptions, serveMock } from './httpServer.ts';

const clock = new RealClock();
const open: ServedMock[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

async function start(respond: (index: number) => MockResponse, options: ServeMockOptions = {}) {
  const server = new FakeMockServer(
    () => clock.now(),
    (_request, index) => respond(index),
  );
  const served = await serveMock(server, clock, { onError: () => {}, ...options });
  open.push(served);
  return { server, served };
}

/** A raw HTTP/1.1 exchange over one socket: what is written, and everything read until the server closes. */
function rawExchange(port: number, write: (socket: ReturnType<typeof connect>) => void): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(text));
    socket.on('connect', () => write(socket));
  });
}

function postMessage(url: string, body: string): Promise<Response> {
  return fetch(`${url}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'k' },
    body,
  });
}

for (const via of ['direct', 'fetch'] as const) {
  describe(`serveMock (via ${via})`, () => {
    it('answers a JSON request with the core status, headers and body on 127.0.0.1', async () => {
      const { served, server } = await start(() => messageResponse('over the wire'), { via });
      expect(served.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await postMessage(served.url, '{"model":"m"}');
      expect(response.status).toBe(200);
      expect(response.headers.get('request-id')).toMatch(/^req_01fake/);
      expect(((await response.json()) as { content: { text: string }[] }).content[0]?.text).toBe(
        'over the wire',
      );
      expect(server.seen[0]?.request.text).toBe('{"model":"m"}');
      expect(server.seen[0]?.request.path).toBe('/v1/messages');
    });

    it('streams SSE events and ends cleanly', async () => {
      const { served } = await start(
        () => anthropicStream({ startMs: clock.now(), gapMs: 1, pieces: ['a', 'b'] }),
        {
          via,
        },
      );
      const response = await postMessage(served.url, '{}');
      expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      const text = await response.text();
      expect(text.match(/^event: /gm)).toHaveLength(7);
      expect(text.endsWith('event: message_stop\ndata: {"type":"message_stop"}\n\n')).toBe(true);
    });

    it('destroys the socket for a reset stream: fetch fails with TypeError terminated', async () => {
      const { served } = await start(
        () => anthropicStream({ startMs: clock.now(), gapMs: 1, pieces: ['a'], end: 'reset' }),
        { via },
      );
      const response = await postMessage(served.url, '{}');
      const error = await response.text().then(
        () => undefined,
        (e: unknown) => e as TypeError,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect(error?.message).toBe('terminated');
    });

    it('answers 413 to a declared oversized body without handing it to the core', async () => {
      const { served, server } = await start(() => messageResponse(), { via, maxBodyBytes: 1024 });
      const text = await rawExchange(served.port, (socket) => {
        socket.write('POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n');
        socket.write('content-length: 100000000\r\n\r\n{"model":');
      });
      expect(text).toMatch(/^HTTP\/1\.1 413 /);
      expect(text).toContain('"type":"request_too_large"');
      expect(server.seen).toHaveLength(0);
    });

    it('answers 413 to an oversized chunked body once the limit is passed', async () => {
      const { served, server } = await start(() => messageResponse(), { via, maxBodyBytes: 1024 });
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: served.port, method: 'POST', path: '/v1/messages' },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        for (let i = 0; i < 10; i++) req.write('x'.repeat(500));
        req.end();
      });
      expect(status).toBe(413);
      expect(server.seen).toHaveLength(0);
    });

    it('serves /healthz and /metrics', async () => {
      const { served } = await start(() => errorResponse(529, 'overloaded_error'), { via });
      await (await postMessage(served.url, '{}')).text();
      expect(await (await fetch(`${served.url}/healthz`)).json()).toEqual({ status: 'ok' });
      const metrics = await (await fetch(`${served.url}/metrics`)).text();
      expect(metrics).toContain('api_responses_total{status="529",error_type="overloaded_error"} 1');
      expect(metrics).toContain('api_errors_total{type="overloaded_error"} 1');
      expect(metrics).toContain('api_request_duration_seconds_count{route="/v1/messages",status="529"} 1');
    });

    it('tells the core when a client disconnects mid-stream, and keeps serving', async () => {
      const { served, server } = await start(
        (index) =>
          index === 0
            ? anthropicStream({ startMs: clock.now(), gapMs: 0, pieces: ['a'], end: 'stall' })
            : messageResponse(),
        { via },
      );
      const controller = new AbortController();
      const response = await fetch(`${served.url}/v1/messages`, {
        method: 'POST',
        body: '{}',
        signal: controller.signal,
      });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      await reader.read();
      controller.abort();
      await expect(reader.read()).rejects.toThrow();
      await waitFor(() => server.cancelled === 1);
      expect((await postMessage(served.url, '{}')).status).toBe(200);
    });
  });
}

describe('serveMock robustness', () => {
  it('survives garbage on the wire and answers the next client', async () => {
    const { served } = await start(() => messageResponse());
    const text = await rawExchange(served.port, (socket) => socket.write('NOT HTTP AT ALL\r\n\r\n'));
    expect(text).toMatch(/^HTTP\/1\.1 400 /);
    expect((await postMessage(served.url, '{}')).status).toBe(200);
  });

  it('passes malformed JSON and wrong types to the core as text (the core owns the 400)', async () => {
    const { served, server } = await start(() => errorResponse(400, 'invalid_request_error'));
    expect((await postMessage(served.url, '{"model": ')).status).toBe(400);
    expect((await postMessage(served.url, '{"max_tokens":"lots"}')).status).toBe(400);
    expect(server.seen.map((s) => s.request.text)).toEqual(['{"model": ', '{"max_tokens":"lots"}']);
  });

  it('answers 500 api_error when the core throws, and keeps serving', async () => {
    const { served } = await start((index) => {
      if (index === 0) throw new Error('core bug');
      return messageResponse();
    });
    const first = await postMessage(served.url, '{}');
    expect(first.status).toBe(500);
    expect(await first.json()).toMatchObject({ error: { type: 'api_error' } });
    expect((await postMessage(served.url, '{}')).status).toBe(200);
  });

  it('cuts off a client that never finishes its headers (headersTimeout)', async () => {
    const { served } = await start(() => messageResponse(), { headersTimeoutMs: 200, requestTimeoutMs: 300 });
    const text = await rawExchange(served.port, (socket) =>
      socket.write('POST /v1/messages HTTP/1.1\r\nhost: x\r\n'),
    );
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('cuts off a client that sends its body too slowly (requestTimeout)', async () => {
    const { served, server } = await start(() => messageResponse(), {
      headersTimeoutMs: 200,
      requestTimeoutMs: 300,
    });
    const text = await rawExchange(served.port, (socket) => {
      socket.write('POST /v1/messages HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"a":');
    });
    expect(text).toBe('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    expect(server.seen).toHaveLength(0);
  });

  it('keeps streaming to a client that reads slowly, without errors', async () => {
    const pieces = Array.from({ length: 2000 }, (_, i) => `piece ${i} `.repeat(20));
    const { served } = await start(() => anthropicStream({ startMs: clock.now(), gapMs: 0, pieces }));
    const response = await postMessage(served.url, '{}');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      if (bytes < 200_000) await clock.sleep(1);
    }
    expect(bytes).toBeGreaterThan(2000 * 200);
  });

  it('close() waits for an in-flight stream, ends idle keep-alive sockets, and destroys what is left at the deadline', async () => {
    const { served, server } = await start(
      () => anthropicStream({ startMs: clock.now(), gapMs: 0, pieces: ['a'], end: 'stall' }),
      { closeDeadlineMs: 200 },
    );
    const response = await postMessage(served.url, '{}');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const startMs = clock.now();
    await served.close();
    expect(clock.now() - startMs).toBeGreaterThanOrEqual(190);
    await expect(reader.read()).rejects.toThrow('terminated');
    expect(server.cancelled).toBe(1);
    await expect(postMessage(served.url, '{}')).rejects.toThrow();
  });

  it('close() returns at once when nothing is in flight, even with an idle keep-alive connection', async () => {
    const { served } = await start(() => messageResponse(), { closeDeadlineMs: 10_000 });
    await (await postMessage(served.url, '{}')).text();
    const startMs = clock.now();
    await served.close();
    expect(clock.now() - startMs).toBeLessThan(5_000);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await clock.sleep(5);
  expect(condition()).toBe(true);
}
