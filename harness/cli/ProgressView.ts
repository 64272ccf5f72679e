import type { RunnerEvent } from '../runner/runScenario.ts';
import { ProgressTracker } from './ProgressTracker.ts';
import { progressBarLine } from './progressLine.ts';
import { startTicker, type TickerOptions } from './ticker.ts';

/** How often {@link ProgressView} redraws its line: twice a second, so it moves at least once a second. */
export const PROGRESS_VIEW_EVERY_MS = 500;

/** What {@link ProgressView} needs from its surroundings (the real ones by default; tests pass fakes). */
export interface ProgressViewOptions extends TickerOptions {
  /** The terminal: stderr by default. `columns` is read at each redraw, so a resize takes effect. */
  stream?: { write(text: string): unknown; columns?: number };
  /** Wall-clock ms. Default `performance.now()`. */
  now?: () => number;
}

const HIDE_CURSOR = '\x1b[?25l';
const SHOW_CURSOR = '\x1b[?25h';
/** Back to the line's start and erase it. */
const CLEAR_LINE = '\r\x1b[2K';

/**
 * The progress bar on a terminal: one line, redrawn every {@link PROGRESS_VIEW_EVERY_MS} of wall
 * time and at each run's start, however rarely requests finish (see progressLine.ts for what it
 * shows). `stop` erases it, so what follows starts on a clean line.
 */
export class ProgressView {
  readonly #stream: NonNullable<ProgressViewOptions['stream']>;
  readonly #tracker: ProgressTracker;
  readonly #stopTicker: () => void;
  #drawn = false;
  #stopped = false;

  constructor(options: ProgressViewOptions = {}) {
    this.#stream = options.stream ?? process.stderr;
    this.#tracker = new ProgressTracker(options.now ?? (() => performance.now()));
    this.#stopTicker = startTicker(options, PROGRESS_VIEW_EVERY_MS, () => this.#draw());
  }

  on(event: RunnerEvent): void {
    this.#tracker.on(event);
    if (event.type === 'run-start') this.#draw();
  }

  #draw(): void {
    if (this.#stopped) return;
    const snapshot = this.#tracker.snapshot();
    if (snapshot === undefined) return;
    const line = progressBarLine(snapshot, this.#stream.columns ?? 80);
    this.#stream.write(`${this.#drawn ? CLEAR_LINE : HIDE_CURSOR}${line}`);
    this.#drawn = true;
  }

  /** Stops redrawing and erases the line (idempotent). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#stopTicker();
    if (this.#drawn) this.#stream.write(`${CLEAR_LINE}${SHOW_CURSOR}`);
  }
}
