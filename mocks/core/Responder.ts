import { listenAbort, unlistenAbort } from '../../base/clock/abortListeners.ts';
import { abortReason, type Clock } from '../../base/clock/Clock.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import {
  type ApiProblem,
  anthropicErrorBody,
  errorTypeForStatus,
  openAiErrorBody,
} from '../protocol/errors.ts';
import type { IdGenerator } from '../protocol/ids.ts';
import type { RateLimitHeaders } from '../protocol/RateLimitHeaders.ts';
import { setRetryHeaders } from '../protocol/retryHeaders.ts';
import type { StatsCounter } from './StatsCounter.ts';
import type { MockJsonResponse, MockResponse } from './types.ts';

/** Which API's shapes a response uses: the Messages API, or the OpenAI-compatible chat API. */
export type ApiFormat = 'anthropic' | 'openai';

export const JSON_TYPE = 'application/json';
export const ANTHROPIC_SSE_TYPE = 'text/event-stream; charset=utf-8';
export const OPENAI_SSE_TYPE = 'text/event-stream';

/**
 * Builds responses with the headers every answer carries (`content-type`, a fresh `request-id`,
 * the `anthropic-ratelimit-*` set) and delivers them after a delay on the clock, counting each in
 * the stats when it is delivered (an aborted request is not counted).
 */
export class Responder {
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #rateLimitHeaders: RateLimitHeaders;
  readonly #stats: StatsCounter;
  readonly #retryHeaders: MockConfig['retryHeaders'];
  /** Delay of answers that generate nothing (MockConfig `latency.overheadMs`). */
  readonly overheadMs: number;

  constructor(
    clock: Clock,
    ids: IdGenerator,
    rateLimitHeaders: RateLimitHeaders,
    stats: StatsCounter,
    overheadMs: number,
    retryHeaders: MockConfig['retryHeaders'],
  ) {
    this.#clock = clock;
    this.#ids = ids;
    this.#rateLimitHeaders = rateLimitHeaders;
    this.#stats = stats;
    this.overheadMs = overheadMs;
    this.#retryHeaders = retryHeaders;
  }

  /**
   * Headers of a response: content type, request id and the rate-limit set, as of now, of
   * `rateHeaders`' pool (default: the organisation's; a model class's pool when it has one).
   */
  headers(
    contentType: string,
    requestId: string,
    rateHeaders: RateLimitHeaders = this.#rateLimitHeaders,
  ): Record<string, string> {
    return rateHeaders.headers(contentType, requestId, this.#clock.now(), this.#clock.epochMs());
  }

  /** A 200 JSON answer with fresh headers. */
  json(body: unknown, status = 200, rateHeaders?: RateLimitHeaders): MockJsonResponse {
    return {
      kind: 'json',
      status,
      headers: this.headers(JSON_TYPE, this.#ids.requestId(), rateHeaders),
      body,
    };
  }

  /**
   * An error answer in `format`'s shape, with the retry signals of MockConfig `retryHeaders`
   * (`retry-after` when the problem carries a wait, `retry-after-ms`, `x-should-retry`).
   */
  error(format: ApiFormat, problem: ApiProblem, rateHeaders?: RateLimitHeaders): MockJsonResponse {
    const requestId = this.#ids.requestId();
    const headers = this.headers(JSON_TYPE, requestId, rateHeaders);
    setRetryHeaders(headers, problem, this.#retryHeaders, this.#clock.epochMs());
    const body =
      format === 'anthropic'
        ? anthropicErrorBody(problem.type, problem.message, requestId)
        : openAiErrorBody(problem.status, problem.message);
    return { kind: 'json', status: problem.status, headers, body };
  }

  /** Counts a delivered response in the stats. */
  count(response: MockResponse): void {
    if (response.kind === 'stream' || response.status < 400) {
      this.#stats.response(response.status);
      return;
    }
    // OpenAI-shaped bodies carry a numeric code; count them by the Anthropic type of their status.
    const type = (response.body as { error?: { type?: unknown } }).error?.type;
    this.#stats.response(
      response.status,
      typeof type === 'string' ? type : errorTypeForStatus(response.status),
    );
  }

  /**
   * Delivers `response` after `delayMs` on the clock (at once when 0), or rejects with the abort
   * reason if `signal` aborts first.
   */
  deliver(response: MockResponse, delayMs: number, signal?: AbortSignal): Promise<MockResponse> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    if (delayMs <= 0) {
      this.count(response);
      return Promise.resolve(response);
    }
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        cancel();
        reject(abortReason(signal as AbortSignal));
      };
      const cancel = this.#clock.setTimer(delayMs, () => {
        if (signal !== undefined) unlistenAbort(signal, onAbort);
        this.count(response);
        resolve(response);
      });
      if (signal !== undefined) listenAbort(signal, onAbort);
    });
  }

  /** An error answer delivered after the overhead delay. */
  fail(
    format: ApiFormat,
    problem: ApiProblem,
    signal?: AbortSignal,
    rateHeaders?: RateLimitHeaders,
  ): Promise<MockResponse> {
    return this.deliver(this.error(format, problem, rateHeaders), this.overheadMs, signal);
  }
}
