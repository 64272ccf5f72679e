import type { MockJsonResponse } from '../core/types.ts';

let nextRequestNumber = 1;

/**
 * An error response the binding answers itself, in the API's error shape
 * (`{"type":"error","error":{"type","message"},"request_id"}`) with a `request-id` header.
 * Used for 413 (body over the limit, before the core sees it: the real API answers these from
 * Cloudflare too) and 500 (the core threw).
 */
export function bindingError(status: number, type: string, message: string): MockJsonResponse {
  const requestId = `req_binding${String(nextRequestNumber++).padStart(14, '0')}`;
  return {
    kind: 'json',
    status,
    headers: { 'content-type': 'application/json', 'request-id': requestId, 'x-should-retry': 'false' },
    body: { type: 'error', error: { type, message }, request_id: requestId },
  };
}

/** The 413 for a body over `limitBytes`. */
export function tooLargeError(limitBytes: number): MockJsonResponse {
  return bindingError(
    413,
    'request_too_large',
    `Request exceeds the maximum allowed number of bytes (${limitBytes}).`,
  );
}

/** The 500 for a request the core failed on (a bug in the mock, never the client's fault). */
export function internalError(error: unknown): MockJsonResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return bindingError(500, 'api_error', `the mock server failed on this request: ${reason}`);
}
