import { type MetricUnit, metricUnit } from '../harness/stats/metricPath.ts';

/**
 * Number formatting shared by every renderer, so a figure reads the same in the terminal table,
 * the markdown report and the comparison: ms with 0 or 1 decimal, percentages with 1 or 2, USD
 * with 4 significant digits, rates with 0 or 1 decimal, durations in the largest units that keep
 * them short (`250 ms`, `1.5 s`, `2 min 8 s`, `20 min`). Missing values (undefined, NaN) print as `MISSING`. Every
 * number a person reads (terminal, markdown, thresholds, compare, progress, cell labels) goes
 * through here; cell ids keep their exact, parseable text (`paramText`, `base/units`).
 */

export const MISSING = '–';

function missing(x: number | undefined | null): x is undefined | null {
  return x === undefined || x === null || Number.isNaN(x);
}

/** Milliseconds: `1234`, `45.7`, `0.3`, `0` (1 decimal below 100 ms). */
export function formatMs(ms: number | undefined | null): string {
  if (missing(ms)) return MISSING;
  if (ms === 0) return '0';
  return Math.abs(ms) >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

/** A ratio 0..1 as a percentage: `6.00%`, `38.0%` (2 decimals below 10%). */
export function formatPercent(ratio: number | undefined | null): string {
  if (missing(ratio)) return MISSING;
  const pct = ratio * 100;
  return `${Math.abs(pct) >= 10 ? pct.toFixed(1) : pct.toFixed(2)}%`;
}

/** US dollars with 4 significant digits: `$0.8291`, `$12.35`, `$0.00001235`, `$0`. */
export function formatUsd(usd: number | undefined | null): string {
  if (missing(usd)) return MISSING;
  if (usd === 0) return '$0';
  const decimals = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(usd))));
  return `${usd < 0 ? '-' : ''}$${Math.abs(usd).toFixed(decimals)}`;
}

/** A rate (per minute or second): `470`, `45.1` (1 decimal below 100). */
export function formatRate(rate: number | undefined | null): string {
  if (missing(rate)) return MISSING;
  return Math.abs(rate) >= 100 ? rate.toFixed(0) : rate.toFixed(1);
}

/** A configured quantity without trailing zeros, 4 significant digits: `50`, `0.8333`, `30000`. */
export function formatQuantity(x: number | undefined | null): string {
  if (missing(x)) return MISSING;
  return String(Number(x.toPrecision(4)));
}

/**
 * A duration for people, zero units left out: `0 s`, `0.3 ms`, `250 ms`, `1.5 s`, `42 s`,
 * `2 min 8 s`, `20 min`, `1 h 2 min 5 s`. Below a second: ms (1 decimal below 100 ms); below a
 * minute: tenths of a second; above: whole seconds. `round: 'down'` truncates instead of
 * rounding and starts at tenths of a second (a progress line never shows the end before it
 * comes). Default `round: 'nearest'`. `compact: true` drops the spaces and shortens minutes for a
 * line where every column counts (the terminal's progress bar): `12.5s`, `2m 8s`, `1h 2m 5s`.
 */
export function formatDuration(
  ms: number | undefined | null,
  options: { round?: 'nearest' | 'down'; compact?: boolean } = {},
): string {
  const text = spacedDuration(ms, options);
  if (!options.compact) return text;
  return text.replace(/ (h|min|s|ms)\b/g, '$1').replace(/min/g, 'm');
}

function spacedDuration(ms: number | undefined | null, options: { round?: 'nearest' | 'down' }): string {
  if (missing(ms)) return MISSING;
  if (ms < 0) return `-${spacedDuration(-ms, options)}`;
  const down = options.round === 'down';
  const round = down ? Math.floor : Math.round;
  if (ms === 0) return '0 s';
  if (ms < 1000 && !down) {
    const text = formatMs(ms);
    if (text !== '1000') return `${text} ms`;
  }
  const tenths = round(ms / 100);
  if (tenths < 600) return `${tenths / 10} s`;
  const seconds = round(ms / 1000);
  const parts: [number, string][] = [
    [Math.floor(seconds / 3600), 'h'],
    [Math.floor(seconds / 60) % 60, 'min'],
    [seconds % 60, 's'],
  ];
  return parts
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** A p-value: 4 decimals, `<0.0001` below. */
export function formatPValue(p: number | undefined | null): string {
  if (missing(p)) return MISSING;
  return p < 0.0001 ? '<0.0001' : p.toFixed(4);
}

/** A size in bytes as GiB with 1 decimal: `15.6 GiB`. */
export function formatGiB(bytes: number | undefined | null): string {
  if (missing(bytes)) return MISSING;
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}

/** An estimate: 3 significant digits with thousands separators: `105`, `6,480`, `30,000`, `0.333`. */
export function formatApprox(x: number | undefined | null): string {
  if (missing(x)) return MISSING;
  return Number(x.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** A whole count: `17`. */
export function formatCount(n: number | undefined | null): string {
  if (missing(n)) return MISSING;
  return Number.isInteger(n) ? String(n) : n.toFixed(2);
}

/** A factor of a baseline: `0.68×`. */
export function formatRatio(x: number | undefined | null): string {
  if (missing(x) || !Number.isFinite(x)) return MISSING;
  return `${x.toFixed(2)}×`;
}

/** A signed relative change in percent: `+12.3%`, `-4.50%`, `0%`. */
export function formatDeltaPct(pct: number | undefined | null): string {
  if (missing(pct)) return MISSING;
  if (!Number.isFinite(pct)) return pct > 0 ? '+∞%' : '-∞%';
  if (pct === 0) return '0%';
  const text = Math.abs(pct) >= 10 ? Math.abs(pct).toFixed(1) : Math.abs(pct).toFixed(2);
  return `${pct > 0 ? '+' : '-'}${text}%`;
}

const BY_UNIT: Record<MetricUnit, (x: number | undefined | null) => string> = {
  ms: (x) => (missing(x) ? MISSING : `${formatMs(x)} ms`),
  ratio: formatPercent,
  perMin: (x) => (missing(x) ? MISSING : `${formatRate(x)}/min`),
  perSec: (x) => (missing(x) ? MISSING : `${formatRate(x)}/s`),
  usd: formatUsd,
  count: formatCount,
};

/** A metric's value with its unit, chosen by its path: `933 ms`, `6.00%`, `470/min`, `$0.8291`. */
export function formatMetric(path: string, value: number | undefined | null): string {
  return BY_UNIT[metricUnit(path)](value);
}
