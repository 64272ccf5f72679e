import { z } from 'zod';
import { distribution, duration, parseDurationMs, probability, rate } from '../../base/units/units.ts';
import { mockConfigSchema } from '../../mocks/config/MockConfig.ts';
import { MOCK_PRESETS } from '../../mocks/config/presets.ts';
import { sessionsSchema } from '../sessions/sessionsSchema.ts';
import { PRESET_STRATEGIES } from '../strategies/options.ts';
import { positiveDuration, sweep, wholeNumber } from './fields.ts';
import { show } from './ProblemList.ts';
import { POLICY_NAMES, policyOption } from './policySchemas.ts';

/**
 * The scenario file format as users write it (see FORMAT.md). Validation of shapes, types and
 * units happens here; cross-field rules (requests xor duration, known strategy names, thresholds)
 * happen in parseScenario. scenarios/schema.json is generated from this schema.
 */

const PRESET_NAMES = Object.keys(PRESET_STRATEGIES) as [string, ...string[]];
const MOCK_PRESET_NAMES = Object.keys(MOCK_PRESETS) as [string, ...string[]];

const arrivalSchema = z
  .strictObject({
    type: z.enum(['closed', 'poisson', 'constant']).optional().describe('Default closed.'),
    concurrency: sweep(wholeNumber(1))
      .optional()
      .describe('Closed: clients sending back to back. Default 1.'),
    thinkTime: sweep(duration)
      .optional()
      .describe('Closed: pause between a reply and the next request. Default 0s.'),
    rate: sweep(rate)
      .optional()
      .describe('Open (poisson, constant): arrivals, e.g. 2/s or 120/min. Required.'),
    maxConcurrency: wholeNumber(1)
      .optional()
      .describe('Open: requests in flight at most. Default unbounded.'),
  })
  .describe('closed: { concurrency, thinkTime }; poisson or constant: { rate, maxConcurrency }.');

const popularitySchema = z.union([
  z.enum(['zipf', 'uniform', 'sequential']),
  z.strictObject({
    type: z.literal('zipf').describe('Zipf popularity: prompt k is asked in proportion to 1 / k^exponent.'),
    exponent: z.number().positive().describe('Zipf exponent (1: the classic zipf). Required.'),
  }),
]);

const promptsSchema = z
  .strictObject({
    unique: wholeNumber(1).optional().describe('Distinct generated prompts. Default 100.'),
    popularity: popularitySchema
      .optional()
      .describe('zipf (exponent 1), uniform or sequential. Default zipf.'),
    inputTokens: distribution.optional().describe('Default { type: lognormal, median: 200, sigma: 0.5 }.'),
    file: z
      .string()
      .min(1)
      .optional()
      .describe('JSONL file of {"prompt": ...} lines, relative to the scenario.'),
  })
  .describe('Generated prompts { unique, popularity, inputTokens }, or { file, popularity }.');

const warmupSchema = z.union(
  [
    wholeNumber(0).transform((requests) => ({ requests })),
    z.string().transform((text, ctx) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a number of requests such as 50, or a duration such as 30s, got ${JSON.stringify(text)}`,
        });
        return z.NEVER;
      }
      return { ms };
    }),
  ],
  { error: 'expected a number of requests such as 50, or a duration such as 30s' },
);

export const workloadSchema = z
  .strictObject({
    requests: wholeNumber(1)
      .optional()
      .describe('Requests to measure (after warm-up). Exactly one of requests, duration.'),
    duration: positiveDuration.optional().describe('Time to send requests for, e.g. 10m.'),
    warmup: warmupSchema.optional().describe('Left out of the statistics: 50 (requests) or 30s. Default 0.'),
    arrival: arrivalSchema.optional(),
    prompts: promptsSchema.optional(),
    maxTokens: sweep(wholeNumber(1)).optional().describe('max_tokens of each request. Default 256.'),
    stream: sweep(z.boolean()).optional().describe('Stream responses. Default false.'),
    model: sweep(z.string().min(1)).optional().describe('Default claude-sonnet-4-6.'),
    system: z.string().optional().describe('System prompt of every request. Default: none.'),
    systemTokens: wholeNumber(1)
      .optional()
      .describe(
        'A generated system prompt of this many tokens, the same text for every request (a prompt-cache workload); not with system.',
      ),
    temperature: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('temperature of each request (0..1). Default: not sent.'),
    sessions: sessionsSchema.optional(),
  })
  .describe('A list in concurrency, rate, thinkTime, maxTokens, stream or model sweeps it.');

const policyEntrySchema = z.union(
  [
    z.enum(POLICY_NAMES as [string, ...string[]]),
    z.strictObject({
      retry: policyOption('retry'),
      concurrency: policyOption('concurrency'),
      rateLimit: policyOption('rateLimit'),
      timeout: policyOption('timeout'),
      circuitBreaker: policyOption('circuitBreaker'),
      batch: policyOption('batch'),
      cache: policyOption('cache'),
      promptCache: policyOption('promptCache'),
      stream: policyOption('stream'),
      connection: policyOption('connection'),
    }),
  ],
  {
    error: `expected a policy name (${POLICY_NAMES.join(', ')}) or a one-key mapping such as { retry: { attempts: 3 } }`,
  },
);

const strategyName = z
  .string()
  .min(1)
  .regex(/^[^:]+$/, {
    error: (iss) =>
      `expected a name without ":" (it separates strategy and check in thresholds), got ${show(iss.input)}`,
  });

const strategyDescription = z
  .string()
  .optional()
  .describe('A note for readers of the scenario file (reports do not show it). Default: none.');

export const strategyEntrySchema = z.union(
  [
    z.enum(PRESET_NAMES).describe('A preset strategy.'),
    z.strictObject({
      name: strategyName.describe('Name in tables and thresholds (no ":"). Required.'),
      description: strategyDescription,
      use: z.array(policyEntrySchema).describe('Policies outside-in: the first sees the call first.'),
    }),
    z.strictObject({
      name: strategyName.describe('Name in tables and thresholds (no ":"). Required.'),
      description: strategyDescription,
      module: z.string().min(1).describe("Your client module, relative to the scenario file's folder."),
      options: z.unknown().optional().describe('Handed to your module as is.'),
    }),
    z.strictObject({
      preset: z
        .enum(PRESET_NAMES)
        .describe('The preset strategy to start from; the policies given replace its own.'),
      name: strategyName.optional().describe('Name in tables and thresholds. Default: the preset name.'),
      description: strategyDescription,
      ...Object.fromEntries(POLICY_NAMES.map((type) => [type, policyOption(type)])),
    }),
  ],
  {
    error: `expected a strategy: a preset name (${PRESET_NAMES.join(', ')}), { name, use: [...] }, { name, module, options } or { preset, <policy>: {...} }`,
  },
);

const cellParamsSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .describe('Swept parameters of the cells it applies to, e.g. { maxTokens: 256 }. Default: every cell.');

export const thresholdEntrySchema = z.union(
  [
    z.string(),
    z.strictObject({
      strategy: z.string().min(1).optional().describe('Strategy checked. Default: every strategy.'),
      check: z
        .string()
        .min(1)
        .describe('The check, e.g. "errorRate < 1%" or "p99 < 0.8 x direct". Required.'),
      params: cellParamsSchema.optional(),
    }),
    z.record(z.string(), z.string()),
  ],
  {
    error:
      'expected a threshold such as "p99 < 2s", "retry: errorRate < 1%" or { strategy: retry, check: "errorRate < 1%", params: { maxTokens: 256 } }',
  },
);

export const referenceSchema = z.strictObject({
  strategy: z.string().min(1).describe('Strategy the figure belongs to. Required.'),
  params: cellParamsSchema.optional(),
  metric: z.string().min(1).describe('Same names as thresholds, e.g. latency.mean, p99, throughput.'),
  value: z.union([z.number(), z.string()]).describe('In the metric unit, or with one: 420ms, 1%, 50/min.'),
  source: z.string().optional().describe('Where it was published, e.g. seed 002.'),
});

const priceSchema = z.strictObject({
  input: z.number().nonnegative().optional().describe('USD per million input tokens.'),
  output: z.number().nonnegative().optional().describe('USD per million output tokens.'),
  cacheWrite: z
    .number()
    .nonnegative()
    .optional()
    .describe('USD per million prompt-cache write tokens (5m ttl). Default 1.25 × input.'),
  cacheWrite1h: z
    .number()
    .nonnegative()
    .optional()
    .describe('USD per million prompt-cache write tokens (1h ttl). Default 2 × input.'),
  cacheRead: z
    .number()
    .nonnegative()
    .optional()
    .describe('USD per million prompt-cache read tokens. Default 0.1 × input.'),
});

export const scenarioSchema = z
  .strictObject({
    $schema: z
      .string()
      .optional()
      .describe('Path or URL of this JSON schema, for editors. Ignored by the loader.'),
    name: z.string().min(1).optional().describe('Default: the file name without extension.'),
    description: z
      .string()
      .optional()
      .describe('What the scenario shows, one sentence: the report opens with it. Default: none.'),
    seed: z
      .number()
      .int()
      .min(0)
      .max(0xffff_ffff)
      .optional()
      .describe('Seed of every random draw. Default 1.'),
    mode: z
      .enum(['simulated', 'realtime'])
      .optional()
      .describe('Default simulated (virtual clock, local mock).'),
    mock: mockConfigSchema
      .extend({
        preset: z
          .enum(MOCK_PRESET_NAMES)
          .optional()
          .describe(
            'Starting configuration the other mock settings change (`bench mock --list-presets` lists them). Default default.',
          ),
      })
      .optional()
      .describe('A mock preset and any mock setting on top of it.'),
    target: z
      .strictObject({
        baseUrl: z
          .url({ protocol: /^https?$/ })
          .describe('http(s) URL of the API, e.g. https://api.anthropic.com or a gateway. Required.'),
        apiKeyEnv: z
          .string()
          .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
          .optional()
          .describe('Default ANTHROPIC_API_KEY.'),
      })
      .optional()
      .describe('Realtime only: call this endpoint instead of the local mock.'),
    cooldown: duration
      .optional()
      .describe(
        'Realtime: wait this long between one run and the next (e.g. 5s), so runs sharing a target do not inherit each other’s rate-limit state or queues. Ignored in simulated mode (each run has a fresh mock and clock). Default 0.',
      ),
    gateway: z
      .strictObject({
        command: z
          .array(z.string().min(1))
          .min(1)
          .describe(
            'argv of the gateway, run without a shell, e.g. [node, relay.mjs]; may use {{mock.url}}, {{mock.port}}, {{port}}. Required.',
          ),
        cwd: z
          .string()
          .min(1)
          .optional()
          .describe("Its working directory, relative to the scenario file's folder. Default: that folder."),
        env: z
          .record(z.string(), z.string())
          .optional()
          .describe(
            "Added to its environment; values may use {{mock.url}} (the run's mock), {{mock.port}} and {{port}} (a free port for the gateway). Default {}.",
          ),
        url: z
          .string()
          .regex(/^https?:\/\//, 'expected an http(s) URL such as http://127.0.0.1:{{port}}')
          .describe('Where the clients send their requests, e.g. http://127.0.0.1:{{port}}. Required.'),
        ready: z
          .strictObject({
            path: z
              .string()
              .startsWith('/')
              .optional()
              .describe('An HTTP path polled until it answers below 500, e.g. /healthz. Default: none.'),
            log: z
              .string()
              .min(1)
              .optional()
              .describe(
                'A regular expression a line of its output must match, e.g. "listening". Default: none.',
              ),
            timeout: positiveDuration
              .optional()
              .describe('How long it may take to be ready: 10s, or ms. Default 10s.'),
          })
          .optional()
          .describe(
            "When it is ready: path, or log, or (neither) a TCP connection accepted on url's port. Default: the TCP check, 10s.",
          ),
        restart: z
          .enum(['run', 'scenario'])
          .optional()
          .describe(
            'run: a fresh gateway (and mock) for every run; scenario: one for the whole scenario. Default run.',
          ),
        stopTimeout: positiveDuration
          .optional()
          .describe(
            'Grace between SIGTERM and SIGKILL to its process group when it stops: 5s, or ms. Default 5s.',
          ),
        baseline: z
          .enum(['direct', 'none'])
          .optional()
          .describe(
            "direct: after each run through the gateway, run the same workload straight at a fresh mock and report the gateway's overhead (p50, p90, p99 with 95% intervals); none: only the gateway. Default none.",
          ),
      })
      .optional()
      .describe(
        'Realtime only: start this gateway in front of a fresh local mock for each run and measure through it (docs/gateways.md).',
      ),
    workload: workloadSchema,
    strategies: z.array(strategyEntrySchema).min(1).optional().describe('Default [direct].'),
    baseline: z
      .string()
      .min(1)
      .optional()
      .describe('Strategy the others are compared to. Default: the first.'),
    validity: z
      .strictObject({
        startLagP99: positiveDuration
          .optional()
          .describe(
            "Highest accepted p99 of the generator's start lag (actual start − drawn start): 10ms, or ms. Default 10ms.",
          ),
        offeredRateTolerance: probability
          .optional()
          .describe(
            'Largest accepted gap between the offered rate and the drawn schedule’s rate, as a share of it: 2%, or 0..1. Default 2%. Open loops only.',
          ),
      })
      .optional()
      .describe(
        'Realtime runs: limits the load generator must keep for a run to count as a measurement (docs/realtime.md); a run outside them is invalid, exit 3.',
      ),
    slo: z
      .strictObject({
        latency: positiveDuration
          .optional()
          .describe(
            'Longest end-to-end latency a good request may take, e.g. 2s. Default: no latency objective.',
          ),
        ttft: positiveDuration
          .optional()
          .describe(
            'Longest time to first token a good request may take, e.g. 500ms. Default: no TTFT objective.',
          ),
        session: positiveDuration
          .optional()
          .describe(
            'Session goodput: sessions completed within this, e.g. 10m (workload.sessions only). Default: none.',
          ),
      })
      .optional()
      .describe('Goodput counts requests (and sessions) within these.'),
    objective: z
      .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
      .optional()
      .describe(
        'How the verdict ranks the strategies of a cell after meeting the thresholds: metrics in order, each better higher or lower as usual, e.g. [p99, cost]. Default [goodput, cost] (goodput a minute; throughput without an slo).',
      ),
    timeSeries: z
      .strictObject({
        window: positiveDuration
          .optional()
          .describe(
            'Length of one window of the run’s time series, e.g. 1s or 250ms. Default: 1s in realtime runs; in simulated runs sized to the run (at most 120 windows of a readable length).',
          ),
      })
      .optional()
      .describe(
        'The per-window time series in results.json (requests, errors by kind, in flight, latency, tokens); at most 240 windows, neighbours merge pairwise in longer runs.',
      ),
    thresholds: z
      .array(thresholdEntrySchema)
      .optional()
      .describe(
        'Checks that set the exit code, e.g. "p99 < 2s" or "retry: errorRate < 0.5 x direct". Default: none.',
      ),
    prices: z
      .record(z.string().min(1), priceSchema)
      .optional()
      .describe('USD per MTok, merged over the defaults.'),
    references: z.array(referenceSchema).optional().describe('Published figures to reproduce.'),
  })
  .describe('A claude-bench scenario.');

/** What a scenario file holds, as written. */
export type ScenarioInput = z.input<typeof scenarioSchema>;
/** A scenario file after shape and unit validation, before cross-field resolution. */
export type ScenarioParsed = z.output<typeof scenarioSchema>;
