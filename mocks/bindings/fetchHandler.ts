import { abortReason, type Clock } from '../../base/clock/Clock.ts';
import type { MockJsonResponse, MockRequest, MockServer, MockStreamResponse } from '../core/types.ts';
import { bodyText } from '../protocol/shapes.ts';
import { type BindingOptions, resolveBindingOptions, stripBasePath } from './BindingOptions.ts';
import { internalError, tooLargeError } from './bindingError.ts';
import { errorTypeOf, type MockMetrics } from './MockMetrics.ts';
import { playStream, type StreamSink } from './playStream.ts';
import { declaredTooLarge, readFetchBody } from './readBody.ts';

/** A fetch-shaped app: the same function runs in-process (msw, a custom `fetch`) and behind `node:http`. */
export type FetchHandler = (request: Request) => Promise<Response>;

/**
 * The error a reset stream fails with: the same shape undici gives when the server destroys the
 * socket mid-body (`TypeError: terminated`, caused by `SocketError: other side closed`), so
 * in-process clients see what they would see over a real connection.
 */
export function terminatedError(): TypeError {
  const cause = Object.assign(new Error('other side closed'), {
    name: 'SocketError',
    code: 'UND_ERR_SOCKET',
  });
  return new TypeError('terminated', { cause });
}

const encoder = new TextEncoder();

function jsonResponse(response: MockJsonResponse): Response {
  const headers =
    response.headers['content-type'] === undefined
      ? { ...response.headers, 'content-type': 'application/json' }
      : response.headers;
  return new Response(bodyText(response.body), { status: response.status, headers });
}

/** Headers of an SSE response: the core's, plus the SSE defaults it left out. */
export function streamHeaders(headers: Record<string, string>): Record<string, string> {
  return {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    ...headers,
  };
}

function streamResponse(
  stream: MockStreamResponse,
  clock: Clock,
  clientSignal: AbortSignal,
  onEnd: () => void,
): Response {
  const abort = new AbortController();
  const onClientAbort = (): void => abort.abort(clientSignal.reason);
  if (clientSignal.aborted) abort.abort(clientSignal.reason);
  else clientSignal.addEventListener('abort', onClientAbort, { once: true });
  // highWaterMark 0: `pull` runs only while a reader (the client, or msw's tee in front of it) waits
  // for data, i.e. once everything written so far has been taken. A reset waits for that moment,
  // because `error()` discards queued chunks that a socket would still have delivered.
  let readerWaiting = false;
  let onPull: (() => void) | undefined;
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const sink: StreamSink = {
          write(text) {
            readerWaiting = false;
            controller.enqueue(encoder.encode(text));
            return true;
          },
          drained: () => Promise.resolve(),
          close: () => controller.close(),
          reset: async () => {
            if (!readerWaiting) {
              await new Promise<void>((resolve) => {
                onPull = resolve;
              });
            }
            controller.error(terminatedError());
          },
        };
        void playStream(stream, clock, sink, abort.signal).then((result) => {
          clientSignal.removeEventListener('abort', onClientAbort);
          // The request was aborted while its body was open: fail the body, as fetch does.
          if (result.kind === 'cancelled' && clientSignal.aborted) {
            try {
              controller.error(abortReason(clientSignal));
            } catch {
              // Already cancelled by the reader.
            }
          }
          onEnd();
        });
      },
      pull() {
        readerWaiting = true;
        onPull?.();
        onPull = undefined;
      },
      cancel(reason) {
        abort.abort(reason);
        onPull?.();
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: stream.status, headers: streamHeaders(stream.headers) });
}

/** Serves `GET /metrics` and `GET /healthz`; undefined for every other request. */
export async function serviceResponse(
  method: string,
  path: string,
  metrics: MockMetrics,
): Promise<{ status: number; contentType: string; body: string } | undefined> {
  if (method !== 'GET') return undefined;
  if (path === '/metrics')
    return { status: 200, contentType: metrics.contentType, body: await metrics.render() };
  if (path === '/healthz') return { status: 200, contentType: 'application/json', body: '{"status":"ok"}' };
  return undefined;
}

/**
 * Turns the mock core into a fetch handler `(Request) => Promise<Response>` (h3 style). The body
 * is read as text under `maxBodyBytes` (413 `request_too_large` before reading when
 * `content-length` is over it, and reading stops once the limit is passed when there is none).
 * A stream becomes a `ReadableStream` that writes each event at its `atMs` on `clock`; `end.kind`
 * decides how it ends (`reset` errors the body with `TypeError: terminated`, `stall` never ends
 * until cancelled). Cancelling the body or aborting the request's signal calls `cancel()` on the
 * core's stream. `GET /metrics` (Prometheus text) and `GET /healthz` are answered here.
 */
export function toFetchHandler(server: MockServer, clock: Clock, options: BindingOptions = {}): FetchHandler {
  const { maxBodyBytes, metrics, basePath } = resolveBindingOptions(server, options);
  return async (request) => {
    const url = new URL(request.url);
    const path = stripBasePath(url.pathname, basePath);
    const service = await serviceResponse(request.method, path, metrics);
    if (service !== undefined) {
      return new Response(service.body, {
        status: service.status,
        headers: { 'content-type': service.contentType },
      });
    }
    const startMs = clock.now();
    metrics.responseStarted();
    const finishJson = (response: MockJsonResponse, fromBinding: boolean): Response => {
      metrics.responseFinished(
        path,
        response.status,
        errorTypeOf(response.body),
        clock.now() - startMs,
        fromBinding,
      );
      return jsonResponse(response);
    };
    if (declaredTooLarge(request.headers.get('content-length'), maxBodyBytes)) {
      return finishJson(tooLargeError(maxBodyBytes), true);
    }
    let response: MockJsonResponse | MockStreamResponse;
    try {
      const body = await readFetchBody(request, maxBodyBytes);
      if (body.kind === 'too-large') return finishJson(tooLargeError(body.limitBytes), true);
      const mockRequest: MockRequest = {
        method: request.method,
        path,
        headers: Object.fromEntries(request.headers),
        text: body.text,
        signal: request.signal,
      };
      if (url.search !== '') mockRequest.query = url.searchParams;
      response = await server.handle(mockRequest);
    } catch (error) {
      return finishJson(internalError(error), true);
    }
    if (response.kind === 'json') return finishJson(response, false);
    return streamResponse(response, clock, request.signal, () =>
      metrics.responseFinished(path, response.status, 'none', clock.now() - startMs),
    );
  };
}
