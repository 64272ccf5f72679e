import { z } from 'zod';
import { distribution, duration, positiveInt, probability, rate } from '../../base/units/units.ts';

/**
 * The mock server's configuration. Users write it (in a scenario's `mock:` section or a file given
 * to `bench mock --config`) on top of a named preset; every field is optional there and has the
 * default stated here. Durations resolve to ms and rates to per second.
 */

const modelSchema = z.strictObject({
  /** Model id clients send, e.g. `claude-sonnet-4-6`. */
  id: z.string().min(1),
  /** Other ids that resolve to this model (dated snapshots, `-latest`). */
  aliases: z.array(z.string()).default([]),
  /** `display_name` in `GET /v1/models`. Default: derived from the id (`claude-sonnet-4-5` -> `Claude Sonnet 4.5`). */
  displayName: z.string().min(1).optional(),
  /** `created_at` in `GET /v1/models` (RFC 3339). Default `2025-01-01T00:00:00Z`. */
  createdAt: z.string().min(1).default('2025-01-01T00:00:00Z'),
  /** Largest `max_tokens` accepted. */
  maxOutputTokens: positiveInt,
  /** Context window: input + max_tokens above this is a 400 "prompt is too long". */
  contextTokens: positiveInt,
  /** USD per million input / output tokens. */
  inputPerMTok: z.number().nonnegative(),
  outputPerMTok: z.number().nonnegative(),
  /** Multiplies the latency model's times for this model (Haiku faster, Opus slower). Default 1. */
  latencyFactor: z.number().positive().default(1),
});

export const latencySchema = z.strictObject({
  /** Streams: time from admission to the 200 headers. Default 0. */
  headersMs: duration.default(0),
  /**
   * Time to answer a request that generates nothing: error responses (validation, auth, 429, 529,
   * injected 500/504, outages), count_tokens and the model list. Real API errors take tens of ms,
   * never zero. Not scaled by jitter or latencyFactor. Default 30ms.
   */
  overheadMs: duration.default(30),
  /** Median time to first token for a short prompt, before the terms below. Default 400ms. */
  ttftMs: duration.default(400),
  /** Added to TTFT per input token (ms). Default 0.05 (2000 tokens: +100 ms). */
  perInputTokenMs: z.number().nonnegative().default(0.05),
  /** Beyond this many input tokens, `perInputTokenAboveKneeMs` applies instead (seed 002: "above 2000 tokens latency grows sharply"). */
  inputKneeTokens: positiveInt.default(2000),
  perInputTokenAboveKneeMs: z.number().nonnegative().default(0.5),
  /** Generation speed after the first token (tokens/s). Default 60. */
  outputTokensPerSec: z.number().positive().default(60),
  /** Lognormal sigma of the multiplicative jitter on TTFT (0 = none). Default 0.3. */
  jitterSigma: z.number().nonnegative().default(0.3),
  /** Lognormal sigma of the jitter on generation speed, per request (0 = none). Default 0.1. */
  generationJitterSigma: z.number().nonnegative().default(0.1),
  /** Cold start: the first `requests` requests, and any request after `idleMs` without traffic, wait extra. */
  coldStart: z
    .strictObject({
      requests: z.number().int().nonnegative().default(0),
      idleMs: duration.optional(),
      minMs: duration.default(3000),
      maxMs: duration.default(5000),
    })
    .prefault({}),
  /**
   * Contention: each in-flight request (the new one included) beyond `freeInFlight` adds
   * `perRequestMs` to TTFT and divides generation speed by 1 + `slowdownPerRequest` × extra.
   * Counted when a request starts; it keeps that speed to its end.
   */
  contention: z
    .strictObject({
      freeInFlight: z.number().int().nonnegative().default(0),
      perRequestMs: z.number().nonnegative().default(0),
      slowdownPerRequest: z.number().nonnegative().default(0),
      /**
       * Ceiling of the TTFT contention delay (ms). Set, the delay saturates:
       * `maxMs × (1 − e^(−extra × perRequestMs / maxMs))`, `perRequestMs` per extra request at
       * first and levelling off at `maxMs`, as on a server that amortises shared work over more
       * requests as load grows (seed 003: mean latency concave in concurrency). Unset: linear,
       * `extra × perRequestMs` without bound.
       */
      maxMs: duration
        .refine((ms) => ms > 0, {
          error: (issue) =>
            `expected a positive duration such as 200ms, got ${JSON.stringify(issue.input)} ms`,
        })
        .optional(),
    })
    .prefault({}),
  /**
   * A prompt-cache read's input cost: each cached token counts as this fraction of an uncached one
   * in the input cost above (before the knee is applied). Default 0.1.
   */
  cachedInputTokenFactor: z.number().min(0).max(1).default(0.1),
  /** Output tokens per streamed `text_delta`. Default 3. */
  chunkTokens: positiveInt.default(3),
});

export const outputSchema = z.strictObject({
  /** Output length the model "wants" before `max_tokens` caps it (then stop_reason is max_tokens). */
  tokens: distribution.default({ type: 'lognormal', median: 300, sigma: 0.6 }),
  /** Same prompt, same text and length (false: drawn anew each time, as seed 000 says the real API does). Default true. */
  deterministic: z.boolean().default(true),
  /** Separator of batched tasks in a prompt and of their answers. Default "\n---\n" (seed 000). */
  delimiter: z.string().min(1).default('\n---\n'),
  /** Chance that a batched answer has the wrong number of parts. Default 0. */
  formatBreakProbability: probability.default(0),
});

export const rateLimitsSchema = z.strictObject({
  /**
   * Token buckets, continuously refilled, one per limit, each holding one minute's worth and
   * starting full; unset = unlimited (the headers then report 4,000 requests, 2M input and 400k
   * output tokens a minute). Output tokens are charged `max_tokens` at admission and the unused
   * part is refunded when the request ends. A refusal is a 429 naming the limit, with
   * `retry-after` = whole seconds until the buckets hold enough (at least 1).
   */
  requests: rate.optional(),
  inputTokens: rate.optional(),
  outputTokens: rate.optional(),
  /** Identical content resubmitted within this window gets a 429 (seed 003). Unset: off. */
  duplicateWindowMs: duration.optional(),
});

export const capacitySchema = z.strictObject({
  /** Requests generated at once; unset = unlimited. */
  maxConcurrent: positiveInt.optional(),
  /** Beyond it: wait in a queue, or get 529 overloaded_error at once. Default queue. */
  overflow: z.enum(['queue', 'reject']).default('queue'),
  /** Longest queue before 529; unset = unlimited. */
  maxQueue: z.number().int().nonnegative().optional(),
});

export const outageSchema = z.strictObject({
  fromMs: duration,
  toMs: duration,
  /** Status every request gets in the window. Default 529. */
  status: z.union([z.literal(429), z.literal(500), z.literal(504), z.literal(529)]).default(529),
});

export const faultsSchema = z.strictObject({
  /**
   * Independent chances per request of an error response instead of an answer (drawn in the order
   * 429, 529, 500, 504; the first hit wins), delivered after `latency.overheadMs`. Injected 429s
   * carry `retry-after: 1`.
   */
  error429: probability.default(0),
  error529: probability.default(0),
  error500: probability.default(0),
  error504: probability.default(0),
  /** Chances per stream: `event: error` overloaded mid-stream, a connection reset, a clean close without message_stop, a stall. */
  streamErrorEvent: probability.default(0),
  streamDrop: probability.default(0),
  streamCleanClose: probability.default(0),
  streamStall: probability.default(0),
  /** Scheduled windows of errors, e.g. all 529 from 30s to 40s. */
  outages: z.array(outageSchema).default([]),
});

export const promptCacheSchema = z.strictObject({
  /** Honour `cache_control` (false: every request is billed as uncached input). Default true. */
  enabled: z.boolean().default(true),
  /** Shortest cacheable prefix (tokens); shorter prefixes are not cached. Default 1024. */
  minTokens: positiveInt.default(1024),
  /** `minTokens` per model id (the catalog id, not an alias), e.g. `{ claude-haiku-4-5: 2048 }`. */
  minTokensByModel: z.record(z.string(), positiveInt).default({}),
  /** Lifetime of a `ttl: "5m"` entry (the default ttl), refreshed by every read. Default 5m. */
  ttl5mMs: duration.default(5 * 60_000),
  /** Lifetime of a `ttl: "1h"` entry, refreshed by every read. Default 1h. */
  ttl1hMs: duration.default(60 * 60_000),
  /** Entries kept at most; the least recently used goes first. Default 10000. */
  maxEntries: positiveInt.default(10_000),
});

export const mockConfigSchema = z.strictObject({
  /** The model catalog; the default accepts the ids the current official SDK lists. */
  models: z.array(modelSchema).optional(),
  latency: latencySchema.prefault({}),
  output: outputSchema.prefault({}),
  rateLimits: rateLimitsSchema.prefault({}),
  capacity: capacitySchema.prefault({}),
  faults: faultsSchema.prefault({}),
  /** Anthropic prompt caching (`cache_control`): on by default, one cache per server. */
  promptCache: promptCacheSchema.prefault({}),
  /** Accepted API keys; unset: any non-empty key. */
  apiKeys: z.array(z.string().min(1)).optional(),
  /** Largest request body (bytes) before 413. Default 32 MB, as the API. */
  maxBodyBytes: positiveInt.default(32 * 1024 * 1024),
});

/** What a user writes (all optional, units as strings allowed). */
export type MockConfigInput = z.input<typeof mockConfigSchema>;
/** The resolved configuration the server runs on. */
export type MockConfig = z.output<typeof mockConfigSchema>;
export type ModelSpec = z.output<typeof modelSchema>;
