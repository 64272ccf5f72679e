import { setMaxListeners } from 'node:events';
import type { Clock } from '../../base/clock/Clock.ts';
import { RealClock, type RealClockOptions } from '../../base/clock/RealClock.ts';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { InputError } from '../../base/errors.ts';
import { Random } from '../../base/random/Random.ts';
import type { RequestRow } from '../export/RequestExport.ts';
import type { RunResult } from '../results/ResultsFile.ts';
import type { MatrixCell, Price, ResolvedScenario } from '../scenario/types.ts';
import { runSessions } from '../sessions/runSessions.ts';
import { SessionRecorder } from '../sessions/SessionRecorder.ts';
import type { StrategySpec } from '../strategies/options.ts';
import { newTrace, type RequestTrace } from '../strategies/Policy.ts';
import { type TimeSeriesOptions, TimeSeriesRecorder } from '../timeSeries/TimeSeriesRecorder.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { judgeValidity } from '../validity/judgeValidity.ts';
import { costUsd } from './cost.ts';
import { type Dispatch, driveWorkload } from './driveWorkload.ts';
import type { LiveRun } from './LiveRun.ts';
import { PromptPool, sharedSystemPrompt } from './PromptPool.ts';
import { Recorder, type UpstreamTotals } from './Recorder.ts';
import { connectUpstream, type Upstream } from './Upstream.ts';

/** Measured requests between two progress reports: often enough for a bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 256;

/**
 * Progress of one run, for the CLI's progress bar: by request count when the workload is a request
 * count, by the runner's clock (virtual in simulated mode, real in realtime) when it is a duration.
 */
export type RunProgress =
  | {
      /** Measured requests finished so far. */
      done: number;
      /** Measured requests in total (`workload.requests`). */
      total: number;
    }
  | {
      /** Measured requests finished so far. */
      done: number;
      /**
       * Clock ms since the measured part of the workload began (warm-up time left out), at most
       * `durationMs`: requests started before the end still finish after it.
       */
      elapsedMs: number;
      /** The workload's measured duration (`workload.durationMs`). */
      durationMs: number;
    };

export interface RunStrategyOptions {
  scenario: ResolvedScenario;
  cell: MatrixCell;
  strategy: StrategySpec;
  /** Aborts the run: what was measured so far is kept. */
  signal?: AbortSignal;
  /**
   * Called every {@link PROGRESS_EVERY} measured requests, and at the last one: the request count's
   * last, or once more when a duration-bound workload has ended.
   */
  onProgress?: (progress: RunProgress) => void;
  /** Gets the run's live counters attached, for a progress display that polls by time. */
  live?: LiveRun;
  /** Realtime runs: the settings of the runner's and the local mock's RealClock. Default: precise timers. */
  realClock?: RealClockOptions;
  /** With `scenario.gateway`: the shared gateway, or the log file for this run's own. */
  gateway?: Parameters<typeof connectUpstream>[0]['gateway'];
  /** Gets a row for every measured request as it finishes (`--export`). */
  onRequest?: (row: RequestRow) => void;
}

/** One logical request through the strategy: resolves with its outcome, never rejects. */
export type Call = (request: ApiRequest, trace: RequestTrace, signal: AbortSignal) => Promise<Outcome>;

/**
 * Runs one strategy in one matrix cell on a fresh mock with the scenario's seed, and returns its
 * metrics and raw samples. Simulated runs take virtual time on their own VirtualClock; realtime runs
 * take real time over HTTP.
 */
export async function runStrategy(options: RunStrategyOptions): Promise<RunResult> {
  const { scenario, cell, strategy } = options;
  const simulated = scenario.mode === 'simulated';
  const clock: Clock = simulated ? new VirtualClock() : new RealClock(options.realClock);
  const random = new Random(scenario.seed);
  const workload = cell.workload;
  const pool = new PromptPool(workload.prompts, random.fork('prompts'));
  const pickRandom = random.fork('requests');
  const sharedSystem =
    workload.systemTokens === undefined ? undefined : sharedSystemPrompt(workload.systemTokens);
  const recorder = new Recorder(simulated ? 0 : 1, scenario.slo ?? {});
  const series = new TimeSeriesRecorder(timeSeriesOptions(scenario, strategy));
  let requestRow: ReturnType<typeof requestRowOf> | undefined;
  const controller = new AbortController();
  // Every pending sleep listens on this signal: thousands at once is expected, not a leak.
  setMaxListeners(0, controller.signal);
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  const connect: Parameters<typeof connectUpstream>[0] = { scenario, strategy, clock, random, series };
  if (options.realClock !== undefined) connect.realClock = options.realClock;
  if (options.gateway !== undefined) connect.gateway = options.gateway;
  const upstream: Upstream = await connectUpstream(connect);
  // A gateway that stops on its own ends the run: what follows would measure connection errors.
  let failure: string | undefined;
  upstream.onGatewayExit?.((reason) => {
    failure = reason;
    controller.abort(new Error(reason));
  });
  let totals: UpstreamTotals;
  let sessionRecorder: SessionRecorder | undefined;
  try {
    let measuring = false;
    const total = workload.requests;
    const durationMs = workload.durationMs ?? 0;
    // driveWorkload counts the duration from its start plus warmupMs; it starts synchronously below.
    const measuredFromMs = clock.now() + workload.warmupMs;
    const progress = (done: number): RunProgress =>
      total !== undefined
        ? { done, total }
        : { done, elapsedMs: Math.min(durationMs, Math.max(0, clock.now() - measuredFromMs)), durationMs };
    options.live?.attach(() => {
      const sinceMs = clock.now() - measuredFromMs;
      return {
        done: recorder.total,
        failed: recorder.total - recorder.ok,
        clockMs: Math.max(0, sinceMs),
        warmingUp: sinceMs < 0,
      };
    });
    const execute = async (dispatch: Dispatch): Promise<void> => {
      if (!dispatch.warmup && !measuring) {
        measuring = true;
        upstream.startMeasuring();
        // Window 0 starts where the measured part does: after a warm-up time, or now after a count.
        series.begin(workload.warmupRequests > 0 ? clock.now() : measuredFromMs);
        requestRow = requestRowOf(series.originMs, scenario.prices[workload.model]);
      }
      if (!dispatch.warmup) series.started(dispatch.actualStartMs);
      const prompt = pool.next(pickRandom);
      const request: ApiRequest = {
        model: workload.model,
        maxTokens: prompt.maxTokens ?? workload.maxTokens,
        messages: prompt.messages,
        stream: workload.stream,
      };
      const system = prompt.system ?? workload.system ?? sharedSystem;
      if (system !== undefined) request.system = system;
      if (workload.temperature !== undefined) request.temperature = workload.temperature;
      const trace = newTrace();
      const outcome = await upstream.call(request, trace, controller.signal);
      if (dispatch.warmup) return;
      // Cut short by Ctrl-C, not failed: it has no outcome of its own to count.
      if (controller.signal.aborted && outcome.kind !== 'ok') {
        recorder.recordInterrupted();
        series.abandoned();
        return;
      }
      series.completed(clock.now(), outcome.kind === 'ok', trace.cacheHit);
      if (options.onRequest !== undefined && requestRow !== undefined) {
        options.onRequest(
          requestRow(strategy.name, cell.id, recorder.total, dispatch, clock.now(), outcome, trace),
        );
      }
      recorder.record(
        dispatch.intendedStartMs,
        dispatch.actualStartMs,
        clock.now(),
        outcome,
        trace,
        dispatch.readyMs,
      );
      upstream.noteTrace(trace);
      const done = recorder.total;
      if (options.onProgress !== undefined && (done % PROGRESS_EVERY === 0 || done === total)) {
        options.onProgress(progress(done));
      }
    };
    let work: Promise<void>;
    if (workload.sessions !== undefined) {
      const recordSessions = new SessionRecorder(
        (tokens) => costUsd(priceOf(scenario, workload.model), tokens),
        scenario.slo?.sessionMs,
      );
      sessionRecorder = recordSessions;
      const sessionTotal = workload.sessions.count;
      const runOptions: Parameters<typeof runSessions>[0] = {
        workload,
        clock,
        random,
        upstream,
        recorder,
        sessionRecorder: recordSessions,
        signal: controller.signal,
        onSessionEnd: (ended) => {
          if (options.onProgress === undefined) return;
          if (sessionTotal !== undefined) options.onProgress({ done: ended, total: sessionTotal });
          else options.onProgress(progress(ended));
        },
      };
      const system = workload.system ?? sharedSystem;
      if (system !== undefined) runOptions.system = system;
      work = runSessions(runOptions);
    } else {
      work = driveWorkload(workload, clock, random.fork('workload'), execute, controller.signal);
    }
    if (clock instanceof VirtualClock) await clock.run(work);
    else await work;
    // A duration's last request is not known in advance: report where the workload ended.
    if (total === undefined && workload.sessions === undefined)
      options.onProgress?.(progress(recorder.total));
    totals = await upstream.totals();
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await upstream.close();
  }

  const price = priceOf(scenario, workload.model);
  const finishOptions: Parameters<Recorder['finish']>[0] = {
    upstream: totals,
    cost: (tokens) => costUsd(price, tokens),
  };
  if (workload.sessions !== undefined) {
    // Sessions start on their own schedule: the request schedule does not apply.
  } else if (workload.arrival.type === 'open') {
    finishOptions.schedule = { loop: 'open', targetRatePerSec: workload.arrival.ratePerSec };
  } else if (!simulated) {
    // A simulated closed loop starts every request at its time exactly: its lag would be all zeros.
    finishOptions.schedule = { loop: 'closed' };
  }
  const metrics = recorder.finish(finishOptions);
  if (sessionRecorder !== undefined) metrics.sessions = sessionRecorder.finish();

  const latencyMs = roundSamples(recorder.latencyMs.view());
  const result: RunResult = {
    strategy: strategy.name,
    cellId: cell.id,
    params: cell.params,
    metrics,
    samples: { latencyMs },
    timeSeries: series.finish(latencyMs),
    valid: true,
  };
  if (recorder.ttftMs.length > 0) result.samples.ttftMs = roundSamples(recorder.ttftMs.view());
  const reasons = judgeValidity({ mode: scenario.mode, metrics }, scenario.validity);
  if (failure !== undefined) {
    reasons.unshift(failure.split('\n')[0] as string);
    result.failure = failure;
  }
  if (reasons.length > 0) {
    result.valid = false;
    result.invalidReasons = reasons;
  }
  return result;
}

/**
 * The export row of one measured request (`index`: 0-based, in completion order). Times are relative
 * to the time series' origin, rounded to a microsecond like the samples.
 */
function requestRowOf(
  origin: number,
  price: Price | undefined,
): (
  strategy: string,
  cell: string,
  index: number,
  dispatch: Dispatch,
  endMs: number,
  outcome: Outcome,
  trace: RequestTrace,
) => RequestRow {
  const us = (ms: number): number => Math.round(ms * 1000) / 1000;
  return (strategy, cell, index, dispatch, endMs, outcome, trace) => {
    const usage = outcome.usage;
    const firstTokenAtMs = outcome.firstTokenAtMs ?? trace.firstTokenAtMs;
    const tokens = {
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cacheReadTokens: usage?.cacheReadTokens ?? 0,
      cacheWriteTokens: usage?.cacheWriteTokens ?? 0,
      cacheWrite1hTokens: usage?.cacheWrite1hTokens ?? 0,
    };
    return {
      strategy,
      cell,
      request: index,
      intendedStartMs: us(dispatch.intendedStartMs - origin),
      actualStartMs: us(dispatch.actualStartMs - origin),
      ttftMs: firstTokenAtMs === undefined ? null : us(firstTokenAtMs - dispatch.intendedStartMs),
      endMs: us(endMs - origin),
      latencyMs: us(endMs - dispatch.intendedStartMs),
      outcome: outcome.kind,
      status: outcome.kind === 'ok' ? 200 : (outcome.status ?? null),
      attempts: us(trace.attempts),
      cacheHit: trace.cacheHit,
      inputTokens: tokens.inputTokens,
      outputTokens: tokens.outputTokens,
      costUsd: price === undefined ? 0 : costUsd(price, tokens),
    };
  };
}

/** The time series' settings of a run: its window, what upstream calls are seen, the mock's limits. */
function timeSeriesOptions(scenario: ResolvedScenario, strategy: StrategySpec): TimeSeriesOptions {
  const options: TimeSeriesOptions = {
    mode: scenario.mode,
    // A user module's calls are seen only through the in-process mock (simulated runs).
    upstream: strategy.kind === 'policies' || scenario.mode === 'simulated' ? 'calls' : 'none',
  };
  if (scenario.timeSeries?.windowMs !== undefined) options.windowMs = scenario.timeSeries.windowMs;
  const limits =
    scenario.mode === 'realtime' && scenario.target !== undefined ? undefined : scenario.mock.rateLimits;
  if (limits !== undefined) {
    const perMin: NonNullable<TimeSeriesOptions['limitsPerMin']> = {};
    if (limits.requests !== undefined) perMin.requests = perMinute(limits.requests);
    if (limits.inputTokens !== undefined) perMin.inputTokens = perMinute(limits.inputTokens);
    if (limits.outputTokens !== undefined) perMin.outputTokens = perMinute(limits.outputTokens);
    if (Object.keys(perMin).length > 0) options.limitsPerMin = perMin;
  }
  return options;
}

/** A per-second rate per minute, rid of float dust (50/min is stored as 50/60 a second). */
function perMinute(perSec: number): number {
  return Math.round(perSec * 60 * 1e6) / 1e6;
}

/** The model's price; a model without one is the user's input error. */
function priceOf(scenario: ResolvedScenario, model: string): Price {
  const price = scenario.prices[model];
  if (price === undefined) {
    throw new InputError([
      {
        path: 'prices',
        message: `no price for model "${model}"; add it under prices: { ${model}: { input, output } }`,
      },
    ]);
  }
  return price;
}

/** Samples rounded to a microsecond: exact enough, and a third of the size in JSON. */
function roundSamples(samples: Float64Array): number[] {
  const out = new Array<number>(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.round((samples[i] as number) * 1000) / 1000;
  return out;
}
