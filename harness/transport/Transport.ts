/**
 * What strategies send and get back: one Messages API call, as plain data. Transports turn it into a
 * direct call on the in-process mock (simulated runs) or a real HTTP request (realtime runs).
 */

export interface ApiMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** One Messages API request. */
export interface ApiRequest {
  model: string;
  maxTokens: number;
  messages: readonly ApiMessage[];
  system?: string;
  temperature?: number;
  stream: boolean;
  /**
   * Mark the request for the API's prompt cache with this ttl: `cache_control` on the system
   * prompt, or at the top level (automatic caching) without one. Unset: no `cache_control`.
   */
  cacheTtl?: '5m' | '1h';
}

export interface Usage {
  /** `input_tokens`: input after the cached prefix (all of it without prompt caching). */
  inputTokens: number;
  outputTokens: number;
  /** `cache_read_input_tokens`, when above 0. */
  cacheReadTokens?: number;
  /** `cache_creation_input_tokens`, when above 0. */
  cacheWriteTokens?: number;
  /** `cache_creation.ephemeral_1h_input_tokens` (part of `cacheWriteTokens`), when above 0. */
  cacheWrite1hTokens?: number;
}

/** The failure kinds of metrics.md; `ok` is the only success. */
export type FailureKind =
  | 'rate-limited'
  | 'overloaded'
  | 'server-error'
  | 'timeout'
  | 'stream-dropped'
  | 'invalid-request'
  | 'auth-error'
  | 'connection-error'
  | 'batch-split-failed'
  | 'circuit-open'
  | 'budget-exceeded'
  | 'aborted';

/** A successful answer. */
export interface OkOutcome {
  kind: 'ok';
  text: string;
  stopReason: string;
  usage: Usage;
  /** Clock time (ms) the first content token arrived, for streams. */
  firstTokenAtMs?: number;
}

/** A failed call or logical request. */
export interface FailureOutcome {
  kind: FailureKind;
  /** HTTP status, when the API answered with one. */
  status?: number;
  /** The API's `error.type`, e.g. `rate_limit_error`, `overloaded_error`. */
  errorType?: string;
  message: string;
  /** Server-requested wait (`retry-after-ms`, else `retry-after` seconds × 1000). */
  retryAfterMs?: number;
  /** Tokens billed although the request failed (a stream dropped after some output). */
  usage?: Usage;
  firstTokenAtMs?: number;
}

export type Outcome = OkOutcome | FailureOutcome;

/** Per-call transport options. */
export interface SendOptions {
  signal?: AbortSignal;
  /** Give up on a stream that sends nothing for this long (ms). Default: wait for ever, as the SDKs do. */
  streamIdleTimeoutMs?: number;
}

/** Every upstream HTTP call made, with its status (0 for a connection error or abort before headers). */
export interface UpstreamObserver {
  onCall(status: number, usage: Usage | undefined): void;
}

export interface Transport {
  send(request: ApiRequest, options?: SendOptions): Promise<Outcome>;
}
