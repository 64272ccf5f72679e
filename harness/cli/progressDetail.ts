import { formatDuration } from '../../reports/format.ts';
import type { RunProgress } from '../runner/runStrategy.ts';

const DOWN = { round: 'down' } as const;

/**
 * The progress bar's text after the run's name: `256/2000` requests for a request count;
 * `2 min 8 s of 10 min, 1280 requests` for a duration, whose bar fills with clock time.
 */
export function progressDetail(progress: RunProgress): string {
  if ('total' in progress) return `${progress.done}/${progress.total}`;
  return `${formatDuration(progress.elapsedMs, DOWN)} of ${formatDuration(progress.durationMs, DOWN)}, ${progress.done} requests`;
}
