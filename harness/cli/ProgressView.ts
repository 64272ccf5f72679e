import cliProgress from 'cli-progress';
import type { RunnerEvent } from '../runner/runScenario.ts';
import type { RunProgress } from '../runner/runStrategy.ts';
import { progressDetail } from './progressDetail.ts';

/** Draws run-by-run progress on stderr. */
export class ProgressView {
  readonly #bar = new cliProgress.SingleBar(
    {
      format: ' {bar} {percentage}% | run {run}/{runs} {strategy} [{cellId}] | {detail}',
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  #runs = 0;
  #started = false;

  on(event: RunnerEvent): void {
    switch (event.type) {
      case 'scenario-start':
        this.#runs = event.runs;
        break;
      case 'run-start': {
        // A request count fills the bar with requests, a duration with clock time.
        const start: RunProgress =
          event.durationMs !== undefined
            ? { done: 0, elapsedMs: 0, durationMs: event.durationMs }
            : { done: 0, total: event.total ?? 0 };
        const payload = {
          run: event.run + 1,
          runs: this.#runs,
          strategy: event.strategy,
          cellId: event.cellId,
          detail: progressDetail(start),
        };
        const total = 'total' in start ? start.total : start.durationMs;
        if (this.#started) this.#bar.setTotal(total);
        else this.#bar.start(total, 0, payload);
        this.#started = true;
        this.#bar.update(0, payload);
        break;
      }
      case 'progress':
        this.#bar.update('total' in event ? event.done : event.elapsedMs, { detail: progressDetail(event) });
        break;
      default:
        break;
    }
  }

  stop(): void {
    if (this.#started) this.#bar.stop();
  }
}
