import { z } from 'zod';
import { duration, rate } from '../../base/units/units.ts';
import {
  DEFAULT_BATCH,
  DEFAULT_CACHE,
  DEFAULT_CIRCUIT_BREAKER,
  DEFAULT_CONCURRENCY,
  DEFAULT_CONNECTION,
  DEFAULT_PROMPT_CACHE,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETRY,
  DEFAULT_STREAM,
  DEFAULT_TIMEOUT,
  type JitterSpec,
  type PolicySpec,
  type PolicyType,
} from '../strategies/options.ts';
import { suggestion } from './didYouMean.ts';
import { positiveDuration, sweep, wholeNumber } from './fields.ts';

/**
 * What users write for each built-in policy (friendly, unit-ful names) and how it maps onto the
 * resolved options of harness/strategies/options.ts. Every scalar option may be a list, which
 * makes strategy variants (see resolveStrategies.ts).
 */

const JITTER_MESSAGE = 'expected a jitter: full, equal, none, or a proportional jitter such as 10% (or 0.1)';

/** `full`, `equal`, `none`, `10%` or `0.1` (proportional, ±10 %). */
export const jitter = z
  .union([z.string(), z.number()], { error: JITTER_MESSAGE })
  .transform((value, ctx): JitterSpec => {
    if (value === 'full' || value === 'equal' || value === 'none') return { type: value };
    const percent = typeof value === 'string' ? /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(value) : null;
    const ratio = typeof value === 'number' ? value : percent !== null ? Number(percent[1]) / 100 : undefined;
    if (ratio === undefined || !(ratio >= 0 && ratio <= 1)) {
      const near = typeof value === 'string' ? suggestion(value, ['full', 'equal', 'none']) : '';
      ctx.addIssue({ code: 'custom', message: `${JITTER_MESSAGE}, got ${JSON.stringify(value)}${near}` });
      return z.NEVER;
    }
    return { type: 'proportional', ratio };
  });

const httpStatus = z.number().int().min(100).max(599);

export const POLICY_SCHEMAS = {
  retry: z.strictObject({
    attempts: sweep(wholeNumber(1)).optional().describe('Total tries including the first. Default 3.'),
    base: sweep(duration).optional().describe('Delay before the first retry, e.g. 500ms. Default 500ms.'),
    cap: sweep(duration).optional().describe('Upper bound on any one delay, e.g. 60s. Default 60s.'),
    multiplier: sweep(z.number().min(1)).optional().describe('Growth factor per retry. Default 2.'),
    jitter: sweep(jitter)
      .optional()
      .describe('full | equal | none | a percentage such as 10%. Default full.'),
    retryOn: z
      .array(httpStatus)
      .optional()
      .describe('HTTP statuses worth another try. Default [408, 409, 429, 500, 502, 503, 504, 529].'),
    retryOnConnectionError: sweep(z.boolean()).optional().describe('Default true.'),
    retryOnStreamDrop: sweep(z.boolean()).optional().describe('Default true.'),
    retryOnTimeout: sweep(z.boolean()).optional().describe('Default true.'),
    honorRetryAfter: sweep(z.boolean())
      .optional()
      .describe('Wait at least what retry-after asks. Default true.'),
    maxRetryAfter: sweep(duration).optional().describe('Longest retry-after obeyed. Default 60s.'),
  }),
  concurrency: z.strictObject({
    max: sweep(wholeNumber(1)).optional().describe('Calls in flight at once. Default 5.'),
    maxQueue: sweep(wholeNumber(0))
      .optional()
      .describe('Calls allowed to wait for a slot. Default unbounded.'),
  }),
  rateLimit: z
    .strictObject({
      algorithm: sweep(z.enum(['token-bucket', 'leaky-bucket']))
        .optional()
        .describe('Default token-bucket.'),
      rate: sweep(rate).optional().describe('Requests allowed through, e.g. 20/min.'),
      inputTokens: sweep(rate).optional().describe('Input tokens allowed through, e.g. 10000/min.'),
      outputTokens: sweep(rate).optional().describe('Output tokens allowed through, e.g. 4000/min.'),
      burst: sweep(z.number().min(1))
        .optional()
        .describe(
          'Requests the request bucket (rate) holds: an idle client sends this many at once. Default 1.',
        ),
      inputTokensBurst: sweep(z.number().min(1))
        .optional()
        .describe('Input tokens the inputTokens bucket holds. Default: one second of inputTokens.'),
      outputTokensBurst: sweep(z.number().min(1))
        .optional()
        .describe(
          'Output tokens (max_tokens) the outputTokens bucket holds. Default: one second of outputTokens.',
        ),
    })
    .superRefine((options, ctx) => {
      const pairs = [
        ['burst', 'rate', 'requests'],
        ['inputTokensBurst', 'inputTokens', 'input tokens'],
        ['outputTokensBurst', 'outputTokens', 'output tokens'],
      ] as const;
      for (const [burst, limit, unit] of pairs) {
        if (options[burst] !== undefined && options[limit] === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: [burst],
            message: `${burst} counts ${unit} of the ${limit} limit, which is not set: set ${limit}${burst === 'burst' ? ' (for a token limit, use inputTokensBurst or outputTokensBurst, in tokens)' : ''}, or remove ${burst}`,
          });
        }
      }
    }),
  timeout: z.union([
    sweep(positiveDuration).transform((after) => ({ after })),
    z.strictObject({ after: sweep(positiveDuration).optional().describe('Default 60s.') }),
  ]),
  circuitBreaker: z.strictObject({
    failures: sweep(wholeNumber(1))
      .optional()
      .describe('Consecutive failures that open the circuit. Default 5.'),
    openFor: sweep(positiveDuration).optional().describe('Time open before a trial call. Default 30s.'),
  }),
  batch: z.strictObject({
    size: sweep(wholeNumber(1)).optional().describe('Prompts merged into one request at most. Default 5.'),
    maxWait: sweep(duration).optional().describe('Longest wait of a batch for company. Default 200ms.'),
    delimiter: sweep(z.string().min(1))
      .optional()
      .describe('Joins prompts and splits answers. Default "\\n---\\n".'),
    maxTokens: sweep(z.enum(['sum', 'max']))
      .optional()
      .describe("max_tokens of the merged request: the members' sum, or their largest. Default sum."),
    onSplitFailure: sweep(z.enum(['fallback', 'fail']))
      .optional()
      .describe('When the answer does not split: send each member alone, or fail them. Default fallback.'),
  }),
  cache: z.strictObject({
    ttl: sweep(positiveDuration).optional().describe('Entry lifetime. Default 5m.'),
    max: sweep(wholeNumber(1)).optional().describe('LRU capacity in entries. Default 1000.'),
    coalesce: sweep(z.boolean())
      .optional()
      .describe('Identical concurrent requests share one call. Default true.'),
  }),
  promptCache: z.strictObject({
    ttl: sweep(z.enum(['5m', '1h']))
      .optional()
      .describe('Lifetime asked of the API prompt cache (cache_control ttl): 5m or 1h. Default 5m.'),
  }),
  stream: z.strictObject({
    onDrop: sweep(z.enum(['retry', 'fail']))
      .optional()
      .describe('Default retry.'),
    maxRestarts: sweep(wholeNumber(0)).optional().describe('Restarts per request. Default 2.'),
    idleTimeout: sweep(positiveDuration).optional().describe('Silence that counts as a drop. Default 30s.'),
  }),
  connection: z.strictObject({
    keepAlive: sweep(z.boolean()).optional().describe('Reuse connections. Default true.'),
    maxSockets: sweep(wholeNumber(1))
      .optional()
      .describe('Sockets in the pool. Default 1000 (seed 003 used 100).'),
  }),
} as const satisfies Record<PolicyType, z.ZodType>;

/** One line per policy for the JSON schema (editors show it on hover); FORMAT.md has the full table. */
export const POLICY_DESCRIPTIONS: Record<PolicyType, string> = {
  retry: 'Retry failed calls with exponential backoff and jitter, honouring retry-after. null: leave it out.',
  concurrency: 'Limit calls in flight; the rest wait in a queue. null: leave it out.',
  rateLimit: 'Client-side rate limit on requests and tokens, before calls leave. null: leave it out.',
  timeout: 'Abort a call after this long: a duration, or { after }. null: leave it out.',
  circuitBreaker: 'Stop calling after consecutive failures, try again later. null: leave it out.',
  batch: 'Merge prompts into one request and split the answer. null: leave it out.',
  cache: 'Answer repeated prompts from a client-side cache. null: leave it out.',
  promptCache: 'Mark the shared prefix with cache_control (the API prompt cache). null: leave it out.',
  stream: 'Restart dropped or stalled streams. null: leave it out.',
  connection: 'HTTP connection pool: keep-alive and sockets. null: leave it out.',
};

/** A policy's options as a strategy entry holds them: described, `null` to remove it from a preset. */
export function policyOption<K extends PolicyType>(type: K) {
  return POLICY_SCHEMAS[type].nullable().optional().describe(POLICY_DESCRIPTIONS[type]);
}

/** The built-in policy names, in the order the format documents them. */
export const POLICY_NAMES = Object.keys(POLICY_SCHEMAS) as PolicyType[];

/** User option name → resolved option name, per policy. Names not listed keep their name. */
const RENAMES: Record<PolicyType, Record<string, string>> = {
  retry: {
    attempts: 'maxAttempts',
    base: 'baseMs',
    cap: 'capMs',
    retryOn: 'retryOnStatuses',
    maxRetryAfter: 'maxRetryAfterMs',
  },
  concurrency: { max: 'maxInFlight' },
  rateLimit: { rate: 'requestsPerSec', inputTokens: 'inputTokensPerSec', outputTokens: 'outputTokensPerSec' },
  timeout: { after: 'timeoutMs' },
  circuitBreaker: { failures: 'failureThreshold', openFor: 'openMs' },
  batch: { maxWait: 'maxWaitMs' },
  cache: { ttl: 'ttlMs', max: 'maxEntries' },
  promptCache: {},
  stream: { idleTimeout: 'idleTimeoutMs' },
  connection: {},
};

const DEFAULTS: { [K in PolicyType]: Extract<PolicySpec, { type: K }>['options'] } = {
  retry: DEFAULT_RETRY,
  concurrency: DEFAULT_CONCURRENCY,
  rateLimit: DEFAULT_RATE_LIMIT,
  timeout: DEFAULT_TIMEOUT,
  circuitBreaker: DEFAULT_CIRCUIT_BREAKER,
  batch: DEFAULT_BATCH,
  cache: DEFAULT_CACHE,
  promptCache: DEFAULT_PROMPT_CACHE,
  stream: DEFAULT_STREAM,
  connection: DEFAULT_CONNECTION,
};

/**
 * The resolved policy for user options with no lists left in them (already validated by
 * `POLICY_SCHEMAS[type]`): defaults from options.ts, user values on top under their resolved names.
 * `base` lets a preset's options be the starting point instead of the defaults.
 */
export function buildPolicy(
  type: PolicyType,
  userOptions: Readonly<Record<string, unknown>>,
  base?: PolicySpec['options'],
): PolicySpec {
  const options: Record<string, unknown> = { ...(base ?? DEFAULTS[type]) };
  const renames = RENAMES[type];
  for (const [key, value] of Object.entries(userOptions)) {
    if (value !== undefined) options[renames[key] ?? key] = value;
  }
  return { type, options } as unknown as PolicySpec;
}

/** Options whose value is itself a list, so a list there is not a sweep. */
export const LIST_VALUED_OPTIONS: ReadonlySet<string> = new Set(['retryOn']);
