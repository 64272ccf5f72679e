import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import type { Clock } from '../../base/clock/Clock.ts';
import type { MockJsonResponse, MockRequest, MockResponse, MockServer } from '../core/types.ts';
import { bodyText } from '../protocol/shapes.ts';
import { type BindingOptions, resolveBindingOptions, stripBasePath } from './BindingOptions.ts';
import { internalError, tooLargeError } from './bindingError.ts';
import { serviceResponse, streamHeaders, toFetchHandler } from './fetchHandler.ts';
import { errorTypeOf, type MockMetrics } from './MockMetrics.ts';
import { playStream, type StreamSink } from './playStream.ts';
import { declaredTooLarge, readNodeBody } from './readBody.ts';

/** Options of {@link serveMock}. */
export interface ServeMockOptions extends BindingOptions {
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /**
   * `direct` (default) writes the core's `MockResponse` straight to the socket (no `Request` or
   * `Response` objects: the fast path); `fetch` runs the same requests through
   * {@link toFetchHandler} and streams its `Response` (h3 style, to prove the two agree).
   */
  via?: 'direct' | 'fetch';
  /** Longest wait for a client's complete request headers (slowloris guard). Default 10 000 ms. */
  headersTimeoutMs?: number;
  /** Longest wait for a client's complete request (headers + body). Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** Idle keep-alive connections are closed after this long. Default 5 000 ms. */
  keepAliveTimeoutMs?: number;
  /** `close()` waits this long for in-flight responses, then destroys their connections. Default 5 000 ms. */
  closeDeadlineMs?: number;
  /** Called when the mock fails on a request (the client gets a 500). Default: `console.error`. */
  onError?: (error: unknown) => void;
}

/** A mock listening on a real socket. */
export interface ServedMock {
  /** `http://HOST:PORT`, with the port actually bound. */
  url: string;
  host: string;
  port: number;
  metrics: MockMetrics;
  /** The underlying server (for tests and advanced use). */
  httpServer: Server;
  /**
   * Stops accepting connections, closes idle keep-alive connections, waits for in-flight responses
   * up to `closeDeadlineMs`, then destroys what is left. Resolves once every connection is closed
   * and every request handler has finished. Idempotent.
   */
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);

function writeJson(res: ServerResponse, response: MockJsonResponse, connectionClose = false): void {
  const json = bodyText(response.body);
  const source = response.headers;
  const headers: string[] = [];
  for (const name in source) headers.push(name, source[name] as string);
  headers.push('content-length', String(Buffer.byteLength(json)));
  if (source['content-type'] === undefined) headers.push('content-type', 'application/json');
  if (connectionClose) headers.push('connection', 'close');
  res.writeHead(response.status, headers);
  res.end(json);
}

function socketSink(res: ServerResponse): StreamSink {
  return {
    write: (text) => res.write(text),
    drained: () =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      }),
    close: () => res.end(),
    reset: () => destroyAfterFlush(res),
  };
}

/**
 * A real TCP teardown (no chunked terminator: the client's read fails with "other side closed"),
 * once the bytes already written have left: an empty write directly on the socket queues behind
 * them, and its callback runs when they are flushed.
 */
function destroyAfterFlush(res: ServerResponse): void {
  const socket = res.socket;
  if (socket === null || socket.destroyed) {
    res.destroy();
    return;
  }
  socket.write(Buffer.alloc(0), () => socket.destroy());
}

const socketSignals = new WeakMap<Socket, AbortSignal>();

/**
 * An AbortSignal that fires when the client goes away: one per connection (an HTTP/1.1 client
 * leaves by closing it), so keep-alive requests share it instead of paying for a controller each.
 */
function clientGone(req: IncomingMessage): AbortSignal {
  const socket = req.socket;
  let signal = socketSignals.get(socket);
  if (signal === undefined) {
    const controller = new AbortController();
    signal = controller.signal;
    socketSignals.set(socket, signal);
    socket.once('close', () => controller.abort(new Error('client disconnected')));
  }
  return signal;
}

/**
 * The fast path: `MockResponse` straight onto the socket. A class rather than closures, because the
 * per-request closures (and their `__name` wrappers under tsx) cost measurable microseconds.
 */
class DirectHandler {
  readonly #server: MockServer;
  readonly #clock: Clock;
  readonly #options: ResolvedServeOptions;

  constructor(server: MockServer, clock: Clock, options: ResolvedServeOptions) {
    this.#server = server;
    this.#clock = clock;
    this.#options = options;
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { maxBodyBytes, metrics, basePath } = this.#options;
    const clock = this.#clock;
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = stripBasePath(q < 0 ? rawUrl : rawUrl.slice(0, q), basePath);
    const method = req.method ?? 'GET';
    if (method === 'GET' && (path === '/metrics' || path === '/healthz')) {
      const service = await serviceResponse(method, path, metrics);
      if (service !== undefined) {
        res.writeHead(service.status, { 'content-type': service.contentType });
        res.end(service.body);
        return;
      }
    }
    const startMs = clock.now();
    metrics.responseStarted();
    const signal = clientGone(req);
    if (declaredTooLarge(req.headers['content-length'], maxBodyBytes)) {
      this.#json(res, path, startMs, tooLargeError(maxBodyBytes), true);
      return;
    }
    let response: MockResponse;
    try {
      let text: string | undefined;
      if (!NO_BODY_METHODS.has(method) || req.headers['content-length'] !== undefined) {
        const body = await readNodeBody(req, maxBodyBytes);
        if (body.kind === 'too-large') {
          this.#json(res, path, startMs, tooLargeError(body.limitBytes), true);
          return;
        }
        text = body.text;
      }
      // One literal with every field (one shape for every request).
      const mockRequest: MockRequest = {
        method,
        path,
        query: q >= 0 ? new URLSearchParams(rawUrl.slice(q + 1)) : undefined,
        headers: req.headers as Record<string, string | undefined>,
        text,
        signal,
      };
      response = await this.#server.handle(mockRequest);
    } catch (error) {
      if (signal.aborted) {
        this.#clientLeft(path, startMs); // it left while sending its body or waiting: nobody to answer
        return;
      }
      this.#options.onError(error);
      this.#json(res, path, startMs, internalError(error), true);
      return;
    }
    if (res.destroyed) {
      if (response.kind === 'stream') response.cancel();
      this.#clientLeft(path, startMs);
      return;
    }
    if (response.kind === 'json') {
      this.#json(res, path, startMs, response, false);
      return;
    }
    res.writeHead(200, streamHeaders(response.headers));
    res.flushHeaders();
    await playStream(response, clock, socketSink(res), signal);
    metrics.responseFinished(path, 200, 'none', clock.now() - startMs);
  }

  /** Writes a JSON response and records it (complete once `end` is called: no 'close' listener). */
  #json(
    res: ServerResponse,
    path: string,
    startMs: number,
    response: MockJsonResponse,
    fromBinding: boolean,
  ): void {
    // 413s close the connection: the unread rest of an oversized body must not be parsed as a request.
    writeJson(res, response, fromBinding && response.status === 413);
    const durationMs = this.#clock.now() - startMs;
    this.#options.metrics.responseFinished(
      path,
      response.status,
      response.status < 400 ? 'none' : errorTypeOf(response.body),
      durationMs,
      fromBinding,
    );
  }

  /** The client left before an answer could be written (nginx's 499). */
  #clientLeft(path: string, startMs: number): void {
    this.#options.metrics.responseFinished(path, 499, 'none', this.#clock.now() - startMs);
  }
}

/** Runs requests through the fetch handler and copies its `Response` onto the socket. */
function viaFetchHandler(server: MockServer, clock: Clock, options: ResolvedServeOptions): Handler {
  const handle = toFetchHandler(server, clock, options);
  return async (req, res) => {
    const controller = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) controller.abort(new Error('client disconnected'));
    });
    const headers = new Headers();
    const raw = req.rawHeaders;
    for (let i = 0; i + 1 < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
    const method = req.method ?? 'GET';
    const hasBody = !NO_BODY_METHODS.has(method) || req.headers['content-length'] !== undefined;
    const init: RequestInit & { duplex?: 'half' } = { method, headers, signal: controller.signal };
    if (hasBody) {
      init.body = Readable.toWeb(req) as ReadableStream<Uint8Array>;
      init.duplex = 'half';
    }
    const response = await handle(new Request(`http://${req.headers.host ?? 'mock'}${req.url ?? '/'}`, init));
    const outHeaders: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      outHeaders[name] = value;
    });
    if (response.status === 413) outHeaders.connection = 'close';
    res.writeHead(response.status, outHeaders);
    if (response.body === null) {
      res.end();
      return;
    }
    res.flushHeaders();
    const reader = response.body.getReader();
    res.once('close', () => {
      if (!res.writableFinished) reader.cancel().catch(() => {});
    });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!res.write(value)) {
          await new Promise<void>((resolve) => {
            res.once('drain', resolve);
            res.once('close', resolve);
          });
        }
        if (res.destroyed) {
          await reader.cancel();
          return;
        }
      }
      res.end();
    } catch {
      // The body errored (a `reset` stream): tear the connection down as the direct path does.
      destroyAfterFlush(res);
    }
  };
}

interface ResolvedServeOptions {
  maxBodyBytes: number;
  metrics: MockMetrics;
  basePath: string;
  onError: (error: unknown) => void;
}

/**
 * Serves the mock over `node:http` on `host:port` (default 127.0.0.1, a free port). Every request
 * gets an answer or a closed connection, never a crash: malformed JSON and wrong types reach the
 * core (its 400s), oversized bodies get 413 `request_too_large`, and clients that disconnect or
 * crawl are cut off by the server's timeouts. `end: reset` streams destroy the socket for real.
 * `GET /metrics` serves Prometheus text from a registry of this server's own; `GET /healthz` is 200.
 */
export async function serveMock(
  server: MockServer,
  clock: Clock,
  options: ServeMockOptions = {},
): Promise<ServedMock> {
  const host = options.host ?? '127.0.0.1';
  const resolved: ResolvedServeOptions = {
    ...resolveBindingOptions(server, options),
    onError: options.onError ?? ((error) => console.error('bench mock: request failed:', error)),
  };
  const direct = new DirectHandler(server, clock, resolved);
  const handler: Handler =
    options.via === 'fetch'
      ? viaFetchHandler(server, clock, resolved)
      : (req, res) => direct.handle(req, res);
  // Handlers still running, and what close() waits on once they are all done.
  let pending = 0;
  let onIdle: (() => void) | undefined;
  let closing: Promise<void> | undefined;
  const settled = (): void => {
    pending--;
    if (closing === undefined) return;
    // A connection whose last response just ended is idle now: end it.
    setImmediate(() => httpServer.closeIdleConnections());
    if (pending === 0) onIdle?.();
  };
  const failed = (res: ServerResponse, error: unknown): void => {
    resolved.onError(error);
    if (!res.headersSent) writeJson(res, internalError(error), true);
    else (res.socket ?? res).destroy();
    settled();
  };
  const httpServer = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 30_000,
      keepAliveTimeout: options.keepAliveTimeoutMs ?? 5_000,
      connectionsCheckingInterval: Math.min(1_000, options.headersTimeoutMs ?? 1_000),
      noDelay: true,
    },
    (req, res) => {
      pending++;
      handler(req, res).then(settled, (error: unknown) => failed(res, error));
    },
  );
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port ?? 0, host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const port = (httpServer.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const closeDeadlineMs = options.closeDeadlineMs ?? 5_000;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    metrics: resolved.metrics,
    httpServer,
    close() {
      closing ??= new Promise<void>((resolve) => {
        const cancelDeadline = clock.setTimer(closeDeadlineMs, () => httpServer.closeAllConnections());
        httpServer.close(() => {
          cancelDeadline();
          // Let every handler finish (a cut-off stream still has to tell the core it was cancelled).
          if (pending === 0) resolve();
          else onIdle = resolve;
        });
        httpServer.closeIdleConnections();
        if (pending === 0) httpServer.closeAllConnections();
      });
      return closing;
    },
  };
}
