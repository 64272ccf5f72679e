import type { RunnerEvent } from '../runner/runScenario.ts';
import { progressDetail } from './progressDetail.ts';

/** How often {@link ProgressLog} writes a line while a scenario runs. */
export const PROGRESS_LOG_EVERY_MS = 15_000;

/** What {@link ProgressLog} needs from its surroundings (the real ones by default; tests pass fakes). */
export interface ProgressLogOptions {
  write?: (line: string) => void;
  everyMs?: number;
  setInterval?: (fn: () => void, ms: number) => { unref?: () => void };
  clearInterval?: (handle: unknown) => void;
}

/**
 * Progress for a non-terminal stderr (CI logs), where a redrawn bar would be noise: every
 * {@link PROGRESS_LOG_EVERY_MS} of wall time, one line with where the scenario is, e.g.
 * `progress: run 3/16 direct [concurrency=5,maxTokens=256] 768/2000`, and only if something moved
 * since the last line. Scenarios that finish sooner print nothing.
 */
export class ProgressLog {
  readonly #write: (line: string) => void;
  readonly #clear: (handle: unknown) => void;
  readonly #handle: unknown;
  #runs = 0;
  /** `run 3/16 direct [cell]` of the run under way. */
  #run = '';
  #line: string | undefined;
  #written: string | undefined;

  constructor(options: ProgressLogOptions = {}) {
    this.#write = options.write ?? ((line) => process.stderr.write(`${line}\n`));
    this.#clear = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
    const every = options.setInterval ?? setInterval;
    const handle = every(() => this.#tick(), options.everyMs ?? PROGRESS_LOG_EVERY_MS);
    handle.unref?.();
    this.#handle = handle;
  }

  on(event: RunnerEvent): void {
    switch (event.type) {
      case 'scenario-start':
        this.#runs = event.runs;
        break;
      case 'run-start':
        this.#run = `run ${event.run + 1}/${this.#runs} ${event.strategy} [${event.cellId}]`;
        this.#line = `progress: ${this.#run} ${progressDetail(
          event.durationMs !== undefined
            ? { done: 0, elapsedMs: 0, durationMs: event.durationMs }
            : { done: 0, total: event.total ?? 0 },
        )}`;
        break;
      case 'progress':
        this.#line = `progress: ${this.#run} ${progressDetail(event)}`;
        break;
      default:
        break;
    }
  }

  #tick(): void {
    const line = this.#line;
    if (line === undefined || line === this.#written) return;
    this.#written = line;
    this.#write(line);
  }

  stop(): void {
    this.#clear(this.#handle);
  }
}
