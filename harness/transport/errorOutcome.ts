import { parseRetryAfterMs } from './retryAfter.ts';
import type { FailureKind, FailureOutcome } from './Transport.ts';

/**
 * The failure kind of an HTTP error status:
 * - 429 → `rate-limited`; 529 → `overloaded`;
 * - 401, 403 → `auth-error`;
 * - any other 5xx (500, 502, 503, and 504 `timeout_error`) → `server-error`. A 504 is the API's
 *   own gateway giving up, so it is not reported as `timeout`: that kind is reserved for the
 *   client's deadline, so a report can tell who gave up;
 * - any other 4xx (400, 402, 404, 408, 409, 413, ...) → `invalid-request`.
 * Retry decides by status, not by kind, so 408 and 409 are still retried by default.
 */
export function statusToKind(status: number): FailureKind {
  if (status === 429) return 'rate-limited';
  if (status === 529) return 'overloaded';
  if (status === 401 || status === 403) return 'auth-error';
  if (status >= 500) return 'server-error';
  return 'invalid-request';
}

interface ErrorBody {
  error?: { type?: unknown; message?: unknown };
}

/**
 * The outcome of a non-200 response. `body` is the parsed JSON (an Anthropic error body, usually)
 * or the raw text when it was not JSON (an HTML 502 from a proxy).
 */
export function errorOutcome(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  nowEpochMs: number,
): FailureOutcome {
  const outcome: FailureOutcome = { kind: statusToKind(status), status, message: '' };
  const error = typeof body === 'object' && body !== null ? (body as ErrorBody).error : undefined;
  if (error !== undefined && typeof error.type === 'string') outcome.errorType = error.type;
  const detail =
    error !== undefined && typeof error.message === 'string'
      ? error.message
      : typeof body === 'string'
        ? body.slice(0, 200)
        : '';
  outcome.message = `HTTP ${status}${outcome.errorType !== undefined ? ` ${outcome.errorType}` : ''}${detail !== '' ? `: ${detail}` : ''}`;
  const retryAfterMs = parseRetryAfterMs(headers, nowEpochMs);
  if (retryAfterMs !== undefined) outcome.retryAfterMs = retryAfterMs;
  return outcome;
}
