import type { RunnerEvent } from '../runner/runScenario.ts';

/** The window over which {@link ProgressTracker} measures the current rate: the last 5 s of wall time. */
export const RATE_WINDOW_MS = 5000;

/** Where the scenario stands at one wall-clock instant: what a progress line shows. */
export interface ProgressSnapshot {
  mode: 'simulated' | 'realtime';
  /** 1-based number of the run under way, of `runs`. */
  run: number;
  runs: number;
  strategy: string;
  cellId: string;
  /** Measured requests finished, and of those failed. */
  done: number;
  failed: number;
  /** Measured requests in total, for a request-count workload. */
  total?: number;
  /** Measured duration (clock ms), for a duration workload. */
  durationMs?: number;
  /** Ms on the run's clock since measuring began (simulated time in a simulated run). */
  clockMs: number;
  warmingUp: boolean;
  /** Wall ms since the run began. */
  elapsedMs: number;
  /** Share of the run done, 0..1: requests of the total, or clock time of the duration. */
  fraction: number;
  /** Wall ms the run still needs, extrapolated from its pace so far; undefined before anything is measured. */
  etaMs: number | undefined;
  /**
   * Requests finished per second of the run's clock since the previous snapshot at least
   * {@link RATE_WINDOW_MS} of wall time old (or since measuring began, for the first snapshot);
   * undefined before any clock time passed.
   */
  ratePerSec: number | undefined;
  /** failed / done, undefined while nothing is done. */
  errorRate: number | undefined;
}

interface Sample {
  wallMs: number;
  clockMs: number;
  done: number;
}

/** The run under way: its `run-start` event, when it started, and its rate samples. */
type CurrentRun = Omit<Extract<RunnerEvent, { type: 'run-start' }>, 'type'> & {
  startWallMs: number;
  samples: Sample[];
};

/**
 * Follows the runner's events and answers "where are we now?" at any wall time, reading the run's
 * live counters: the one model behind both the terminal bar and the CI log line, so neither depends
 * on how often requests finish. `now` is wall-clock ms (tests pass a fake).
 */
export class ProgressTracker {
  readonly #now: () => number;
  #mode: ProgressSnapshot['mode'] = 'simulated';
  #runs = 0;
  #current: CurrentRun | undefined;

  constructor(now: () => number) {
    this.#now = now;
  }

  on(event: RunnerEvent): void {
    switch (event.type) {
      case 'scenario-start':
        this.#runs = event.runs;
        this.#mode = event.mode;
        break;
      case 'run-start': {
        const { type: _type, ...started } = event;
        this.#current = { ...started, startWallMs: this.#now(), samples: [] };
        break;
      }
      case 'run-end':
      case 'scenario-end':
        this.#current = undefined;
        break;
      default:
        break;
    }
  }

  /** Whether a run is under way (between its run-start and run-end). */
  get running(): boolean {
    return this.#current !== undefined;
  }

  /** The snapshot at this instant, or undefined between runs. Each call is one rate sample. */
  snapshot(): ProgressSnapshot | undefined {
    const current = this.#current;
    if (current === undefined) return undefined;
    const wallMs = this.#now();
    const { done, failed, clockMs, warmingUp } = current.live.snapshot();
    const samples = current.samples;
    samples.push({ wallMs, clockMs, done });
    // The oldest sample kept is the newest one at least a window old: the rate spans >= 5 s once it can.
    while (samples.length > 1 && (samples[1] as Sample).wallMs <= wallMs - RATE_WINDOW_MS) samples.shift();
    const from = samples.length > 1 ? (samples[0] as Sample) : { clockMs: 0, done: 0 };
    const spanMs = clockMs - from.clockMs;
    const ratePerSec = spanMs > 0 ? ((done - from.done) * 1000) / spanMs : undefined;

    let fraction: number;
    if (current.total !== undefined) fraction = current.total > 0 ? done / current.total : 1;
    else if (current.durationMs !== undefined)
      fraction = current.durationMs > 0 ? Math.min(1, clockMs / current.durationMs) : 1;
    else fraction = 0;
    const elapsedMs = wallMs - current.startWallMs;
    // Realtime: the run's clock is wall time and its pace is set by the schedule, so extrapolate
    // the measured part alone (a warm-up is over by then). Simulated: extrapolate wall time itself.
    const paceMs = this.#mode === 'realtime' ? clockMs : elapsedMs;
    const etaMs =
      fraction >= 1 ? 0 : fraction > 0 && !warmingUp ? (paceMs * (1 - fraction)) / fraction : undefined;

    const snapshot: ProgressSnapshot = {
      mode: this.#mode,
      run: current.run + 1,
      runs: this.#runs,
      strategy: current.strategy,
      cellId: current.cellId,
      done,
      failed,
      clockMs,
      warmingUp,
      elapsedMs,
      fraction,
      etaMs,
      ratePerSec,
      errorRate: done > 0 ? failed / done : undefined,
    };
    if (current.total !== undefined) snapshot.total = current.total;
    if (current.durationMs !== undefined) snapshot.durationMs = current.durationMs;
    return snapshot;
  }
}
