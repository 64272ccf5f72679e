import { z } from 'zod';
import { distribution, duration, positiveInt, probability, rate } from '../../base/units/units.ts';
import { thinkingSchema, toolsSchema } from './turnConfig.ts';

/**
 * The mock server's configuration. Users write it (in a scenario's `mock:` section or a file given
 * to `bench mock --config`) on top of a named preset; every field is optional there and has the
 * default stated here. Durations resolve to ms and rates to per second.
 */

const modelSchema = z.strictObject({
  /** Model id clients send, e.g. `claude-sonnet-4-6`. */
  id: z.string().min(1).describe('Model id clients send, e.g. claude-sonnet-4-6. Required.'),
  /** Other ids that resolve to this model (dated snapshots, `-latest`). */
  aliases: z
    .array(z.string())
    .default([])
    .describe('Other ids that resolve to this model (dated snapshots, -latest). Default [].'),
  /** `display_name` in `GET /v1/models`. Default: derived from the id (`claude-sonnet-4-5` -> `Claude Sonnet 4.5`). */
  displayName: z
    .string()
    .min(1)
    .optional()
    .describe('display_name in GET /v1/models. Default: from the id (claude-sonnet-4-5: Claude Sonnet 4.5).'),
  /** `created_at` in `GET /v1/models` (RFC 3339). Default `2025-01-01T00:00:00Z`. */
  createdAt: z
    .string()
    .min(1)
    .default('2025-01-01T00:00:00Z')
    .describe('created_at in GET /v1/models (RFC 3339). Default 2025-01-01T00:00:00Z.'),
  /** Largest `max_tokens` accepted. */
  maxOutputTokens: positiveInt.describe('Largest max_tokens accepted (tokens); above it: 400. Required.'),
  /** Context window: input + max_tokens above this is a 400 "prompt is too long". */
  contextTokens: positiveInt.describe(
    'Context window (tokens): input + max_tokens above it is a 400 "prompt is too long". Required.',
  ),
  /** USD per million input / output tokens. */
  inputPerMTok: z.number().nonnegative().describe('USD per million input tokens. Required.'),
  outputPerMTok: z.number().nonnegative().describe('USD per million output tokens. Required.'),
  /** Multiplies the latency model's times for this model (Haiku faster, Opus slower). Default 1. */
  latencyFactor: z
    .number()
    .positive()
    .default(1)
    .describe("Multiplies the latency model's times for this model (Haiku faster, Opus slower). Default 1."),
});

/** One model class's latency figures. */
export const latencyProfileSchema = z.strictObject({
  ttftMs: duration.describe(
    'Median time to first token of a short prompt for this class (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Required.',
  ),
  outputTokensPerSec: z
    .number()
    .positive()
    .describe('Generation speed after the first token for this class (tokens per second). Required.'),
});

export const latencySchema = z.strictObject({
  /** Streams: time from admission to the 200 headers. Default 0. */
  headersMs: duration
    .default(0)
    .describe(
      'Streams: time from admission to the 200 headers (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 0.',
    ),
  /**
   * Time to answer a request that generates nothing: error responses (validation, auth, 429, 529,
   * injected 500/504, outages), count_tokens and the model list. Real API errors take tens of ms,
   * never zero. Not scaled by jitter or latencyFactor. Default 30ms.
   */
  overheadMs: duration
    .default(30)
    .describe(
      'Time to answer a request that generates nothing: errors (validation, auth, 429, 529, injected 500/504, outages), count_tokens, the model list (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Not scaled by jitter or latencyFactor. Default 30ms.',
    ),
  /** Median time to first token for a short prompt, before the terms below. Default 400ms. */
  ttftMs: duration
    .default(400)
    .describe(
      'Median time to first token of a short prompt, before the per-token terms (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 400ms.',
    ),
  /** Added to TTFT per input token (ms). Default 0.05 (2000 tokens: +100 ms). */
  perInputTokenMs: z
    .number()
    .nonnegative()
    .default(0.05)
    .describe(
      'Added to TTFT per input token, up to inputKneeTokens (ms per token). Default 0.05 (2000 tokens: +100 ms).',
    ),
  /** Beyond this many input tokens, `perInputTokenAboveKneeMs` applies instead (seed 002: "above 2000 tokens latency grows sharply"). */
  inputKneeTokens: positiveInt
    .default(2000)
    .describe('Input tokens beyond which perInputTokenAboveKneeMs applies instead (tokens). Default 2000.'),
  perInputTokenAboveKneeMs: z
    .number()
    .nonnegative()
    .default(0.5)
    .describe('Added to TTFT per input token above the knee (ms per token). Default 0.5.'),
  /** Generation speed after the first token (tokens/s). Default 60. */
  outputTokensPerSec: z
    .number()
    .positive()
    .default(60)
    .describe('Generation speed after the first token (tokens per second). Default 60.'),
  /** Lognormal sigma of the multiplicative jitter on TTFT (0 = none). Default 0.3. */
  jitterSigma: z
    .number()
    .nonnegative()
    .default(0.3)
    .describe('Lognormal sigma of the multiplicative jitter on TTFT (0: none). Default 0.3.'),
  /** Lognormal sigma of the jitter on generation speed, per request (0 = none). Default 0.1. */
  generationJitterSigma: z
    .number()
    .nonnegative()
    .default(0.1)
    .describe('Lognormal sigma of the jitter on generation speed, drawn per request (0: none). Default 0.1.'),
  /** Cold start: the first `requests` requests, and any request after `idleMs` without traffic, wait extra. */
  coldStart: z
    .strictObject({
      requests: z
        .number()
        .int()
        .nonnegative()
        .default(0)
        .describe('The first this many requests of a server start cold (requests). Default 0.'),
      idleMs: duration
        .optional()
        .describe(
          'A request after this long without traffic starts cold (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default: never.',
        ),
      minMs: duration
        .default(3000)
        .describe(
          'Shortest extra wait of a cold start (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 3s.',
        ),
      maxMs: duration
        .default(5000)
        .describe(
          'Longest extra wait of a cold start (drawn uniformly from minMs) (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 5s.',
        ),
    })
    .prefault({})
    .describe(
      'Cold starts: the first requests, and any after an idle spell, wait extra before their first token.',
    ),
  /**
   * Contention: each in-flight request (the new one included) beyond `freeInFlight` adds
   * `perRequestMs` to TTFT and divides generation speed by 1 + `slowdownPerRequest` × extra.
   * Counted when a request starts; it keeps that speed to its end.
   */
  contention: z
    .strictObject({
      freeInFlight: z
        .number()
        .int()
        .nonnegative()
        .default(0)
        .describe('Requests in flight that cost nothing extra (requests). Default 0.'),
      perRequestMs: z
        .number()
        .nonnegative()
        .default(0)
        .describe('TTFT added per in-flight request beyond freeInFlight (ms per request). Default 0.'),
      slowdownPerRequest: z
        .number()
        .nonnegative()
        .default(0)
        .describe('Generation speed is divided by 1 + this × requests beyond freeInFlight. Default 0.'),
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
        .optional()
        .describe(
          'Ceiling of the TTFT contention delay (a duration: 200ms, 30s, 5m, 1h, or a number of ms): set, it saturates as maxMs × (1 − e^(−extra × perRequestMs / maxMs)); unset, it grows linearly without bound. Default unset.',
        ),
    })
    .prefault({})
    .describe(
      'Contention: each in-flight request beyond freeInFlight slows the others, counted when a request starts.',
    ),
  /**
   * A prompt-cache read's input cost: each cached token counts as this fraction of an uncached one
   * in the input cost above (before the knee is applied). Default 0.1.
   */
  cachedInputTokenFactor: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe(
      'A prompt-cache read token costs this fraction of an uncached one in the TTFT input terms (0..1). Default 0.1.',
    ),
  /** Output tokens per streamed `text_delta`. Default 3. */
  chunkTokens: positiveInt
    .default(3)
    .describe('Output tokens per streamed text_delta event (tokens). Default 3.'),
  /**
   * Latency per model class (`opus`, `sonnet`, `haiku` in the model id): its `ttftMs` and
   * `outputTokensPerSec` replace the figures above for that class's requests, and the catalog's
   * `latencyFactor` is then not applied (the profile is the model's own). Default: none. The
   * `model-latency` preset carries measured figures (mocks/config/latencyProfiles.ts).
   */
  byModelClass: z
    .strictObject({
      opus: latencyProfileSchema
        .optional()
        .describe('The Opus class’s latency (claude-opus-*). Default: the base figures.'),
      sonnet: latencyProfileSchema
        .optional()
        .describe('The Sonnet class’s latency (claude-sonnet-*). Default: the base figures.'),
      haiku: latencyProfileSchema
        .optional()
        .describe('The Haiku class’s latency (claude-haiku-*). Default: the base figures.'),
    })
    .default({})
    .describe(
      'Latency per model class (opus, sonnet, haiku: the word in the model id): ttftMs and outputTokensPerSec replace the figures above for that class, and the catalog latencyFactor is not applied to it. Default: none (the model-latency preset has measured figures).',
    ),
});

export const outputSchema = z.strictObject({
  /** Output length the model "wants" before `max_tokens` caps it (then stop_reason is max_tokens). */
  tokens: distribution
    .default({ type: 'lognormal', median: 300, sigma: 0.6 })
    .describe(
      'Answer length the model "wants" before max_tokens caps it (then stop_reason is max_tokens), in tokens: a number or a distribution. Default { type: lognormal, median: 300, sigma: 0.6 }.',
    ),
  /** Same prompt, same text and length (false: drawn anew each time, as seed 000 says the real API does). Default true. */
  deterministic: z
    .boolean()
    .default(true)
    .describe(
      'Same prompt, same answer text and length (false: drawn anew each time, as the real API). Default true.',
    ),
  /** Separator of batched tasks in a prompt and of their answers. Default "\n---\n" (seed 000). */
  delimiter: z
    .string()
    .min(1)
    .default('\n---\n')
    .describe('Separator of batched tasks in a prompt and of their answers. Default "\\n---\\n".'),
  /** Chance that a batched answer has the wrong number of parts. Default 0. */
  formatBreakProbability: probability
    .default(0)
    .describe(
      'Chance that a batched answer has the wrong number of parts (a probability: 1%, 0.01). Default 0.',
    ),
});

export const accelerationSchema = z.strictObject({
  /** Length of the trailing window and of the one before it that it is compared with. Default 1m. */
  windowMs: duration
    .default(60_000)
    .describe(
      'Length of the trailing window, and of the window before it that it is compared with (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 1m.',
    ),
  /** The trailing window may hold this many times the previous window's requests. Default 2. */
  maxGrowth: z
    .number()
    .min(1)
    .default(2)
    .describe(
      'The trailing window may hold this many times the requests of the window before it (ratio ≥ 1). Default 2.',
    ),
  /** Requests a window may always hold, however quiet the window before (a new or idle organisation). Default 10. */
  minRequests: positiveInt
    .default(10)
    .describe(
      'Requests any window may hold, however quiet the window before it (a new or idle organisation). Default 10.',
    ),
});

/** One pool's per-minute limits; unset = unlimited. */
export const poolLimitsSchema = z.strictObject({
  requests: rate
    .optional()
    .describe(
      'Requests this class admits (a rate: 50/min, 2/s, 3000/h, or a number per second). Default: unlimited.',
    ),
  inputTokens: rate
    .optional()
    .describe(
      'Input tokens this class admits: uncached input and cache writes (a rate: 50/min, 2/s, 3000/h, or a number per second). Default: unlimited.',
    ),
  outputTokens: rate
    .optional()
    .describe(
      'Output tokens this class admits (a rate: 50/min, 2/s, 3000/h, or a number per second): max_tokens is charged at admission, the unused part refunded at the end. Default: unlimited.',
    ),
});

export const rateLimitsSchema = z.strictObject({
  /**
   * Token buckets, continuously refilled, one per limit, each holding one minute's worth and
   * starting full; unset = unlimited (the headers then report 4,000 requests, 2M input and 400k
   * output tokens a minute). Output tokens are charged `max_tokens` at admission and the unused
   * part is refunded when the request ends. A refusal is a 429 naming the limit, with
   * `retry-after` = whole seconds until the buckets hold enough (at least 1).
   */
  requests: rate
    .optional()
    .describe(
      'Requests admitted (a rate: 50/min, 2/s, 3000/h, or a number per second): a bucket holding one minute of them, starting full. Default: unlimited.',
    ),
  inputTokens: rate
    .optional()
    .describe(
      'Input tokens admitted (a rate: 50/min, 2/s, 3000/h, or a number per second): a bucket holding one minute of them, starting full. Default: unlimited.',
    ),
  outputTokens: rate
    .optional()
    .describe(
      'Output tokens admitted (a rate: 50/min, 2/s, 3000/h, or a number per second): max_tokens is charged at admission, the unused part refunded at the end. Default: unlimited.',
    ),
  /**
   * Separate pools per model class (the API limits each class on its own), chosen by the request's
   * model: `opus`, `sonnet` or `haiku` in its id. A class without an entry draws from the limits
   * above, shared with every other such class. Default: none.
   */
  byModelClass: z
    .strictObject({
      opus: poolLimitsSchema
        .optional()
        .describe('The Opus class’s own pool (claude-opus-*). Default: the top-level limits.'),
      sonnet: poolLimitsSchema
        .optional()
        .describe('The Sonnet class’s own pool (claude-sonnet-*). Default: the top-level limits.'),
      haiku: poolLimitsSchema
        .optional()
        .describe('The Haiku class’s own pool (claude-haiku-*). Default: the top-level limits.'),
    })
    .optional()
    .describe(
      'Separate rate-limit pools per model class (opus, sonnet, haiku: the word in the model id), each with requests, inputTokens and outputTokens a minute. A class without an entry shares the top-level limits. Default: none.',
    ),
  /** Identical content resubmitted within this window gets a 429 (seed 003). Unset: off. */
  duplicateWindowMs: duration
    .optional()
    .describe(
      'Identical content resubmitted within this window gets a 429 (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default: off.',
    ),
  /**
   * Acceleration limits: a sharp ramp-up gets 429s even under the per-minute limits (Anthropic's
   * rate-limit docs mention them; the rule is modelled, see mocks/models/AccelerationLimit.ts).
   * Unset: off.
   */
  acceleration: accelerationSchema
    .optional()
    .describe(
      'Acceleration limits (off when unset): the requests admitted in the trailing windowMs may be at most maxGrowth times those of the window before, or minRequests, whichever is more; beyond that a 429 rate_limit_error even under the per-minute limits.',
    ),
});

export const capacitySchema = z.strictObject({
  /** Requests generated at once; unset = unlimited. */
  maxConcurrent: positiveInt
    .optional()
    .describe('Requests generated at once (requests). Default: unlimited.'),
  /** Beyond it: wait in a queue, or get 529 overloaded_error at once. Default queue. */
  overflow: z
    .enum(['queue', 'reject'])
    .default('queue')
    .describe('Beyond maxConcurrent: wait in a queue, or get 529 overloaded_error at once. Default queue.'),
  /** Longest queue before 529; unset = unlimited. */
  maxQueue: z
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('Longest queue before 529 (requests). Default: unlimited.'),
});

export const outageSchema = z.strictObject({
  fromMs: duration.describe(
    'Start of the window, from the server start (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Required.',
  ),
  toMs: duration.describe('End of the window (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Required.'),
  /** Status every request gets in the window. Default 529. */
  status: z
    .union([z.literal(429), z.literal(500), z.literal(504), z.literal(529)])
    .default(529)
    .describe('Status every request gets in the window: 429, 500, 504 or 529. Default 529.'),
});

export const scriptedFaultSchema = z.strictObject({
  status: z
    .union([z.literal(429), z.literal(500), z.literal(504), z.literal(529)])
    .describe('Status of this answer: 429, 500, 504 or 529. Required.'),
  /** The wait the answer asks for: `retry-after` (whole seconds, at least 1) and `retry-after-ms`. */
  retryAfterMs: duration
    .optional()
    .describe(
      'The wait this answer asks for, sent as retry-after (whole seconds, at least 1) and retry-after-ms (exact) (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default: 1 s on a 429, none otherwise.',
    ),
});

export const faultsSchema = z.strictObject({
  /**
   * Errors the first requests get, one entry each, in order (Messages and chat completions that
   * passed validation; count_tokens and the model list do not count); later requests are served
   * as usual. The deterministic way to test a client's retries: `[{ status: 429, retryAfterMs: 20 }]`
   * is a 429 then success.
   */
  script: z
    .array(scriptedFaultSchema)
    .default([])
    .describe(
      'Errors the first requests get, one entry each, in order (Messages and chat completions that passed validation); later requests are served as usual, e.g. [{ status: 429, retryAfterMs: 20ms }] for a 429 then success. Default [].',
    ),
  /**
   * Independent chances per request of an error response instead of an answer (drawn in the order
   * 429, 529, 500, 504; the first hit wins), delivered after `latency.overheadMs`. Injected 429s
   * carry `retry-after: 1`.
   */
  error429: probability
    .default(0)
    .describe(
      'Chance per request of a 429 rate_limit_error (retry-after: 1) instead of an answer (a probability: 1%, 0.01). Default 0.',
    ),
  error529: probability
    .default(0)
    .describe(
      'Chance per request of a 529 overloaded_error instead of an answer (a probability: 1%, 0.01). Default 0.',
    ),
  error500: probability
    .default(0)
    .describe(
      'Chance per request of a 500 api_error instead of an answer (a probability: 1%, 0.01). Default 0.',
    ),
  error504: probability
    .default(0)
    .describe(
      'Chance per request of a 504 gateway timeout instead of an answer (a probability: 1%, 0.01). Default 0.',
    ),
  /** Chances per stream: `event: error` overloaded mid-stream, a connection reset, a clean close without message_stop, a stall. */
  streamErrorEvent: probability
    .default(0)
    .describe(
      'Chance per stream of an overloaded `event: error` mid-stream (a probability: 1%, 0.01). Default 0.',
    ),
  streamDrop: probability
    .default(0)
    .describe('Chance per stream of a connection reset mid-stream (a probability: 1%, 0.01). Default 0.'),
  streamCleanClose: probability
    .default(0)
    .describe(
      'Chance per stream of a clean close without message_stop (a probability: 1%, 0.01). Default 0.',
    ),
  streamStall: probability
    .default(0)
    .describe(
      'Chance per stream of going silent mid-stream (the client must time out) (a probability: 1%, 0.01). Default 0.',
    ),
  /** Scheduled windows of errors, e.g. all 529 from 30s to 40s. */
  outages: z
    .array(outageSchema)
    .default([])
    .describe('Scheduled windows of errors, e.g. [{ fromMs: 30s, toMs: 40s, status: 529 }]. Default [].'),
});

export const promptCacheSchema = z.strictObject({
  /** Honour `cache_control` (false: every request is billed as uncached input). Default true. */
  enabled: z
    .boolean()
    .default(true)
    .describe('Honour cache_control (false: every request is billed as uncached input). Default true.'),
  /** Shortest cacheable prefix (tokens); shorter prefixes are not cached. Default 1024. */
  minTokens: positiveInt
    .default(1024)
    .describe('Shortest cacheable prefix (tokens); shorter prefixes are not cached. Default 1024.'),
  /** `minTokens` per model id (the catalog id, not an alias), e.g. `{ claude-haiku-4-5: 2048 }`. */
  minTokensByModel: z
    .record(z.string(), positiveInt)
    .default({})
    .describe('minTokens per catalog model id (not an alias), e.g. { claude-haiku-4-5: 2048 }. Default {}.'),
  /** Lifetime of a `ttl: "5m"` entry (the default ttl), refreshed by every read. Default 5m. */
  ttl5mMs: duration
    .default(5 * 60_000)
    .describe(
      'Lifetime of a ttl "5m" entry (the default ttl), refreshed by every read (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 5m.',
    ),
  /** Lifetime of a `ttl: "1h"` entry, refreshed by every read. Default 1h. */
  ttl1hMs: duration
    .default(60 * 60_000)
    .describe(
      'Lifetime of a ttl "1h" entry, refreshed by every read (a duration: 200ms, 30s, 5m, 1h, or a number of ms). Default 1h.',
    ),
  /** Entries kept at most; the least recently used goes first. Default 10000. */
  maxEntries: positiveInt
    .default(10_000)
    .describe('Entries kept at most; the least recently used goes first (entries). Default 10000.'),
});

export const retryHeadersSchema = z.strictObject({
  /**
   * Send `x-should-retry` on every error response, as the API does: `true` on 408, 409, 429, 5xx
   * and 529, `false` on other 4xx. The official SDKs obey it before their own status rules.
   */
  shouldRetry: z
    .boolean()
    .default(true)
    .describe(
      'Send x-should-retry on error responses: true on 408, 409, 429, 5xx and 529, false on other 4xx (the API does; the SDKs obey it before their status rules). Default true.',
    ),
  /** `x-should-retry` per HTTP status, over the rule above, e.g. `{ "500": false, "400": true }`. */
  shouldRetryByStatus: z
    .record(z.string(), z.boolean())
    .superRefine((byStatus, ctx) => {
      for (const key of Object.keys(byStatus)) {
        if (/^[1-5][0-9][0-9]$/.test(key)) continue;
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: `expected an HTTP status such as "500" as the key, got ${JSON.stringify(key)}`,
        });
      }
    })
    .default({})
    .describe(
      'x-should-retry per HTTP status over the default rule, e.g. { "500": false, "400": true }. Default {}.',
    ),
  /** Also send `retry-after-ms` (the exact wait, whole ms) next to `retry-after`; the SDKs prefer it. */
  retryAfterMs: z
    .boolean()
    .default(false)
    .describe(
      'Also send retry-after-ms (the exact wait in whole milliseconds) next to retry-after; the SDKs prefer it. Default false.',
    ),
  /** `retry-after` as whole seconds (the API) or as an HTTP date (RFC 9110 IMF-fixdate, rounded up to the second). */
  retryAfterFormat: z
    .enum(['seconds', 'http-date'])
    .default('seconds')
    .describe(
      'retry-after as whole seconds (the API) or as an HTTP date such as "Thu, 01 Jan 2026 00:00:02 GMT" (the time the wait ends, rounded up to the second). Default seconds.',
    ),
  /** Seconds of `retry-after` on 529 overloaded_error answers; unset: none, as the API (the SDKs then back off). */
  overloadedRetryAfterSec: positiveInt
    .optional()
    .describe(
      'retry-after (whole seconds) on 529 overloaded_error answers. Default unset: no retry-after on 529s, as the API, so clients use their own backoff.',
    ),
});

export const mockConfigSchema = z.strictObject({
  /** The model catalog; the default accepts the ids the current official SDK lists. */
  models: z
    .array(modelSchema)
    .optional()
    .describe(
      'The model catalog, replacing the built-in one. Default: the ids the current official SDK lists.',
    ),
  latency: latencySchema
    .prefault({})
    .describe('How long answers take: TTFT, generation speed, jitter, cold starts, contention.'),
  output: outputSchema.prefault({}).describe('What answers contain: length, determinism, batch format.'),
  rateLimits: rateLimitsSchema
    .prefault({})
    .describe(
      'Per-minute token buckets as the API has them; a refusal is a 429 naming the limit. Default: unlimited.',
    ),
  capacity: capacitySchema
    .prefault({})
    .describe('How many requests the server generates at once, and what happens beyond.'),
  faults: faultsSchema
    .prefault({})
    .describe('Injected errors: per-request and per-stream chances, and scheduled outages.'),
  /** Anthropic prompt caching (`cache_control`): on by default, one cache per server. */
  promptCache: promptCacheSchema
    .prefault({})
    .describe('Anthropic prompt caching (cache_control): on by default, one cache per server.'),
  tools: toolsSchema
    .prefault({})
    .describe('Tool use: how often turns offered tools answer with tool_use blocks, and how many at once.'),
  thinking: thinkingSchema
    .prefault({})
    .describe(
      'Extended thinking (thinking: {type: enabled, budget_tokens}): length, redacted share, signing secret.',
    ),
  /** Retry signals on error responses: `x-should-retry`, `retry-after-ms`, `retry-after` format, 529s. */
  retryHeaders: retryHeadersSchema
    .prefault({})
    .describe(
      'Retry signals on error responses: x-should-retry, retry-after-ms, the retry-after format, 529s.',
    ),
  /**
   * Priority Tier capacity (per minute). Set, a Messages request with `service_tier: auto` (the
   * default) is served from it while it has room for the request's input and `max_tokens`
   * (`usage.service_tier: priority`, bypassing the standard limits), else from the standard limits
   * (`standard`); `standard_only` always uses the standard limits. Every answer then carries the
   * `anthropic-priority-input-tokens-*` and `anthropic-priority-output-tokens-*` headers. Unset: no
   * Priority Tier.
   */
  priorityTier: z
    .strictObject({
      inputTokens: rate.describe(
        'Priority Tier input tokens (a rate: 50/min, 2/s, 3000/h, or a number per second). Required.',
      ),
      outputTokens: rate.describe(
        'Priority Tier output tokens (a rate: 50/min, 2/s, 3000/h, or a number per second): max_tokens is charged at admission, the unused part refunded at the end. Required.',
      ),
    })
    .optional()
    .describe(
      'Priority Tier capacity: requests with service_tier auto are served from it while it has room (usage.service_tier priority), else from the standard limits; answers carry anthropic-priority-input-tokens-* and -output-tokens-* headers. Default: none.',
    ),
  /** Accepted API keys; unset: any non-empty key. */
  apiKeys: z
    .array(z.string().min(1))
    .optional()
    .describe('Accepted API keys (x-api-key); others get 401. Default: any non-empty key.'),
  /**
   * The organisation's monthly spend limit (USD): answers are priced from the mock's usage at the
   * catalog's prices, per UTC calendar month; once reached, requests get the API's 400 "You have
   * reached your specified API usage limits" until the next month. Unset: no limit.
   */
  monthlySpendLimitUsd: z
    .number()
    .positive()
    .optional()
    .describe(
      'Monthly spend limit in USD: answers are priced from the mock’s usage at the catalog prices (cache writes 1.25x/2x, reads 0.1x of input) per UTC calendar month; once reached, requests get 400 invalid_request_error "You have reached your specified API usage limits. You will regain access on <next month> at 00:00 UTC". Default: no limit.',
    ),
  /** Largest request body (bytes) before 413. Default 32 MB, as the API. */
  maxBodyBytes: positiveInt
    .default(32 * 1024 * 1024)
    .describe(
      'Largest request body in bytes before 413 request_too_large ("Request exceeds the maximum allowed number of bytes"). Default 33554432 (32 MiB, the Messages API limit).',
    ),
});

/** What a user writes (all optional, units as strings allowed). */
export type MockConfigInput = z.input<typeof mockConfigSchema>;
/** The resolved configuration the server runs on. */
export type MockConfig = z.output<typeof mockConfigSchema>;
export type ModelSpec = z.output<typeof modelSchema>;
