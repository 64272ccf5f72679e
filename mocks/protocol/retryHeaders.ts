import type { MockConfig } from '../config/MockConfig.ts';
import type { ApiProblem } from './errors.ts';

/**
 * The API's own `x-should-retry` for a status: true on 408 (timeout), 409 (lock), 429, and every
 * 5xx (529 included), false on other 4xx, the same rule the official SDKs fall back on without it
 * (anthropic-wire.md §4.1 `shouldRetry`).
 */
export function shouldRetryStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** `Thu, 01 Jan 2026 00:00:02 GMT`: the IMF-fixdate of `epochMs` rounded up to the whole second. */
export function httpDate(epochMs: number): string {
  return new Date(Math.ceil(epochMs / 1000) * 1000).toUTCString();
}

/**
 * Sets the retry signals of an error response on `headers` (MockConfig `retryHeaders`):
 * `retry-after` (whole seconds, or an HTTP date of when the wait ends), `retry-after-ms` (the exact
 * wait, whole ms) when enabled, `x-should-retry` when enabled, and a `retry-after` on 529s when
 * `overloadedRetryAfterSec` is set. `epochMs` is the wall-clock time of the answer.
 */
export function setRetryHeaders(
  headers: Record<string, string>,
  problem: ApiProblem,
  config: MockConfig['retryHeaders'],
  epochMs: number,
): void {
  let seconds = problem.retryAfterSec;
  let waitMs = problem.retryAfterMs;
  if (seconds === undefined && problem.status === 529 && config.overloadedRetryAfterSec !== undefined) {
    seconds = config.overloadedRetryAfterSec;
    waitMs = undefined;
  }
  if (seconds !== undefined) {
    const exactMs = Math.ceil(waitMs ?? seconds * 1000);
    headers['retry-after'] =
      config.retryAfterFormat === 'http-date' ? httpDate(epochMs + exactMs) : String(seconds);
    if (config.retryAfterMs || problem.exactWait) headers['retry-after-ms'] = String(exactMs);
  }
  if (config.shouldRetry) {
    const override = config.shouldRetryByStatus[String(problem.status)];
    headers['x-should-retry'] = String(override ?? shouldRetryStatus(problem.status));
  }
}
