import type { RunProgress } from '../runner/runStrategy.ts';

/**
 * The progress bar's text after the run's name: `256/2000` requests for a request count;
 * `2m 8s of 10m, 1280 requests` for a duration, whose bar fills with clock time.
 */
export function progressDetail(progress: RunProgress): string {
  if ('total' in progress) return `${progress.done}/${progress.total}`;
  return `${formatClockMs(progress.elapsedMs)} of ${formatClockMs(progress.durationMs)}, ${progress.done} requests`;
}

/**
 * Clock time for a progress line, rounded down (a bar never shows the end before it): `0.5s`,
 * `42s`, `2m 8s`, `10m`, `1h 2m 5s`; tenths of a second under a minute, whole seconds above.
 */
export function formatClockMs(ms: number): string {
  if (ms < 60_000) return `${Math.floor(ms / 100) / 10}s`;
  const seconds = Math.floor(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(seconds / 3600), 'h'],
    [Math.floor(seconds / 60) % 60, 'm'],
    [seconds % 60, 's'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n}${unit}`)
    .join(' ');
}
