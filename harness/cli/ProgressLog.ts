import type { RunnerEvent } from '../runner/runScenario.ts';
import { ProgressTracker } from './ProgressTracker.ts';
import { progressLogLine } from './progressLine.ts';
import { startTicker, type TickerOptions } from './ticker.ts';

/** How often {@link ProgressLog} writes a line while a run is under way. */
export const PROGRESS_LOG_EVERY_MS = 5000;

/** What {@link ProgressLog} needs from its surroundings (the real ones by default; tests pass fakes). */
export interface ProgressLogOptions extends TickerOptions {
  write?: (line: string) => void;
  /** Wall-clock ms. Default `performance.now()`. */
  now?: () => number;
}

/**
 * Progress for a non-terminal stderr (CI logs), where a redrawn bar would be noise: every
 * {@link PROGRESS_LOG_EVERY_MS} of wall time while a run is under way, one plain line (see
 * progressLine.ts), e.g. `progress: run 3/16 direct [concurrency=5] 768/2000 (38%); 5s elapsed, …`.
 * Runs that finish sooner print nothing.
 */
export class ProgressLog {
  readonly #write: (line: string) => void;
  readonly #tracker: ProgressTracker;
  readonly #stopTicker: () => void;

  constructor(options: ProgressLogOptions = {}) {
    this.#write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
    this.#tracker = new ProgressTracker(options.now ?? (() => performance.now()));
    this.#stopTicker = startTicker(options, PROGRESS_LOG_EVERY_MS, () => this.#tick());
  }

  on(event: RunnerEvent): void {
    this.#tracker.on(event);
  }

  #tick(): void {
    const snapshot = this.#tracker.snapshot();
    if (snapshot !== undefined) this.#write(progressLogLine(snapshot));
  }

  stop(): void {
    this.#stopTicker();
  }
}
