/**
 * Resolved options of the built-in policies: what the scenario loader produces (defaults applied,
 * durations in ms, rates per second) and what the policies consume. Defaults are stated on each
 * field and exported as values, so the loader and the policies cannot disagree.
 */

/** Jitter applied to a backoff delay d. */
export type JitterSpec =
  /** uniform in [0, d] (AWS "full jitter") */
  | { type: 'full' }
  /** d/2 + uniform in [0, d/2] */
  | { type: 'equal' }
  /** d · (1 ± ratio), uniform; seed 002's "10% jitter" is ratio 0.1 */
  | { type: 'proportional'; ratio: number }
  | { type: 'none' };

export interface RetryOptions {
  /** Total tries including the first. Default 3 (seeds 000, 003). */
  maxAttempts: number;
  /** Delay before the first retry (ms). Default 500 (seed 002). */
  baseMs: number;
  /** Upper bound on any one delay (ms). Default 60000 (seed 002). */
  capMs: number;
  /** Growth factor per retry. Default 2. */
  multiplier: number;
  /** Default full jitter. */
  jitter: JitterSpec;
  /** HTTP statuses worth another try. Default 408, 409, 429, 500, 502, 503, 504, 529. */
  retryOnStatuses: readonly number[];
  /** Retry connection errors (refused, reset before headers). Default true. */
  retryOnConnectionError: boolean;
  /** Retry a stream that dropped after it started. Default true. */
  retryOnStreamDrop: boolean;
  /** Retry a call the timeout policy cut short. Default true. */
  retryOnTimeout: boolean;
  /** Wait at least what `retry-after` asks (capped by `maxRetryAfterMs`). Default true. */
  honorRetryAfter: boolean;
  /** Longest `retry-after` obeyed (ms); longer gives up. Default 60000. */
  maxRetryAfterMs: number;
}

export interface ConcurrencyOptions {
  /** Calls in flight at once (a semaphore). Default 5 (seed 000). */
  maxInFlight: number;
  /** Calls allowed to wait for a slot; more fail at once as `rate-limited` client-side. Default unbounded. */
  maxQueue: number;
}

export interface RateLimitOptions {
  /** `token-bucket` allows bursts up to `burst`; `leaky-bucket` spaces calls evenly (seed 003). Default token-bucket. */
  algorithm: 'token-bucket' | 'leaky-bucket';
  /** Requests per second allowed through (e.g. "50/min" → 0.8333). Unset: no request limit. */
  requestsPerSec?: number;
  /** Input tokens per second (estimated with the shared estimator). Unset: no limit. */
  inputTokensPerSec?: number;
  /** Output tokens per second, estimated from max_tokens as the API does. Unset: no limit. */
  outputTokensPerSec?: number;
  /**
   * Token bucket: how many requests the request bucket holds (it starts full, so an idle client
   * sends this many at once, then one every 1 / requestsPerSec s). Default 1. Leaky bucket: ignored.
   */
  burst: number;
  /**
   * Token bucket: how many input tokens the input-token bucket holds. Default: one second of
   * `inputTokensPerSec`. A full bucket admits a request of any size at once (its excess is a debt
   * later requests wait out), so an idle client never waits for its first request.
   */
  inputTokensBurst?: number;
  /** Token bucket: how many output tokens (`max_tokens`) the output-token bucket holds. Default: one second of `outputTokensPerSec`; as inputTokensBurst. */
  outputTokensBurst?: number;
}

export interface TimeoutOptions {
  /** Abort a call (its retries included when placed outside retry) after this long (ms). Default 60000. */
  timeoutMs: number;
}

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 5. */
  failureThreshold: number;
  /** Time open before one trial call is let through (ms). Default 30000. */
  openMs: number;
}

export interface BatchOptions {
  /** Prompts merged into one request at most. Default 5. */
  size: number;
  /** Longest time the first prompt of a batch waits for company (ms). Default 200. */
  maxWaitMs: number;
  /** Joins prompts and splits the answer. Default "\n---\n" (seed 000). */
  delimiter: string;
  /**
   * `max_tokens` of the merged request: the `sum` of the members' (never capped silently: the API's
   * own validation answers an over-large sum), or the largest member's (`max`). Default sum.
   */
  maxTokens?: 'sum' | 'max';
  /**
   * An answer with the wrong number of parts: send each member on its own (`fallback`, counted in
   * `trace.batchFallback`), or fail every member with `batch-split-failed` (`fail`). Default fallback.
   */
  onSplitFailure?: 'fallback' | 'fail';
}

export interface CacheOptions {
  /** Entry lifetime (ms). Default 300000 (5 min, seed 000). */
  ttlMs: number;
  /** LRU capacity in entries. Default 1000 (seeds 002, 004). */
  maxEntries: number;
  /** Concurrent identical requests share one upstream call. Default true. */
  coalesce: boolean;
}

export interface PromptCacheOptions {
  /** Lifetime asked of the API's prompt cache: `5m` (written at 1.25× input) or `1h` (2×). Default 5m. */
  ttl: '5m' | '1h';
}

export interface StreamOptions {
  /** What to do when a stream drops: start it again, or fail the request. Default retry. */
  onDrop: 'retry' | 'fail';
  /** Restarts allowed per request. Default 2. */
  maxRestarts: number;
  /** Treat a stream silent for this long as dropped (ms). Default 30000. */
  idleTimeoutMs: number;
}

export interface ConnectionOptions {
  /** Reuse connections (keep-alive pool) or open one per request (seed 003). Default true. */
  keepAlive: boolean;
  /** Sockets in the pool. Default 1000: high enough not to cap a benchmark; seed 003 used 100. */
  maxSockets: number;
}

export type PolicySpec =
  | { type: 'retry'; options: RetryOptions }
  | { type: 'concurrency'; options: ConcurrencyOptions }
  | { type: 'rateLimit'; options: RateLimitOptions }
  | { type: 'timeout'; options: TimeoutOptions }
  | { type: 'circuitBreaker'; options: CircuitBreakerOptions }
  | { type: 'batch'; options: BatchOptions }
  | { type: 'cache'; options: CacheOptions }
  | { type: 'promptCache'; options: PromptCacheOptions }
  | { type: 'stream'; options: StreamOptions }
  | { type: 'connection'; options: ConnectionOptions };

export type PolicyType = PolicySpec['type'];

export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 3,
  baseMs: 500,
  capMs: 60_000,
  multiplier: 2,
  jitter: { type: 'full' },
  retryOnStatuses: [408, 409, 429, 500, 502, 503, 504, 529],
  retryOnConnectionError: true,
  retryOnStreamDrop: true,
  retryOnTimeout: true,
  honorRetryAfter: true,
  maxRetryAfterMs: 60_000,
};
export const DEFAULT_CONCURRENCY: ConcurrencyOptions = { maxInFlight: 5, maxQueue: Number.POSITIVE_INFINITY };
export const DEFAULT_RATE_LIMIT: RateLimitOptions = { algorithm: 'token-bucket', burst: 1 };
export const DEFAULT_TIMEOUT: TimeoutOptions = { timeoutMs: 60_000 };
export const DEFAULT_CIRCUIT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, openMs: 30_000 };
export const DEFAULT_BATCH: BatchOptions = { size: 5, maxWaitMs: 200, delimiter: '\n---\n' };
export const DEFAULT_CACHE: CacheOptions = { ttlMs: 300_000, maxEntries: 1000, coalesce: true };
export const DEFAULT_PROMPT_CACHE: PromptCacheOptions = { ttl: '5m' };
export const DEFAULT_STREAM: StreamOptions = { onDrop: 'retry', maxRestarts: 2, idleTimeoutMs: 30_000 };
export const DEFAULT_CONNECTION: ConnectionOptions = { keepAlive: true, maxSockets: 1000 };

/** A strategy to compare: built-in policies composed outside-in, or the user's own client module. */
export type StrategySpec =
  | { kind: 'policies'; name: string; policies: readonly PolicySpec[] }
  | {
      kind: 'module';
      name: string;
      /** Absolute path of the user's module (resolved against the scenario file's folder). */
      modulePath: string;
      /** Free-form options handed to the module. */
      options?: unknown;
    };

/**
 * The named presets (seed strategies). `use` order is outside-in: the first policy sees the call
 * first, the last one sits next to the transport.
 */
export const PRESET_STRATEGIES: Readonly<Record<string, readonly PolicySpec[]>> = {
  direct: [],
  retry: [{ type: 'retry', options: DEFAULT_RETRY }],
  batched: [
    { type: 'batch', options: DEFAULT_BATCH },
    { type: 'retry', options: DEFAULT_RETRY },
  ],
  cached: [
    { type: 'cache', options: DEFAULT_CACHE },
    { type: 'retry', options: DEFAULT_RETRY },
  ],
  'cached+batched': [
    { type: 'cache', options: DEFAULT_CACHE },
    { type: 'batch', options: DEFAULT_BATCH },
    { type: 'retry', options: DEFAULT_RETRY },
  ],
  streaming: [
    { type: 'stream', options: DEFAULT_STREAM },
    { type: 'retry', options: DEFAULT_RETRY },
  ],
};
