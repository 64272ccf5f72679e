import http from 'node:http';
import https from 'node:https';
import { listenAbort, unlistenAbort } from '../../base/clock/abortListeners.ts';
import type { Clock } from '../../base/clock/Clock.ts';
import type { ConnectionOptions } from '../strategies/options.ts';
import { errorOutcome } from './errorOutcome.ts';
import { messageOutcome } from './messageOutcome.ts';
import { apiHeaders, DEFAULT_ANTHROPIC_VERSION, toRequestBody } from './requestBody.ts';
import { StreamAccumulator, StreamSignal } from './StreamAccumulator.ts';
import { SseParser } from './sse.ts';
import type {
  ApiRequest,
  FailureOutcome,
  Outcome,
  SendOptions,
  Transport,
  UpstreamObserver,
  Usage,
} from './Transport.ts';

export interface HttpTransportOptions {
  /** API root, e.g. `http://127.0.0.1:8080` or `https://api.anthropic.com`; `/v1/messages` is appended. */
  baseUrl: string;
  /** Sent as `x-api-key`. */
  apiKey: string;
  /** Times first tokens and idle gaps (a real clock: this transport does real I/O). */
  clock: Clock;
  /** Keep-alive pool or a new connection per request (seed 003). */
  connection: ConnectionOptions;
  /** Told about every call, with its status (0 when no response head arrived) and billed usage. */
  observer?: UpstreamObserver;
  /** Sent as `anthropic-version`. Default 2023-06-01. */
  anthropicVersion?: string;
}

/** A transport over real sockets; `close()` destroys the pooled connections. */
export interface HttpTransport extends Transport {
  close(): void;
}

/**
 * A transport over `node:http`/`node:https` (cheaper than fetch, and its agent lets us choose the
 * connection policy: `keepAlive: true` pools up to `maxSockets` connections; `keepAlive: false`
 * sends `connection: close` and so opens a new connection for every request). Sockets have Nagle's
 * algorithm off (`noDelay`), as the mock's server does.
 *
 * Mapping: a socket error before the response head → `connection-error` (status 0); after it,
 * whether in an SSE stream or a JSON body → `stream-dropped` (`terminated`). Non-200 statuses map
 * as `errorOutcome` documents (a body that is not JSON, like a proxy's HTML 502, keeps its first
 * 200 characters in the message). SSE streams map like the direct transport's, with the first
 * token timed by `clock.now()` when its chunk arrives, and `streamIdleTimeoutMs` reset by every
 * chunk. An abort destroys the request and returns `aborted` with the usage received so far.
 */
export function createHttpTransport(options: HttpTransportOptions): HttpTransport {
  const { clock, observer } = options;
  const url = new URL(`${options.baseUrl.replace(/\/+$/, '')}/v1/messages`);
  const secure = url.protocol === 'https:';
  const agentOptions = {
    keepAlive: options.connection.keepAlive,
    maxSockets: options.connection.maxSockets,
    noDelay: true,
  };
  const agent = secure ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
  const request = secure ? https.request : http.request;
  const baseHeaders: Record<string, string> = apiHeaders(
    options.apiKey,
    options.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION,
  );
  if (!options.connection.keepAlive) baseHeaders.connection = 'close';
  const where = `POST ${url.href}`;

  function send(apiRequest: ApiRequest, sendOptions?: SendOptions): Promise<Outcome> {
    const signal = sendOptions?.signal;
    if (signal?.aborted)
      return Promise.resolve({ kind: 'aborted', message: 'the call was aborted before the call' });
    const idleMs = sendOptions?.streamIdleTimeoutMs;
    const body = JSON.stringify(toRequestBody(apiRequest));
    return new Promise<Outcome>((resolve) => {
      let settled = false;
      let status = 0;
      let accumulator: StreamAccumulator | undefined;
      let firstTokenAtMs: number | undefined;
      let cancelIdle: (() => void) | undefined;

      const finish = (outcome: Outcome, usage: Usage | undefined): void => {
        if (settled) return;
        settled = true;
        cancelIdle?.();
        if (signal !== undefined) unlistenAbort(signal, onAbort);
        observer?.onCall(status, usage);
        resolve(outcome);
      };
      const dropped = (reason: string): void => {
        if (accumulator === undefined) {
          finish(
            { kind: 'stream-dropped', status, message: `${where}: the body was cut off (${reason})` },
            undefined,
          );
        } else {
          const outcome = accumulator.droppedOutcome(reason, firstTokenAtMs);
          finish(outcome, outcome.usage);
        }
      };
      const onAbort = (): void => {
        const usage = accumulator?.usage();
        const outcome: FailureOutcome = {
          kind: 'aborted',
          message: `the call was aborted ${status === 0 ? 'before the response' : 'mid-response'}`,
        };
        if (usage !== undefined) outcome.usage = usage;
        if (firstTokenAtMs !== undefined) outcome.firstTokenAtMs = firstTokenAtMs;
        finish(outcome, usage);
        req.destroy();
      };

      const req = request(url, {
        method: 'POST',
        agent,
        headers: { ...baseHeaders, 'content-length': Buffer.byteLength(body) },
      });
      // One shared listener per signal: a run's signal has one per request in flight, and
      // EventTarget's own listener list makes each add a walk through all of them.
      if (signal !== undefined) listenAbort(signal, onAbort);

      req.on('error', (error: Error) => {
        if (status === 0) {
          finish({ kind: 'connection-error', message: `${where} failed: ${error.message}` }, undefined);
        } else dropped('terminated');
      });

      req.on('response', (res) => {
        status = res.statusCode ?? 0;
        res.on('error', () => dropped('terminated'));
        res.on('close', () => {
          if (!res.complete) dropped('terminated');
        });
        res.setEncoding('utf8');
        const contentType = String(res.headers['content-type'] ?? '');
        if (status !== 200 || !contentType.startsWith('text/event-stream')) {
          let text = '';
          res.on('data', (chunk: string) => {
            text += chunk;
          });
          res.on('end', () => {
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // Not JSON (a proxy's HTML page): keep the text for the message.
            }
            if (status === 200) {
              const outcome = messageOutcome(parsed);
              finish(outcome, outcome.kind === 'ok' ? outcome.usage : undefined);
            } else {
              finish(errorOutcome(status, parsed, res.headers, clock.epochMs()), undefined);
            }
          });
          return;
        }

        const stream = new StreamAccumulator();
        accumulator = stream;
        const resetIdle =
          idleMs === undefined
            ? undefined
            : (): void => {
                cancelIdle?.();
                cancelIdle = clock.setTimer(idleMs, () => {
                  dropped(`idle for ${idleMs} ms`);
                  req.destroy();
                });
              };
        resetIdle?.();
        const parser = new SseParser((event, data) => {
          if (settled || data === '[DONE]') return;
          let parsed: unknown;
          try {
            parsed = JSON.parse(data);
          } catch {
            dropped('malformed JSON in an event');
            req.destroy();
            return;
          }
          const signalled = stream.onEvent(event, parsed);
          if (signalled === StreamSignal.firstContent) firstTokenAtMs = clock.now();
          else if (signalled === StreamSignal.stop) {
            const outcome = stream.okOutcome(firstTokenAtMs);
            finish(outcome, outcome.usage);
          } else if (signalled === StreamSignal.error) {
            dropped(`error event ${stream.errorType}: ${stream.errorMessage}`);
            req.destroy();
          }
        });
        res.on('data', (chunk: string) => {
          if (settled) return;
          resetIdle?.();
          parser.push(chunk);
        });
        res.on('end', () => {
          parser.finish();
          dropped('closed without message_stop');
        });
      });

      req.end(body);
    });
  }

  return {
    send,
    close: () => agent.destroy(),
  };
}
