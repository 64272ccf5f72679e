import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { InputError, type InputProblem } from '../../base/errors.ts';
import { RESULTS_SCHEMA_VERSION, type ResultsFile } from '../../harness/results/ResultsFile.ts';
import { upgradeCellIds } from './upgradeCellIds.ts';

/**
 * Reading a results.json back (report, compare, merge): checked at the boundary so a wrong file
 * gives one clear message (exit 2) instead of a crash deep inside a renderer. Only what the
 * readers rely on is checked; unknown fields are kept.
 */

const count = z.number().nonnegative();
const summary = z.looseObject({
  count,
  mean: z.number(),
  stddev: z.number(),
  min: z.number(),
  p50: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
  max: z.number(),
});
const run = z.looseObject({
  strategy: z.string(),
  cellId: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  metrics: z.looseObject({
    requests: z.looseObject({
      total: count,
      ok: count,
      failed: count,
      byOutcome: z.record(z.string(), count),
      interrupted: count.optional(),
    }),
    // Absent when no request succeeded; files before that wrote zeros with count 0.
    latencyMs: summary.optional(),
    ttftMs: summary.optional(),
    throughput: z.looseObject({
      requestsPerSec: z.number(),
      requestsPerMin: z.number(),
      outputTokensPerSec: z.number(),
    }),
    errorRate: z.number(),
    upstream: z.looseObject({ calls: count, byStatus: z.record(z.string(), count) }),
    retries: z.number(),
    cache: z.looseObject({ hits: count, hitRate: z.number() }),
    tokens: z.looseObject({ input: count, output: count, wastedOutput: count }),
    costUsd: z.number(),
    windowMs: z.number(),
  }),
  samples: z.looseObject({ latencyMs: z.array(z.number()), ttftMs: z.array(z.number()).optional() }),
  valid: z.boolean(),
  invalidReasons: z.array(z.string()).optional(),
});
/** NaN is written as null in JSON (an unmeasured threshold); read it back as NaN. */
const maybeNumber = z.union([z.number(), z.null()]).transform((x) => (x === null ? Number.NaN : x));
const resultsSchema = z.looseObject({
  schemaVersion: z.literal(RESULTS_SCHEMA_VERSION),
  tool: z.looseObject({ name: z.literal('claude-bench'), version: z.string() }),
  scenario: z.looseObject({ name: z.string(), file: z.string().optional(), resolved: z.unknown() }),
  seed: z.number(),
  mode: z.enum(['simulated', 'realtime']),
  startedAt: z.string(),
  finishedAt: z.string(),
  environment: z.looseObject({}),
  partial: z.boolean(),
  runs: z.array(run),
  skipped: z
    .array(
      z.looseObject({
        strategy: z.string(),
        cellId: z.string(),
        params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
      }),
    )
    .optional(),
  thresholds: z.array(
    z.looseObject({
      source: z.string(),
      strategy: z.string(),
      cellId: z.string(),
      metric: z.string(),
      measured: maybeNumber,
      bound: maybeNumber,
      passed: z.boolean(),
    }),
  ),
});

function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
    .join('');
}

/** Checks parsed JSON from `file` is a results file this version reads; throws InputError otherwise. */
export function parseResultsFile(value: unknown, file: string): ResultsFile {
  const head = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const tool = head.tool as { name?: unknown } | undefined;
  if (!('schemaVersion' in head) || tool?.name !== 'claude-bench') {
    throw new InputError([
      {
        file,
        message:
          'not a claude-bench results file (no schemaVersion, or tool.name is not "claude-bench"); expected the results.json that `bench run` writes',
      },
    ]);
  }
  if (head.schemaVersion !== RESULTS_SCHEMA_VERSION) {
    throw new InputError([
      {
        file,
        path: 'schemaVersion',
        message: `results schema version ${JSON.stringify(head.schemaVersion)} is not supported: this bench reads version ${RESULTS_SCHEMA_VERSION}; re-run the scenario with this version, or use the version that wrote it`,
      },
    ]);
  }
  const parsed = resultsSchema.safeParse(value);
  if (parsed.success) return upgradeCellIds(parsed.data as unknown as ResultsFile);
  const problems: InputProblem[] = parsed.error.issues.slice(0, 10).map((issue) => ({
    file,
    path: pathText(issue.path),
    message: `${issue.message} (this file does not look like a complete results.json)`,
  }));
  throw new InputError(problems);
}

/** Reads and checks a results file; a missing, unreadable or wrong file is an InputError naming it. */
export async function readResultsFile(file: string): Promise<ResultsFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(error);
    throw new InputError(
      [{ file, message: `cannot read results: ${why}; expected a results.json written by \`bench run\`` }],
      {
        cause: error,
      },
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      [{ file, message: `not valid JSON (${(error as Error).message}); expected a results.json` }],
      {
        cause: error,
      },
    );
  }
  return parseResultsFile(value, file);
}
