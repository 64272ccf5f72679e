import type { OpenSchedule, RunMetrics, Schedule } from '../results/ResultsFile.ts';
import { summarize } from '../stats/summarize.ts';
import type { RequestTrace } from '../strategies/Policy.ts';
import type { Outcome } from '../transport/Transport.ts';
import type { BilledTokens } from './cost.ts';

/** A growable list of float samples: 8 bytes a sample, no per-sample objects. */
export class SampleList {
  #data = new Float64Array(1024);
  #length = 0;

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  get length(): number {
    return this.#length;
  }

  view(): Float64Array {
    return this.#data.subarray(0, this.#length);
  }
}

/** What the upstream API saw during the measured part of a run; its tokens are what the API billed. */
export interface UpstreamTotals extends BilledTokens {
  calls: number;
  byStatus: Record<string, number>;
  /** Upstream calls that were retries (calls − first attempts). */
  retries: number;
  /** User modules: attempts of the measured requests and where they were counted. */
  attempts?: RunMetrics['attempts'];
}

export interface FinishOptions {
  upstream: UpstreamTotals;
  /** USD for the given billed tokens (harness/runner/cost.ts). */
  cost: (tokens: BilledTokens) => number;
  /**
   * Which schedule to report (`metrics.schedule`): an open loop's, with its nominal rate per
   * second, or a closed loop's. Unset: none.
   */
  schedule?: { loop: 'open'; targetRatePerSec: number } | { loop: 'closed' };
}

/**
 * Accumulates one run's per-request results into the metrics of metrics.md. Counters are kept as
 * they come; only latency-like samples are stored (as floats), so memory is a few bytes a request.
 */
export class Recorder {
  readonly latencyMs = new SampleList();
  readonly ttftMs = new SampleList();
  readonly itlMs = new SampleList();
  readonly dispatchLagMs = new SampleList();
  #total = 0;
  #ok = 0;
  #interrupted = 0;
  readonly #byOutcome: Record<string, number> = {};
  #firstIntendedMs = Number.POSITIVE_INFINITY;
  #lastEndMs = Number.NEGATIVE_INFINITY;
  #lastIntendedMs = Number.NEGATIVE_INFINITY;
  #firstActualMs = Number.POSITIVE_INFINITY;
  #lastActualMs = Number.NEGATIVE_INFINITY;
  #firstReadyMs = Number.POSITIVE_INFINITY;
  #lastReadyMs = Number.NEGATIVE_INFINITY;
  #heldStarts = 0;
  #cacheHits = 0;
  #batched = 0;
  #batchShares = 0;
  #batchFallbacks = 0;
  #wastedOutput = 0;
  #okOutputTokens = 0;
  #goodCount = 0;
  #lateStarts = 0;
  readonly #lateThresholdMs: number;

  readonly slo: { latencyMs?: number; ttftMs?: number };

  /**
   * @param lateThresholdMs dispatch lag above which a start counts as late (0 simulated, 1 ms realtime).
   * @param slo service-level objectives (ms) for goodput; none given: no goodput figure.
   */
  constructor(lateThresholdMs = 0, slo: { latencyMs?: number; ttftMs?: number } = {}) {
    this.#lateThresholdMs = lateThresholdMs;
    this.slo = slo;
  }

  get total(): number {
    return this.#total;
  }

  get ok(): number {
    return this.#ok;
  }

  /** Measured requests cut short by an interrupt (Ctrl-C): neither successes nor failures. */
  get interrupted(): number {
    return this.#interrupted;
  }

  /**
   * Counts one measured request that was in flight when the run was interrupted and did not
   * succeed: it is not in `total`, not a failure, and has no latency (it was cut short, not slow).
   */
  recordInterrupted(): void {
    this.#interrupted++;
  }

  /**
   * Records one measured logical request. Times are on the run's clock (ms); `readyMs` is when the
   * generator was free to start it (default `intendedStartMs`; later when a concurrency cap held it).
   */
  record(
    intendedStartMs: number,
    actualStartMs: number,
    endMs: number,
    outcome: Outcome,
    trace: RequestTrace,
    readyMs = intendedStartMs,
  ): void {
    this.#total++;
    if (intendedStartMs < this.#firstIntendedMs) this.#firstIntendedMs = intendedStartMs;
    if (intendedStartMs > this.#lastIntendedMs) this.#lastIntendedMs = intendedStartMs;
    if (endMs > this.#lastEndMs) this.#lastEndMs = endMs;
    if (actualStartMs < this.#firstActualMs) this.#firstActualMs = actualStartMs;
    if (actualStartMs > this.#lastActualMs) this.#lastActualMs = actualStartMs;
    if (readyMs < this.#firstReadyMs) this.#firstReadyMs = readyMs;
    if (readyMs > this.#lastReadyMs) this.#lastReadyMs = readyMs;
    if (readyMs > intendedStartMs) this.#heldStarts++;
    const lag = actualStartMs - readyMs;
    this.dispatchLagMs.push(lag);
    if (lag > this.#lateThresholdMs) this.#lateStarts++;
    if (trace.cacheHit) this.#cacheHits++;
    if (trace.batchSize !== undefined) {
      this.#batched++;
      this.#batchShares += 1 / trace.batchSize;
    }
    if (trace.batchFallback) this.#batchFallbacks++;
    this.#wastedOutput += trace.wastedOutputTokens;
    if (outcome.kind !== 'ok') {
      this.#byOutcome[outcome.kind] = (this.#byOutcome[outcome.kind] ?? 0) + 1;
      return;
    }
    this.#ok++;
    const latency = endMs - intendedStartMs;
    this.latencyMs.push(latency);
    const outputTokens = outcome.usage.outputTokens;
    this.#okOutputTokens += outputTokens;
    const firstTokenAtMs = outcome.firstTokenAtMs ?? trace.firstTokenAtMs;
    let ttft: number | undefined;
    if (firstTokenAtMs !== undefined) {
      ttft = firstTokenAtMs - intendedStartMs;
      this.ttftMs.push(ttft);
      if (outputTokens > 1) this.itlMs.push((latency - ttft) / (outputTokens - 1));
    }
    const meetsLatency = this.slo.latencyMs === undefined || latency <= this.slo.latencyMs;
    const meetsTtft = this.slo.ttftMs === undefined || (ttft !== undefined && ttft <= this.slo.ttftMs);
    if (meetsLatency && meetsTtft) this.#goodCount++;
  }

  /** The run's metrics, given what the upstream API saw and the price table. */
  finish(options: FinishOptions): RunMetrics {
    const windowMs = this.#total === 0 ? 0 : Math.max(0, this.#lastEndMs - this.#firstIntendedMs);
    const perSec = (count: number): number => (windowMs > 0 ? (count * 1000) / windowMs : 0);
    const requestsPerSec = perSec(this.#ok);
    const { upstream } = options;
    const metrics: RunMetrics = {
      requests: {
        total: this.#total,
        ok: this.#ok,
        failed: this.#total - this.#ok,
        byOutcome: sortKeys(this.#byOutcome),
        ...(this.#interrupted > 0 ? { interrupted: this.#interrupted } : {}),
      },
      throughput: {
        requestsPerSec,
        requestsPerMin: requestsPerSec * 60,
        outputTokensPerSec: perSec(this.#okOutputTokens),
      },
      errorRate: this.#total > 0 ? (this.#total - this.#ok) / this.#total : 0,
      upstream: { calls: upstream.calls, byStatus: sortKeys(upstream.byStatus) },
      retries: upstream.retries,
      ...(upstream.attempts !== undefined ? { attempts: upstream.attempts } : {}),
      cache: { hits: this.#cacheHits, hitRate: this.#total > 0 ? this.#cacheHits / this.#total : 0 },
      tokens: {
        input: upstream.inputTokens,
        output: upstream.outputTokens,
        wastedOutput: this.#wastedOutput,
      },
      costUsd: options.cost(upstream),
      windowMs,
    };
    // A failed request has no latency: with no success there is no latency to summarise, not 0 ms.
    if (this.latencyMs.length > 0) metrics.latencyMs = summarize(this.latencyMs.view());
    // Only when the prompt cache was used, so runs without cache_control report as before.
    if (upstream.cacheReadTokens > 0) metrics.tokens.cacheRead = upstream.cacheReadTokens;
    if (upstream.cacheWriteTokens > 0) metrics.tokens.cacheWrite = upstream.cacheWriteTokens;
    if (this.ttftMs.length > 0) metrics.ttftMs = summarize(this.ttftMs.view());
    if (this.itlMs.length > 0) metrics.itlMs = summarize(this.itlMs.view());
    if (this.#batched > 0) {
      metrics.batch = {
        batches: Math.round(this.#batchShares),
        meanSize: this.#batched / this.#batchShares,
        splitFailures: this.#batchFallbacks,
      };
    }
    if (this.slo.latencyMs !== undefined || this.slo.ttftMs !== undefined) {
      metrics.goodput = {
        requests: this.#goodCount,
        ratio: this.#total > 0 ? this.#goodCount / this.#total : 0,
        requestsPerSec: perSec(this.#goodCount),
        requestsPerMin: perSec(this.#goodCount) * 60,
      };
    }
    if (options.schedule !== undefined) metrics.schedule = this.#schedule(options.schedule);
    return metrics;
  }

  #schedule(loop: NonNullable<FinishOptions['schedule']>): Schedule {
    const rate = (firstMs: number, lastMs: number): number =>
      lastMs > firstMs ? ((this.#total - 1) * 1000) / (lastMs - firstMs) : 0;
    const common = {
      achievedRatePerSec: rate(this.#firstActualMs, this.#lastActualMs),
      dispatchLagMs: summarize(this.dispatchLagMs.view()),
      lateStarts: this.#lateStarts,
    };
    if (loop.loop === 'closed') return { loop: 'closed', ...common };
    const schedule: OpenSchedule = {
      loop: 'open',
      targetRatePerSec: loop.targetRatePerSec,
      drawnRatePerSec: rate(this.#firstIntendedMs, this.#lastIntendedMs),
      ...common,
    };
    if (this.#heldStarts > 0) {
      schedule.heldStarts = this.#heldStarts;
      schedule.readyRatePerSec = rate(this.#firstReadyMs, this.#lastReadyMs);
    }
    return schedule;
  }
}

function sortKeys(record: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(record).sort()) out[key] = record[key] as number;
  return out;
}
