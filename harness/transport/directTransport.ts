import { listenAbort, unlistenAbort, whenAborted } from '../../base/clock/abortListeners.ts';
import type { Clock } from '../../base/clock/Clock.ts';
import type {
  MockJsonResponse,
  MockRequest,
  MockServer,
  MockStreamResponse,
} from '../../mocks/core/types.ts';
import { errorOutcome } from './errorOutcome.ts';
import { messageOutcome } from './messageOutcome.ts';
import { apiHeaders, DEFAULT_ANTHROPIC_VERSION, toRequestBody } from './requestBody.ts';
import { StreamAccumulator, StreamSignal } from './StreamAccumulator.ts';
import type {
  ApiRequest,
  FailureOutcome,
  Outcome,
  SendOptions,
  Transport,
  UpstreamObserver,
  Usage,
} from './Transport.ts';

export interface DirectTransportOptions {
  /** The clock the mock server runs on (the same instance). */
  clock: Clock;
  /** Sent as `x-api-key`. Default `sk-ant-bench`. */
  apiKey?: string;
  /** Sent as `anthropic-version`. Default 2023-06-01. */
  anthropicVersion?: string;
  /** Told about every call the mock received, with its status and billed usage. */
  observer?: UpstreamObserver;
}

/**
 * A transport that calls the in-process mock core directly: the request body is handed over as an
 * object (no JSON, no HTTP), which is what lets a simulated run push 100k+ logical requests per
 * wall second. JSON responses map as `errorOutcome` documents; streams are consumed on the clock.
 *
 * Streams: nothing observes the middle of a stream, so the event plan is scanned at once and the
 * transport sleeps only twice: to the first content token (TTFT) and to the end. The end is
 * - `message_stop` → `ok`, at that event's time;
 * - an `error` event, a reset (`terminated`), a close without `message_stop` → `stream-dropped` at
 *   that time, with the output received so far in `usage`;
 * - a gap longer than `streamIdleTimeoutMs` (before the first event, between two, or before the
 *   end) → `stream-dropped` when the idle timer fires;
 * - a stall with no idle timeout → waits until the signal aborts (for ever without a signal, which
 *   the virtual clock reports as a stalled simulation, like an SDK hanging).
 * An abort at any point returns `aborted` with the usage received up to that instant. The stream is
 * cancelled (`cancel()`) whenever the client stops reading before a normal end.
 */
export function createDirectTransport(server: MockServer, options: DirectTransportOptions): Transport {
  const { clock, observer } = options;
  const headers = apiHeaders(
    options.apiKey ?? 'sk-ant-bench',
    options.anthropicVersion ?? DEFAULT_ANTHROPIC_VERSION,
  );

  async function send(request: ApiRequest, sendOptions?: SendOptions): Promise<Outcome> {
    const signal = sendOptions?.signal;
    if (signal?.aborted) return aborted('before the call', undefined);
    const mockRequest: MockRequest = {
      method: 'POST',
      path: '/v1/messages',
      headers,
      json: toRequestBody(request),
    };
    if (signal !== undefined) mockRequest.signal = signal;
    let response: MockJsonResponse | MockStreamResponse;
    try {
      const handling = server.handle(mockRequest);
      response = signal === undefined ? await handling : await raceAbort(handling, signal);
    } catch (error) {
      observer?.onCall(0, undefined);
      if (signal?.aborted) return aborted('before the response', undefined);
      return { kind: 'connection-error', message: `the mock server failed: ${String(error)}` };
    }
    if (response.kind === 'json') return mapJson(response);
    return consumeStream(response, sendOptions?.streamIdleTimeoutMs, signal);
  }

  function mapJson(response: MockJsonResponse): Outcome {
    if (response.status !== 200) {
      observer?.onCall(response.status, undefined);
      return errorOutcome(response.status, response.body, response.headers, clock.epochMs());
    }
    const outcome = messageOutcome(response.body);
    observer?.onCall(200, outcome.kind === 'ok' ? outcome.usage : undefined);
    return outcome;
  }

  async function consumeStream(
    response: MockStreamResponse,
    idleMs: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<Outcome> {
    const accumulator = new StreamAccumulator();
    let lastMs = clock.now();
    let firstTokenAtMs: number | undefined;
    let endMs = Number.POSITIVE_INFINITY;
    let reason = '';
    let result: 'ok' | 'dropped' = 'dropped';
    for (const event of response.events) {
      if (idleMs !== undefined && event.atMs - lastMs > idleMs) {
        endMs = lastMs + idleMs;
        reason = `idle for ${idleMs} ms`;
        break;
      }
      lastMs = event.atMs;
      const signalled = accumulator.onEvent(event.event, event.data);
      if (signalled === StreamSignal.none) continue;
      if (signalled === StreamSignal.firstContent) {
        firstTokenAtMs = event.atMs;
        continue;
      }
      endMs = event.atMs;
      if (signalled === StreamSignal.stop) result = 'ok';
      else reason = `error event ${accumulator.errorType}: ${accumulator.errorMessage}`;
      break;
    }
    if (reason === '' && result !== 'ok') {
      const end = response.end;
      if (idleMs !== undefined && (end.kind === 'stall' || end.atMs - lastMs > idleMs)) {
        endMs = lastMs + idleMs;
        reason = `idle for ${idleMs} ms`;
      } else if (end.kind === 'reset') {
        endMs = end.atMs;
        reason = 'terminated';
      } else if (end.kind === 'stall') {
        reason = 'stalled';
      } else {
        endMs = end.atMs;
        reason = 'closed without message_stop';
      }
    }
    // Sleep to the first token (so TTFT is observable and an abort before it loses it), then to the end.
    if (firstTokenAtMs !== undefined && firstTokenAtMs < endMs) {
      if (!(await sleepUntil(clock, firstTokenAtMs, signal))) return abandon(response);
    }
    if (!(await sleepUntil(clock, endMs, signal))) return abandon(response);
    if (result === 'ok') {
      const outcome = accumulator.okOutcome(firstTokenAtMs);
      observer?.onCall(200, outcome.usage);
      return outcome;
    }
    response.cancel();
    const outcome = accumulator.droppedOutcome(reason, firstTokenAtMs);
    observer?.onCall(200, outcome.usage);
    return outcome;
  }

  /** The client gave up mid-stream: bill what arrived before now, and cancel the rest. */
  function abandon(response: MockStreamResponse): Outcome {
    response.cancel();
    const nowMs = clock.now();
    const partial = new StreamAccumulator();
    let firstTokenAtMs: number | undefined;
    for (const event of response.events) {
      if (event.atMs > nowMs) break;
      if (partial.onEvent(event.event, event.data) === StreamSignal.firstContent) firstTokenAtMs = event.atMs;
    }
    const usage = partial.usage();
    observer?.onCall(200, usage);
    const outcome = aborted('mid-stream', usage);
    if (firstTokenAtMs !== undefined) outcome.firstTokenAtMs = firstTokenAtMs;
    return outcome;
  }

  return { send };
}

function aborted(when: string, usage: Usage | undefined): FailureOutcome {
  const outcome: FailureOutcome = { kind: 'aborted', message: `the call was aborted ${when}` };
  if (usage !== undefined) outcome.usage = usage;
  return outcome;
}

/** Sleeps until clock time `atMs` (for ever if infinite, until the signal aborts). False if aborted. */
async function sleepUntil(clock: Clock, atMs: number, signal: AbortSignal | undefined): Promise<boolean> {
  if (atMs === Number.POSITIVE_INFINITY) return whenAborted(signal).then(() => false);
  const ms = atMs - clock.now();
  if (ms <= 0) return !signal?.aborted;
  if (signal === undefined) {
    await clock.sleep(ms);
    return true;
  }
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}

/** Resolves like `promise`, or rejects when `signal` aborts first. A late stream response is cancelled. */
/**
 * The abort listener of {@link raceAbort}: rejects, and cancels a stream that arrives too late.
 * Made by a factory rather than a `const f = () => ...` so the per-call closure is not renamed by the
 * TypeScript loader's keepNames (a measurable cost on this path).
 */
function abandonOnAbort<T extends MockJsonResponse | MockStreamResponse>(
  signal: AbortSignal,
  promise: Promise<T>,
  reject: (reason: unknown) => void,
): () => void {
  return () => {
    reject(signal.reason);
    promise.then(
      (late) => {
        if (late.kind === 'stream') late.cancel();
      },
      () => {},
    );
  };
}

function raceAbort<T extends MockJsonResponse | MockStreamResponse>(
  promise: Promise<T>,
  signal: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = abandonOnAbort(signal, promise, reject);
    listenAbort(signal, onAbort);
    promise.then(
      (value) => {
        unlistenAbort(signal, onAbort);
        resolve(value);
      },
      (error: unknown) => {
        unlistenAbort(signal, onAbort);
        reject(error);
      },
    );
  });
}
