/**
 * Error bodies in the two shapes the mock speaks: Anthropic's
 * `{"type":"error","error":{"type","message"},"request_id"}` and OpenRouter's
 * `{"error":{"code":<status>,"message"}}` (anthropic-wire.md §3.1 and §7).
 */

/** `error.type` values of the Messages API. */
export type ApiErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/** A refusal decided by the core, before it is rendered in one API's shape. */
export interface ApiProblem {
  status: number;
  type: ApiErrorType;
  message: string;
  /** Whole seconds for the `retry-after` header (429s). */
  retryAfterSec?: number;
  /** The exact wait (ms) behind `retryAfterSec`, for `retry-after-ms` and HTTP-date `retry-after`; default `retryAfterSec` × 1000. */
  retryAfterMs?: number;
  /** Send `retry-after-ms` even when MockConfig `retryHeaders.retryAfterMs` is off (scripted faults). */
  exactWait?: boolean;
  /** Which limit refused a 429 (`requests`, `input-tokens`, `output-tokens`, `duplicate`), for the stats. */
  limit?: string;
}

/** The `error.type` the API uses for an HTTP status (400 for unlisted 4xx, api_error for unlisted 5xx). */
export function errorTypeForStatus(status: number): ApiErrorType {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 504:
      return 'timeout_error';
    case 529:
      return 'overloaded_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/** The literal 529 message (and of the mid-stream `event: error`). */
export const OVERLOADED_MESSAGE = 'Overloaded';

const INJECTED_MESSAGES: Record<number, string> = {
  429: 'This request would exceed your organization’s rate limit. Please try again later.',
  500: 'Internal server error',
  504: 'Request timed out before a response was generated. Please try again.',
  529: OVERLOADED_MESSAGE,
};

/** The problem an injected fault or an outage answers with (429, 500, 504 or 529). */
export function injectedProblem(status: number, retryAfterSec?: number): ApiProblem {
  const problem: ApiProblem = {
    status,
    type: errorTypeForStatus(status),
    message: INJECTED_MESSAGES[status] ?? 'Internal server error',
  };
  if (retryAfterSec !== undefined) problem.retryAfterSec = retryAfterSec;
  return problem;
}

/** A 400 invalid_request_error with a field-path-first message. */
export function invalidRequest(message: string): ApiProblem {
  return { status: 400, type: 'invalid_request_error', message };
}

/** Anthropic's error body. */
export function anthropicErrorBody(type: string, message: string, requestId: string): unknown {
  return { type: 'error', error: { type, message }, request_id: requestId };
}

/** OpenRouter's error body: `code` is the HTTP status. */
export function openAiErrorBody(status: number, message: string): unknown {
  return { error: { code: status, message } };
}
