import type { SessionMetrics } from '../sessions/SessionRecorder.ts';
/**
 * The results file (`results.json`): a documented, versioned format. Field names follow
 * ../shared/reference/metrics.md. Bump `RESULTS_SCHEMA_VERSION` on any incompatible change.
 */

export const RESULTS_SCHEMA_VERSION = 1;

/** Statistics over one run's samples (ms). Percentiles are exact over the samples (nearest rank). */
export interface Summary {
  count: number;
  mean: number;
  stddev: number;
  min: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  /** Nearest-rank p99.9, present only from 1000 samples on (harness/stats/summarize.ts `P999_MIN_SAMPLES`). */
  p999?: number;
  max: number;
}

/**
 * Where a user module's attempts were counted: `mock` the in-process mock received them (simulated),
 * `http-client` this process's HTTP clients sent them (realtime: fetch/undici and node:http, to the
 * loopback mock or a target), `module` the module reported them (`attempts` in its result, target
 * only), `module+http-client` the module reported some and the others were counted.
 */
export type AttemptsSource = 'mock' | 'http-client' | 'module' | 'module+http-client';

export interface RunMetrics {
  requests: {
    /** Logical requests measured (warm-up excluded). */
    total: number;
    ok: number;
    failed: number;
    /** Failed requests by outcome kind (`rate-limited`, `overloaded`, ...). */
    byOutcome: Record<string, number>;
    /**
     * Requests in flight when the run was interrupted (Ctrl-C) that did not succeed: cut short,
     * so counted in none of `total`, `ok`, `failed` (nor latency). Present only when above 0.
     */
    interrupted?: number;
  };
  /**
   * End-to-end latency of successful requests: completion − intended start (ms). Absent when no
   * request succeeded: a failed request has no latency (files before this wrote zeros with count 0).
   */
  latencyMs?: Summary;
  /** Time to first token of successful streamed requests (ms). */
  ttftMs?: Summary;
  /** Per-request inter-token latency: (latency − TTFT) / (output tokens − 1) (ms). */
  itlMs?: Summary;
  throughput: {
    /** Successful requests / (last completion − first intended start). */
    requestsPerSec: number;
    requestsPerMin: number;
    outputTokensPerSec: number;
  };
  /** Failed / total. */
  errorRate: number;
  upstream: {
    /** HTTP calls sent to the API. */
    calls: number;
    /** By status; "0" counts calls that got no HTTP status (connection error, abort). */
    byStatus: Record<string, number>;
  };
  /** Upstream calls − first attempts: Σ over logical requests of (attempts − 1) for those with any. */
  retries: number;
  /**
   * User modules: HTTP attempts of the measured requests (retries included), and where they were
   * counted. Built-in strategies have none: their attempts are their own (exact) count.
   */
  attempts?: { total: number; source: AttemptsSource };
  cache: { hits: number; hitRate: number };
  batch?: { batches: number; meanSize: number; splitFailures: number };
  /**
   * Tokens billed by the API (from `usage`), wasted ones on dropped streams included. `input` is
   * `input_tokens` (uncached); `cacheRead` and `cacheWrite` (`cache_read_input_tokens`,
   * `cache_creation_input_tokens`) are there only when the prompt cache was used.
   */
  tokens: { input: number; output: number; wastedOutput: number; cacheRead?: number; cacheWrite?: number };
  costUsd: number;
  /**
   * Requests that succeeded and met every SLO of the scenario (`slo:`), as a count, a share of all
   * requests, and a rate over the measurement window; present when the scenario sets an SLO.
   * `requests` and `requestsPerMin` are absent in results written before they existed.
   */
  goodput?: { requests?: number; ratio: number; requestsPerSec: number; requestsPerMin?: number };
  /**
   * How well the load generator kept its schedule: open loops in both modes, closed loops in
   * realtime runs (docs/realtime.md). Absent in simulated closed loops, whose lag is 0 by construction.
   */
  schedule?: Schedule;
  /** Measurement window: first intended start → last completion (ms). */
  windowMs: number;
  /**
   * With `gateway.baseline: direct`: the latency the gateway added (gateway − direct, ms) at each
   * percentile that could be estimated (`baseline.overheadMs` has the intervals and the reasons).
   */
  overheadMs?: Partial<Record<OverheadPercentile, number>>;
  /** Session workloads: per-session figures (each turn is also one of `requests`). */
  sessions?: SessionMetrics;
}

/** The percentiles a gateway's overhead is reported at. */
export type OverheadPercentile = 'p50' | 'p90' | 'p99';

/** One percentile of a gateway's overhead: gateway − direct (ms) with its interval, or why there is none. */
export type OverheadEstimate =
  | {
      kind: 'measured';
      /** The gateway run's percentile minus the direct run's (ms). */
      differenceMs: number;
      /** Bootstrap interval of the difference (ms), at `GatewayBaseline.confidence`. */
      lowMs: number;
      highMs: number;
      /** Two-sided p-value of "no overhead". */
      pValue: number;
      /** What the bootstrap had to account for, e.g. serial correlation (blocks). */
      note?: string;
    }
  | { kind: 'not-measured'; reason: string };

/**
 * A gateway run's direct twin (`gateway.baseline: direct`): the same workload and seed sent
 * straight to a fresh mock right after the gateway run, and the overhead computed from both.
 */
export interface GatewayBaseline {
  kind: 'direct';
  /** Confidence of the intervals, e.g. 0.95. */
  confidence: number;
  direct: {
    metrics: RunMetrics;
    samples: RunResult['samples'];
    valid: boolean;
    invalidReasons?: string[];
  };
  overheadMs: Record<OverheadPercentile, OverheadEstimate>;
}

/**
 * An open loop's schedule: arrivals drawn in advance (constant or Poisson), each started when its
 * drawn time comes, regardless of completions. Results files before `loop` was written are open loops.
 */
export interface OpenSchedule {
  loop?: 'open';
  /** The nominal arrival rate (`arrival.rate`), per second. */
  targetRatePerSec: number;
  /**
   * The rate of the drawn schedule over the run, per second: (measured requests − 1) / (last drawn
   * start − first drawn start). A Poisson draw of 400 requests at 40/s lands a few % off 40/s.
   */
  drawnRatePerSec?: number;
  /**
   * When `maxConcurrency` held requests back: the rate of the times they were free to start (drawn
   * time, or the moment the cap released them), per second; validity compares the offered rate to it.
   */
  readyRatePerSec?: number;
  /** Requests `maxConcurrency` held back past their drawn time; present when above 0. */
  heldStarts?: number;
  /** The offered rate: (measured requests − 1) / (last actual start − first actual start), per second. */
  achievedRatePerSec: number;
  /**
   * Start lag (ms): actual start − drawn start, or − the cap's release for a request `maxConcurrency`
   * held back. What the generator itself added; validity is judged on its p99.
   */
  dispatchLagMs: Summary;
  /** Requests that started more than 1 ms (simulated: any lag) late. */
  lateStarts: number;
}

/**
 * A closed loop's schedule (realtime only): each client meant to send its next request its think
 * time after the previous answer; it has no rate of its own, only the lag of its timers.
 */
export interface ClosedSchedule {
  loop: 'closed';
  /** The offered rate: (measured requests − 1) / (last actual start − first actual start), per second. */
  achievedRatePerSec: number;
  /** Start lag (ms): actual start − (previous answer + think time). */
  dispatchLagMs: Summary;
  /** Requests that started more than 1 ms late. */
  lateStarts: number;
}

export type Schedule = OpenSchedule | ClosedSchedule;

export interface ThresholdResult {
  source: string;
  strategy: string;
  cellId: string;
  metric: string;
  /**
   * Measured value, and the bound it was compared to (after a relative factor was applied). NaN
   * (null in JSON) when it could not be measured; `reason` then says why.
   */
  measured: number;
  bound: number;
  /** False when it failed, and when it was not evaluated. */
  passed: boolean;
  /**
   * True when the run (or the reference run) is not a valid measurement: the threshold was not
   * evaluated, so it neither passed nor failed; `reason` says why.
   */
  notEvaluated?: true;
  /**
   * True when the run it applies to (or its reference run) never started because the scenario was
   * interrupted: neither passed nor failed. Shown as `skipped (interrupted)`.
   */
  skipped?: true;
  /** Why a threshold failed without a comparison (metric not measured, missing reference run) or was not evaluated. */
  reason?: string;
}

/**
 * One window of a run's time series (docs/metrics.md, "Time series"). Window i covers
 * [i × windowMs, (i + 1) × windowMs) ms of the run's clock after the measured part began. Requests
 * are the measured logical requests; calls are upstream HTTP calls; each event counts in the
 * window of the instant it happened.
 */
export interface TimeSeriesWindow {
  /** Logical requests sent (actual start) in the window. */
  started: number;
  /** Logical requests that finished in the window: `ok` + `failed`. */
  completed: number;
  /**
   * Of those, the successful ones. Their latencies are the next `ok` entries of
   * `samples.latencyMs`: samples are kept window by window, so each window's are a contiguous slice.
   */
  ok: number;
  failed: number;
  /** The most logical requests in flight at any instant of the window (started, not finished). */
  inFlight: number;
  /** Upstream calls that ended in the window, and of those: HTTP 429, 529, other 5xx, and 200 streams that dropped. */
  calls: number;
  http429: number;
  http529: number;
  http5xx: number;
  streamDrops: number;
  /** Upstream calls in the window made for a request (or batch) that had already called: retries and stream restarts. */
  retries: number;
  /** Logical requests answered from the cache in the window (counted at completion). */
  cacheHits: number;
  /** Tokens the upstream calls that ended in the window were billed: uncached input, and output. */
  inputTokens: number;
  outputTokens: number;
  /** Nearest-rank p50 / p99 of the latency of the window's successful requests (ms); null when `ok` is 0. */
  latencyP50Ms: number | null;
  latencyP99Ms: number | null;
}

/**
 * A run's time series: fixed windows of the run's clock (virtual in simulated runs), at most 240
 * of them: a longer run merges neighbouring windows pairwise (the window doubles), which keeps
 * every total. Sums over the windows equal the run's metrics
 * (`started`, `completed` = requests.total, `ok`, `calls` = upstream.calls, `http429` = byStatus
 * 429, ...) except where docs/metrics.md says otherwise.
 */
export interface TimeSeries {
  /** Window length (ms). Realtime default 1000; simulated default sized to the run (≤ 120 windows of a readable length). */
  windowMs: number;
  /**
   * Where upstream calls were seen: `calls` (built-in strategies; user modules in simulated runs,
   * whose token counts are then what the module reported, at completion) or `none` (user modules
   * against a realtime target or worker: call, status, retry and token columns are 0, not measured).
   */
  upstream: 'calls' | 'none';
  /** The mock's configured rate limits per minute, to draw beside the windows' rates; absent when unlimited or not the mock. */
  limitsPerMin?: { requests?: number; inputTokens?: number; outputTokens?: number };
  windows: TimeSeriesWindow[];
}

export interface RunResult {
  strategy: string;
  cellId: string;
  /** Values of the swept parameters in this cell. */
  params: Record<string, string | number | boolean>;
  metrics: RunMetrics;
  /**
   * Raw samples (ms, successful requests, in completion order; a merged run's window by window,
   * shard by shard) so runs can be merged and tested later.
   */
  samples: { latencyMs: number[]; ttftMs?: number[] };
  /** The run over time; absent in files written before it existed. */
  timeSeries?: TimeSeries;
  /** False when the measurement itself is not trustworthy (e.g. the generator fell behind its arrival rate). */
  valid: boolean;
  invalidReasons?: string[];
  /** Set when something outside the client ended the run early (a gateway that stopped on its own): what, with its log's last lines. */
  failure?: string;
  /** With `gateway.baseline: direct`: the direct twin of this gateway run and the gateway's overhead. */
  baseline?: GatewayBaseline;
}

/** A run that never started (the scenario was interrupted before it). */
export interface SkippedRun {
  strategy: string;
  cellId: string;
  params: Record<string, string | number | boolean>;
}

/** One matrix cell's verdict (docs/metrics.md "Verdicts"). */
export interface CellVerdict {
  cellId: string;
  params: Record<string, string | number | boolean>;
  /**
   * `winner`: one strategy is best among those that meet the thresholds; `tie`: several are within
   * 1% on every criterion; `none-pass`: no strategy meets its thresholds (`best` ranks them anyway);
   * `no-valid-run`: no run in the cell is a valid measurement.
   */
  kind: 'winner' | 'tie' | 'none-pass' | 'no-valid-run';
  /** The best strategy (several for a tie or a tied `none-pass`, none for `no-valid-run`). */
  best: string[];
  /** The strategy it is compared to: the scenario's `baseline`, else the first. */
  baseline: string;
  /**
   * With a single best: its value and the baseline's for each objective metric, then p99 and cost,
   * and the change in % ((value − baseline) / baseline × 100; null when either is missing or the baseline 0).
   */
  vsBaseline: { metric: string; value: number | null; baseline: number | null; deltaPct: number | null }[];
  /** The line reports print, e.g. `concurrency=20, maxTokens=256: cached+batched: goodput +56.0%, p99 -45.0%, cost +8.00% vs direct`. */
  text: string;
}

/** The verdicts of a results file. */
export interface Verdicts {
  /** The ranking, in order: `thresholds` (meets every one), then metric paths, each higher or lower is better as usual. */
  objective: string[];
  cells: CellVerdict[];
  /** Where the winner changes across cells, in a sentence; empty with one cell. */
  summary: string;
}

export interface ResultsFile {
  schemaVersion: typeof RESULTS_SCHEMA_VERSION;
  tool: { name: 'claude-bench'; version: string };
  scenario: {
    name: string;
    file?: string;
    /** The resolved scenario, as run. */
    resolved: unknown;
  };
  seed: number;
  mode: 'simulated' | 'realtime';
  /** Run date: the only fields, with `environment`, that differ between two simulated runs. */
  startedAt: string;
  finishedAt: string;
  environment: {
    node: string;
    platform: string;
    arch: string;
    cpu: string;
    cores: number;
    memoryBytes: number;
  };
  /** True when the run was interrupted: `runs` holds what was measured so far. */
  partial: boolean;
  /** Set when the scenario stopped early because something failed (a gateway that did not start or stopped on its own): what, with its log's last lines. */
  failure?: string;
  runs: RunResult[];
  /**
   * Runs (strategy × cell) that never started because the scenario was interrupted, in the order
   * they would have run. Present only in partial results that skipped some.
   */
  skipped?: SkippedRun[];
  thresholds: ThresholdResult[];
  /** Which strategy wins each cell; absent in files written before it existed (reports then compute it). */
  verdicts?: Verdicts;
}
