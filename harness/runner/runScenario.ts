import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../../base/clock/Clock.ts';
import { RealClock, type RealClockOptions } from '../../base/clock/RealClock.ts';
import type { RequestRow } from '../export/RequestExport.ts';
import { gatewayOverhead, overheadMetrics } from '../gateway/gatewayOverhead.ts';
import { type GatewayUpstream, startGatewayUpstream } from '../gateway/gatewayUpstream.ts';
import { GatewayError } from '../gateway/startGateway.ts';
import {
  RESULTS_SCHEMA_VERSION,
  type ResultsFile,
  type RunResult,
  type SkippedRun,
} from '../results/ResultsFile.ts';
import { expandMatrix } from '../scenario/expandMatrix.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import { evaluateThresholds } from '../thresholds/evaluateThresholds.ts';
import { alignWindows } from '../timeSeries/windows.ts';
import { decideVerdicts } from '../verdict/decideVerdicts.ts';
import { describeEnvironment, toolVersion } from './environment.ts';
import { LiveRun } from './LiveRun.ts';
import { type RunProgress, runStrategy } from './runStrategy.ts';

/** What the runner reports as it goes; it never prints (house style rule 7). */
export type RunnerEvent =
  | {
      type: 'scenario-start';
      cells: number;
      strategies: number;
      runs: number;
      /** Whether the runs' clock is virtual (`simulated`) or real (`realtime`). */
      mode: ResolvedScenario['mode'];
    }
  | {
      type: 'run-start';
      run: number;
      strategy: string;
      cellId: string;
      /** Measured requests, when the workload is a request count. */
      total?: number;
      /** Measured duration (clock ms), when the workload is a duration. */
      durationMs?: number;
      /** The run's counters at any instant, for a display that redraws by time. */
      live: LiveRun;
    }
  | ({ type: 'progress'; run: number } & RunProgress)
  | { type: 'run-end'; run: number; result: RunResult; wallMs: number }
  | { type: 'scenario-end'; partial: boolean };

export interface RunScenarioOptions {
  /** Stops the run; the results then hold what was measured so far and are marked partial. */
  signal?: AbortSignal;
  onEvent?: (event: RunnerEvent) => void;
  /** Wall clock for the results' dates (the only non-deterministic fields). Default `() => new Date()`. */
  wallClock?: () => Date;
  /** Realtime runs: the settings of the RealClock of the runner and of the local mock. Default: precise timers. */
  realClock?: RealClockOptions;
  /** Clock the realtime `cooldown:` between runs sleeps on. Default: a RealClock. */
  cooldownClock?: Pick<Clock, 'sleep'>;
  /** Folder for files beside the results (gateway logs). Default: a new folder under the OS's temp dir. */
  artifactsDir?: string;
  /** Gets a row for every measured request as it finishes (`--export`). */
  onRequest?: (row: RequestRow) => void;
}

/**
 * Runs every strategy in every matrix cell, each on a fresh mock with the scenario's seed, and
 * returns the results file's content (thresholds evaluated).
 */
export async function runScenario(
  scenario: ResolvedScenario,
  options: RunScenarioOptions = {},
): Promise<ResultsFile> {
  const wallClock = options.wallClock ?? (() => new Date());
  const emit = options.onEvent ?? (() => {});
  const startedAt = wallClock().toISOString();
  const cells = expandMatrix(scenario);
  const runs: RunResult[] = [];
  emit({
    type: 'scenario-start',
    cells: cells.length,
    strategies: scenario.strategies.length,
    runs: cells.length * scenario.strategies.length * (scenario.gateway?.baseline === 'direct' ? 2 : 1),
    mode: scenario.mode,
  });
  let partial = false;
  let failure: string | undefined;
  let run = 0;
  const skipped: SkippedRun[] = [];
  let cooldownClock: Pick<Clock, 'sleep'> | undefined;
  const artifactsDir =
    options.artifactsDir ??
    (scenario.gateway !== undefined ? mkdtempSync(join(tmpdir(), 'claude-bench-')) : '');
  const logFile = (name: string): string => join(artifactsDir, 'gateway-logs', `${slugName(name)}.log`);
  let shared: GatewayUpstream | undefined;
  try {
    outer: for (const cell of cells) {
      for (const strategy of scenario.strategies) {
        const cooldownMs = scenario.cooldownMs ?? 0;
        if (run > 0 && scenario.mode === 'realtime' && cooldownMs > 0 && !options.signal?.aborted) {
          cooldownClock ??= options.cooldownClock ?? new RealClock(options.realClock);
          // An interrupt ends the wait; the check below then stops the scenario.
          await cooldownClock.sleep(cooldownMs, options.signal).catch(() => {});
        }
        if (options.signal?.aborted) {
          partial = true;
          skipped.push({ strategy: strategy.name, cellId: cell.id, params: cell.params });
          continue;
        }
        const wallStart = performance.now();
        const { requests: total, durationMs } = cell.workload;
        const live = new LiveRun();
        emit({
          type: 'run-start',
          run,
          strategy: strategy.name,
          cellId: cell.id,
          ...(total !== undefined ? { total } : {}),
          ...(durationMs !== undefined ? { durationMs } : {}),
          live,
        });
        const current = run;
        const runOptions: Parameters<typeof runStrategy>[0] = {
          scenario,
          cell,
          strategy,
          live,
          onProgress: (progress) => emit({ type: 'progress', run: current, ...progress }),
        };
        if (options.signal !== undefined) runOptions.signal = options.signal;
        if (options.realClock !== undefined) runOptions.realClock = options.realClock;
        if (options.onRequest !== undefined) runOptions.onRequest = options.onRequest;
        let result: RunResult;
        try {
          if (scenario.mode === 'realtime' && scenario.gateway !== undefined) {
            if (scenario.gateway.restart === 'scenario') {
              shared ??= await startGatewayUpstream(
                { ...scenario, gateway: scenario.gateway },
                logFile('scenario'),
                options.realClock,
              );
              runOptions.gateway = { shared };
            } else {
              runOptions.gateway = { logFile: logFile(`run-${runs.length + 1}-${strategy.name}-${cell.id}`) };
            }
          }
          result = await runStrategy(runOptions);
        } catch (error) {
          if (!(error instanceof GatewayError)) throw error;
          failure = error.message;
          partial = true;
          break outer;
        }
        if (options.signal?.aborted) {
          partial = true;
          result.valid = false;
          result.invalidReasons = [...(result.invalidReasons ?? []), interruptedReason(result, total)];
        }
        runs.push(result);
        emit({ type: 'run-end', run, result, wallMs: performance.now() - wallStart });
        run++;
        if (result.failure !== undefined) {
          failure = result.failure;
          partial = true;
        }
        if (failure !== undefined) break outer;
        if (scenario.gateway?.baseline === 'direct' && !options.signal?.aborted) {
          // The direct twin: the same workload and seed straight at a fresh mock, the gateway's
          // overhead is the difference.
          if (cooldownMs > 0) {
            cooldownClock ??= options.cooldownClock ?? new RealClock(options.realClock);
            await cooldownClock.sleep(cooldownMs, options.signal).catch(() => {});
          }
          const { gateway: _, ...direct } = scenario;
          const twinLive = new LiveRun();
          const twinStart = performance.now();
          const twinRun = run;
          const label = `${strategy.name} (no gateway)`;
          emit({
            type: 'run-start',
            run: twinRun,
            strategy: label,
            cellId: cell.id,
            ...(total !== undefined ? { total } : {}),
            ...(durationMs !== undefined ? { durationMs } : {}),
            live: twinLive,
          });
          const twinOptions: Parameters<typeof runStrategy>[0] = {
            ...runOptions,
            scenario: direct,
            live: twinLive,
            onProgress: (progress) => emit({ type: 'progress', run: twinRun, ...progress }),
          };
          delete twinOptions.gateway;
          delete twinOptions.onRequest;
          const twin = await runStrategy(twinOptions);
          if (options.signal?.aborted) {
            partial = true;
            twin.valid = false;
            twin.invalidReasons = [...(twin.invalidReasons ?? []), interruptedReason(twin, total)];
          }
          emit({ type: 'run-end', run: twinRun, result: twin, wallMs: performance.now() - twinStart });
          run++;
          result.baseline = gatewayOverhead(result, twin, { seed: scenario.seed });
          const overheadMs = overheadMetrics(result.baseline);
          if (Object.keys(overheadMs).length > 0) result.metrics.overheadMs = overheadMs;
        }
      }
    }
  } finally {
    await shared?.close();
  }
  // The strategies of a cell share one window, so their series can be drawn over each other.
  for (const cell of cells) alignWindows(runs.filter((r) => r.cellId === cell.id));
  emit({ type: 'scenario-end', partial });
  const scenarioInfo: ResultsFile['scenario'] = { name: scenario.name, resolved: scenario };
  if (scenario.file !== undefined) scenarioInfo.file = scenario.file;
  const results: ResultsFile = {
    schemaVersion: RESULTS_SCHEMA_VERSION,
    tool: { name: 'claude-bench', version: toolVersion() },
    scenario: scenarioInfo,
    seed: scenario.seed,
    mode: scenario.mode,
    startedAt,
    finishedAt: wallClock().toISOString(),
    environment: describeEnvironment(),
    partial,
    ...(failure !== undefined ? { failure } : {}),
    runs,
    ...(skipped.length > 0 ? { skipped } : {}),
    thresholds: evaluateThresholds(scenario.thresholds, runs, skipped),
  };
  results.verdicts = decideVerdicts(results);
  return results;
}

/** Why an interrupted run is incomplete: how far it got, and what was in flight. */
function interruptedReason(result: RunResult, total: number | undefined): string {
  const { requests } = result.metrics;
  const measured = `${requests.total}${total === undefined ? '' : ` of ${total}`} requests measured`;
  const inFlight = requests.interrupted ?? 0;
  return `interrupted: ${measured}${inFlight > 0 ? `, ${inFlight} in flight not counted` : ''}`;
}

/** A file name from a run's name: lower-case letters, digits, `=`, `.` and `-`. */
function slugName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9=.]+/g, '-')
    .replace(/^-|-$/g, '');
}
