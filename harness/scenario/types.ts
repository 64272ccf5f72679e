import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import type { GatewaySpec } from '../gateway/GatewaySpec.ts';
import type { SessionWorkload } from '../sessions/SessionWorkload.ts';
import type { StrategySpec } from '../strategies/options.ts';
import type { ValidityLimits } from '../validity/judgeValidity.ts';

/**
 * The resolved scenario: validated once at the boundary (house style rule 8). Durations are in ms,
 * rates per second. Fields that may sweep a matrix are arrays (a scalar in the file becomes a
 * one-element array); `expandMatrix` turns this into concrete cells.
 */

/** A distribution of a positive quantity (token counts). */
export type Distribution =
  | { type: 'fixed'; value: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'normal'; mean: number; stdDev: number }
  | { type: 'lognormal'; median: number; sigma: number };

export type Arrival =
  /** N clients, each sending its next request when the previous one finished (plus think time). */
  | { type: 'closed'; concurrency: number; thinkTimeMs: number }
  /** Requests arrive on a schedule regardless of completions (open loop). */
  | { type: 'open'; process: 'constant' | 'poisson'; ratePerSec: number; maxConcurrency?: number };

export type PromptSource =
  | {
      type: 'generated';
      /** Distinct prompts; requests draw from them with `popularity`. */
      unique: number;
      /** `zipf` (exponent, default 1) gives caches realistic hit rates; `uniform`; `sequential` never repeats until all were used. */
      popularity: { type: 'zipf'; exponent: number } | { type: 'uniform' } | { type: 'sequential' };
      /** Input length in tokens (shared estimator). */
      inputTokens: Distribution;
    }
  | {
      type: 'file';
      /** Absolute path of a JSONL file: one `{"prompt": "...", "system"?: "...", "maxTokens"?: n}` a line. */
      path: string;
      popularity: { type: 'zipf'; exponent: number } | { type: 'uniform' } | { type: 'sequential' };
    };

/** One concrete workload (a matrix cell). */
export interface Workload {
  /** Logical requests to send (after warm-up). Exactly one of `requests` and `durationMs` is set. */
  requests?: number;
  durationMs?: number;
  /** Requests sent first and left out of the statistics. Default 0. */
  warmupRequests: number;
  /** Time at the start left out of the statistics (ms). Default 0. */
  warmupMs: number;
  arrival: Arrival;
  prompts: PromptSource;
  maxTokens: number;
  stream: boolean;
  model: string;
  system?: string;
  /** A generated system prompt of this many tokens, shared by every request (`sharedSystemPrompt`). */
  systemTokens?: number;
  temperature?: number;
  /** Multi-turn agent sessions instead of single requests (`requests` is then unset). */
  sessions?: SessionWorkload;
}

/** A workload field that can sweep, by its key in `MatrixCell.params` (`rate` is per second, `thinkTimeMs` ms). */
export type SweepAxis = 'concurrency' | 'rate' | 'thinkTimeMs' | 'maxTokens' | 'stream' | 'model';

/** Sweepable workload fields hold arrays; `concurrency` and `ratePerSec` sweep inside `arrival`. */
export interface WorkloadSweep {
  /**
   * The fields that sweep, in the order the file declared them (the first is the outermost loop of
   * `expandMatrix` and comes first in cell ids). A field written as a list sweeps, even a list of
   * one. Unset: every field holding more than one value sweeps, in the order of `SweepAxis`.
   */
  axes?: readonly SweepAxis[];
  requests?: number;
  durationMs?: number;
  warmupRequests: number;
  warmupMs: number;
  arrival:
    | { type: 'closed'; concurrency: readonly number[]; thinkTimeMs: readonly number[] }
    | {
        type: 'open';
        process: 'constant' | 'poisson';
        ratePerSec: readonly number[];
        maxConcurrency?: number;
      };
  prompts: PromptSource;
  maxTokens: readonly number[];
  stream: readonly boolean[];
  model: readonly string[];
  system?: string;
  systemTokens?: number;
  temperature?: number;
  sessions?: SessionWorkload;
}

/** A comparison `metric op value`, for every strategy or one, absolute or relative to another strategy. */
export interface ThresholdSpec {
  /** The text as written, e.g. `p99 < 0.8 x direct`. */
  source: string;
  /** Strategy it applies to; undefined: every strategy. */
  strategy?: string;
  /** Cells it applies to: those whose swept parameters have these values; undefined: every cell. */
  params?: Record<string, string | number | boolean>;
  /** Metric path in RunMetrics, e.g. `latencyMs.p99`, `errorRate`, `throughput.requestsPerMin`, `costUsd`. */
  metric: string;
  op: '<' | '<=' | '>' | '>=';
  /** Absolute bound in the metric's unit (ms, ratio 0-1, req/min, USD) ... */
  value: number;
  /** ... or, when set, `value` is a factor of this strategy's measured value in the same cell. */
  relativeTo?: string;
}

/** A published figure the run should reproduce (seed tables). */
export interface ReferenceFigure {
  strategy: string;
  /** Cell parameters it belongs to, e.g. `{ maxTokens: 256 }`; empty: every cell. */
  params: Record<string, string | number | boolean>;
  /** Metric path, as in thresholds. */
  metric: string;
  value: number;
  /** Where it was published, e.g. `seed 002`. */
  source?: string;
}

/** Per-model prices in USD per million tokens. */
export interface Price {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Prompt-cache writes with the 5-minute ttl. Unset: 1.25 × input (Anthropic's multiplier). */
  cacheWritePerMTok?: number;
  /** Prompt-cache writes with the 1-hour ttl. Unset: 2 × input. */
  cacheWrite1hPerMTok?: number;
  /** Prompt-cache reads. Unset: 0.1 × input. */
  cacheReadPerMTok?: number;
}

export interface ResolvedScenario {
  /** Scenario name; the default output folder is `bench-results/<name>/` (slugged). */
  name: string;
  description?: string;
  /** Absolute path of the file it came from. */
  file?: string;
  seed: number;
  mode: 'simulated' | 'realtime';
  /** The mock's configuration (preset merged with overrides). Unused when `target` is set. */
  mock: MockConfig;
  /** Name of the preset the mock config started from. */
  mockPreset: string;
  /** Realtime only: a real endpoint instead of the local mock. */
  target?: { baseUrl: string; apiKeyEnv: string };
  /** Realtime: wait between consecutive runs (ms). Unset: none; simulated runs never wait. */
  cooldownMs?: number;
  /** Realtime only: the user's gateway, started in front of a fresh local mock (`gateway:`). */
  gateway?: GatewaySpec;
  workload: WorkloadSweep;
  strategies: readonly StrategySpec[];
  /** Strategy the reports compare the others to. Default: the first. */
  baseline: string;
  thresholds: readonly ThresholdSpec[];
  /** Realtime runs: the limits the load generator must keep for a run to be valid (`validity:`, defaults filled in). */
  validity: ValidityLimits;
  /** Service-level objectives for goodput (ms). */
  slo?: { latencyMs?: number; ttftMs?: number; sessionMs?: number };
  /** The verdict's ranking after the thresholds (`objective:`): metric paths in order; unset: goodput (or throughput), then cost. */
  objective?: string[];
  /** The time series' window (`timeSeries.window`, ms); unset: the mode's default (harness/timeSeries/). */
  timeSeries?: { windowMs?: number };
  /** Prices by model id; defaults for current Claude models are merged in. */
  prices: Record<string, Price>;
  references: readonly ReferenceFigure[];
}

/** One cell of the matrix: a concrete workload, and the parameters that distinguish it. */
export interface MatrixCell {
  /** Stable id, e.g. `maxTokens=256,concurrency=5` (`default` when nothing sweeps). */
  id: string;
  /** The swept parameters' values in this cell (only those that sweep). */
  params: Record<string, string | number | boolean>;
  workload: Workload;
}
