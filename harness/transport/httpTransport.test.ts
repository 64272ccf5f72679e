import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../base/clock/RealClock.ts';
import { DEFAULT_CONNECTION } from '../strategies/options.ts';
import { createHttpTransport, type HttpTransport } from './httpTransport.ts';
import type { ApiRequest, Usage } from './Transport.ts';

const REQUEST: ApiRequest = {
  model: 'claude-sonnet-4-5',
  maxTokens: 64,
  messages: [{ role: 'user', content: 'Hi' }],
  stream: false,
};

type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void;

interface TestServer {
  baseUrl: string;
  connections: number;
  requests: { headers: http.IncomingHttpHeaders; body: string }[];
  closed: Promise<void>[];
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A tiny server on 127.0.0.1:0 that answers every request with `route`; closed after the test. */
async function serve(route: Route): Promise<TestServer> {
  const state: TestServer = { baseUrl: '', connections: 0, requests: [], closed: [] };
  const server = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      state.requests.push({ headers: req.headers, body });
      state.closed.push(new Promise((resolve) => res.on('close', () => resolve())));
      route(req, res, body);
    });
  });
  server.on('connection', () => {
    state.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return state;
}

function transportFor(server: TestServer, keepAlive = true) {
  const calls: [number, Usage | undefined][] = [];
  const transport: HttpTransport = createHttpTransport({
    baseUrl: server.baseUrl,
    apiKey: 'sk-test',
    clock: new RealClock(),
    connection: { ...DEFAULT_CONNECTION, keepAlive },
    observer: { onCall: (status, usage) => calls.push([status, usage]) },
  });
  cleanups.push(() => transport.close());
  return { transport, calls };
}

const sse = (event: string, data: unknown): string => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const START = sse('message_start', {
  type: 'message_start',
  message: { content: [], usage: { input_tokens: 12, output_tokens: 1 } },
});
const delta = (text: string): string =>
  sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } });
const END =
  sse('message_delta', {
    type: 'message_delta',
    delta: { stop_reason: 'end_turn' },
    usage: { output_tokens: 5 },
  }) + sse('message_stop', { type: 'message_stop' });

function streamHead(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
}

describe('createHttpTransport', () => {
  it('sends the Anthropic headers and JSON body, and maps a Message to ok', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          type: 'message',
          content: [{ type: 'text', text: 'Hello!' }],
          stop_reason: 'end_turn',
          usage: { input_tokens: 12, output_tokens: 6 },
        }),
      );
    });
    const { transport, calls } = transportFor(server);
    const outcome = await transport.send(REQUEST);
    expect(outcome).toEqual({
      kind: 'ok',
      text: 'Hello!',
      content: [{ type: 'text', text: 'Hello!' }],
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 6 },
    });
    expect(server.requests[0]?.headers).toMatchObject({
      'x-api-key': 'sk-test',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 64,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 6 }]]);
  });

  it('maps a 429 with retry-after, and a non-JSON 502 from a proxy', async () => {
    let n = 0;
    const server = await serve((_req, res) => {
      if (n++ === 0) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '3' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
      } else {
        res.writeHead(502, { 'content-type': 'text/html' });
        res.end('<html>Bad Gateway</html>');
      }
    });
    const { transport, calls } = transportFor(server);
    expect(await transport.send(REQUEST)).toEqual({
      kind: 'rate-limited',
      status: 429,
      errorType: 'rate_limit_error',
      message: 'HTTP 429 rate_limit_error: slow down',
      retryAfterMs: 3000,
    });
    expect(await transport.send(REQUEST)).toEqual({
      kind: 'server-error',
      status: 502,
      message: 'HTTP 502: <html>Bad Gateway</html>',
    });
    expect(calls.map((c) => c[0])).toEqual([429, 502]);
  });

  it('parses an SSE answer sent in 3-byte slices and times its first token', async () => {
    const server = await serve((_req, res) => {
      streamHead(res);
      const text = START + delta('Hel') + delta('lo') + END;
      let i = 0;
      const tick = (): void => {
        if (i >= text.length) {
          res.end();
          return;
        }
        res.write(text.slice(i, i + 3));
        i += 3;
        setImmediate(tick);
      };
      tick();
    });
    const { transport, calls } = transportFor(server);
    const clock = new RealClock();
    const before = clock.now();
    const outcome = await transport.send({ ...REQUEST, stream: true });
    expect(outcome).toMatchObject({
      kind: 'ok',
      text: 'Hello',
      stopReason: 'end_turn',
      usage: { inputTokens: 12, outputTokens: 5 },
    });
    const firstTokenAtMs = outcome.kind === 'ok' ? outcome.firstTokenAtMs : undefined;
    expect(firstTokenAtMs).toBeGreaterThanOrEqual(before);
    expect(firstTokenAtMs).toBeLessThanOrEqual(clock.now());
    expect(JSON.parse(server.requests[0]?.body ?? '').stream).toBe(true);
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 5 }]]);
  });

  it('maps a connection destroyed mid-stream to stream-dropped "terminated" with the partial output', async () => {
    const server = await serve((req, res) => {
      streamHead(res);
      res.write(START + delta('abcdefgh'));
      setTimeout(() => req.socket.destroy(), 20);
    });
    const { transport, calls } = transportFor(server);
    const outcome = await transport.send({ ...REQUEST, stream: true });
    expect(outcome).toMatchObject({
      kind: 'stream-dropped',
      message: 'stream dropped (terminated) after 2 output tokens',
      usage: { inputTokens: 12, outputTokens: 2 },
    });
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 2 }]]);
  });

  it('maps a clean end without message_stop, and a mid-stream error event, to stream-dropped', async () => {
    let n = 0;
    const server = await serve((_req, res) => {
      streamHead(res);
      if (n++ === 0) res.end(START + delta('Hi'));
      else
        res.end(
          START + sse('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
        );
    });
    const { transport } = transportFor(server);
    expect(await transport.send({ ...REQUEST, stream: true })).toMatchObject({
      kind: 'stream-dropped',
      message: 'stream dropped (closed without message_stop) after 1 output tokens',
    });
    expect(await transport.send({ ...REQUEST, stream: true })).toMatchObject({
      kind: 'stream-dropped',
      errorType: 'overloaded_error',
    });
  });

  it('drops a stalled stream after the idle timeout and closes the connection', async () => {
    const server = await serve((_req, res) => {
      streamHead(res);
      res.write(START);
    });
    const { transport } = transportFor(server);
    const outcome = await transport.send({ ...REQUEST, stream: true }, { streamIdleTimeoutMs: 50 });
    expect(outcome).toMatchObject({
      kind: 'stream-dropped',
      message: expect.stringContaining('idle for 50 ms'),
    });
    await server.closed[0];
  });

  it('an abort mid-stream returns aborted and closes the connection', async () => {
    const server = await serve((_req, res) => {
      streamHead(res);
      res.write(START + delta('abcd'));
    });
    const { transport, calls } = transportFor(server);
    const controller = new AbortController();
    const sending = transport.send({ ...REQUEST, stream: true }, { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await sending).toMatchObject({ kind: 'aborted', usage: { inputTokens: 12, outputTokens: 1 } });
    await server.closed[0];
    expect(calls).toEqual([[200, { inputTokens: 12, outputTokens: 1 }]]);
  });

  it('maps a connection closed before the response head to connection-error with status 0', async () => {
    const server = await serve((req) => req.socket.destroy());
    const { transport, calls } = transportFor(server);
    const outcome = await transport.send(REQUEST);
    expect(outcome).toMatchObject({
      kind: 'connection-error',
      message: expect.stringContaining(`POST ${server.baseUrl}/v1/messages failed`),
    });
    expect(calls).toEqual([[0, undefined]]);
  });

  it.each([
    [true, 1],
    [false, 3],
  ])(
    'with keepAlive %s makes 3 sequential requests over %i connection(s)',
    async (keepAlive, connections) => {
      const server = await serve((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            content: [],
            stop_reason: 'end_turn',
            usage: { input_tokens: 1, output_tokens: 1 },
          }),
        );
      });
      const { transport } = transportFor(server, keepAlive);
      for (let i = 0; i < 3; i++) expect((await transport.send(REQUEST)).kind).toBe('ok');
      expect(server.connections).toBe(connections);
    },
  );
});
