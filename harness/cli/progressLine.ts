import { formatDuration, formatPercent, formatRate } from '../../reports/format.ts';
import type { ProgressSnapshot } from './ProgressTracker.ts';
import { progressDetail } from './progressDetail.ts';

/** Widest bar {@link progressBarLine} draws (characters), and the narrowest worth drawing. */
const BAR_MAX = 20;
const BAR_MIN = 8;
/** The run's name is never shortened below this many characters (the figures are cut instead). */
const NAME_MIN = 16;

/** Clock time on the bar (compact: every column counts), rounded down so it never shows the end early. */
const barClock = (ms: number | undefined): string => formatDuration(ms, { round: 'down', compact: true });
/** Clock time on a log line, rounded down. */
const clock = (ms: number | undefined): string => formatDuration(ms, { round: 'down' });

/** `run 3/16 direct [concurrency=5]` */
function runName(s: ProgressSnapshot): string {
  return `run ${s.run}/${s.runs} ${s.strategy} [${s.cellId}]`;
}

/**
 * `12.5s, ETA 16.9s | 70.2/s, 1.19% err`; a simulated run adds its clock: `1.2s (sim 2m 8s), ETA …`.
 * Each figure is padded to a usual width, so the line keeps its length (and its bar) as they change.
 */
function barFigures(s: ProgressSnapshot): string {
  const simulated = s.mode === 'simulated' ? ` (sim ${barClock(s.clockMs)})` : '';
  const eta = s.warmingUp ? 'warm-up  ' : `ETA ${barClock(s.etaMs).padStart(5)}`;
  const rate = `${formatRate(s.ratePerSec)}/s`.padStart(6);
  const errors = formatPercent(s.errorRate).padStart(5);
  return `${barClock(s.elapsedMs).padStart(5)}${simulated}, ${eta} | ${rate}, ${errors} err`;
}

/** `840/2000` for a request count, `1280 req` for a duration (the bar and the time show how far). */
function count(s: ProgressSnapshot): string {
  return s.total !== undefined ? `${s.done}/${s.total}` : `${s.done} req`;
}

function shorten(text: string, width: number): string {
  if (text.length <= width) return text;
  return width <= 1 ? text.slice(0, Math.max(0, width)) : `${text.slice(0, width - 1)}…`;
}

/**
 * The terminal's progress line, at most `columns - 1` characters (a line that fills the last
 * column wraps on some terminals, and a redraw then leaves a copy behind), e.g.
 * `████████░░░░░░░░░░░░ 42% run 3/16 direct [concurrency=5] 840/2000 | 12.5s, ETA 16.9s | 70.2/s, 1.19% err`.
 * Narrower terminals get a shorter bar (at least {@link BAR_MIN}), then none, then a shortened
 * run name; the figures stay.
 */
export function progressBarLine(s: ProgressSnapshot, columns: number): string {
  const width = Math.max(20, columns - 1);
  const text = `${Math.floor(s.fraction * 100)}% `;
  const stats = ` ${count(s)} | ${barFigures(s)}`;
  const name = runName(s);
  const barCells = Math.min(BAR_MAX, width - text.length - name.length - stats.length - 1);
  if (barCells >= BAR_MIN) {
    const filled = Math.min(barCells, Math.floor(s.fraction * barCells));
    return `${'█'.repeat(filled)}${'░'.repeat(barCells - filled)} ${text}${name}${stats}`;
  }
  const room = Math.max(NAME_MIN, width - text.length - stats.length);
  return shorten(`${text}${shorten(name, room)}${stats}`, width);
}

/**
 * The line a log (CI) gets every few seconds: one plain line, no bar, e.g.
 * `progress: run 2/4 retry [rate=20/s] 2 min 8 s of 10 min, 2560 requests (21%); 2 min 9 s elapsed, ETA 7 min 52 s, 20.0/s, 0.50% errors`.
 * A simulated run adds its simulated clock when the run is a request count (a duration's progress already is clock time).
 */
export function progressLogLine(s: ProgressSnapshot): string {
  const detail =
    s.total !== undefined
      ? progressDetail({ done: s.done, total: s.total })
      : progressDetail({
          done: s.done,
          elapsedMs: Math.min(s.clockMs, s.durationMs ?? 0),
          durationMs: s.durationMs ?? 0,
        });
  const parts = [`${clock(s.elapsedMs)} elapsed`];
  if (s.mode === 'simulated' && s.total !== undefined) parts.push(`simulated ${clock(s.clockMs)}`);
  parts.push(s.warmingUp ? 'warming up' : `ETA ${clock(s.etaMs)}`);
  parts.push(`${formatRate(s.ratePerSec)}/s`, `${formatPercent(s.errorRate)} errors`);
  return `progress: ${runName(s)} ${detail} (${Math.floor(s.fraction * 100)}%); ${parts.join(', ')}`;
}
