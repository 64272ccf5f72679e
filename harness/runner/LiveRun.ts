/** Where the run under way stands at this instant: counters the runner keeps anyway, read on demand. */
export interface RunSnapshot {
  /** Measured requests finished so far (warm-up left out). */
  done: number;
  /** Of those, the ones whose outcome was a failure (any kind but `ok`). */
  failed: number;
  /**
   * Ms on the run's clock (virtual in simulated mode, real in realtime) since the measured part of
   * the workload began; 0 during warm-up.
   */
  clockMs: number;
  /** True while the workload's warm-up is still going (nothing is measured yet). */
  warmingUp: boolean;
}

const NOT_STARTED: RunSnapshot = { done: 0, failed: 0, clockMs: 0, warmingUp: false };

/**
 * A read-only window onto one run, for progress displays that redraw on their own timer (every
 * second, however rarely requests finish) instead of waiting for the runner's progress events.
 * The runner attaches its counters when the run begins; until then the snapshot is all zeros.
 */
export class LiveRun {
  #source: (() => RunSnapshot) | undefined;

  /** Called once by the runner with a function that reads its counters (cheap: no allocation but the result). */
  attach(source: () => RunSnapshot): void {
    this.#source = source;
  }

  snapshot(): RunSnapshot {
    return this.#source?.() ?? NOT_STARTED;
  }
}
