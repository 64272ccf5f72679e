/** Axis scales and ticks for the report's SVG charts (the scatter): linear or log, round tick values. */

export interface Scale {
  /** Value → pixel. */
  at: (value: number) => number;
  ticks: number[];
}

const STEPS = [1, 2, 2.5, 5, 10];

/** About `count` round ticks covering lo..hi (1, 2, 2.5 or 5 × 10^k apart). */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((s) => s * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  // Ticks by index, not by adding step to t: a range far narrower than its values (two costs a
  // millionth apart) has a step below t's float resolution, and t += step would never move.
  const first = Math.ceil(lo / step);
  for (let i = 0; i <= 4 * count; i++) {
    const t = (first + i) * step;
    if (t > hi + step * 1e-9) break;
    const rounded = Number(t.toPrecision(12));
    if (ticks.at(-1) !== rounded) ticks.push(rounded);
  }
  return ticks.length > 0 ? ticks : [lo];
}

/** Ticks at 1, 2, 5 × 10^k within lo..hi (lo > 0). */
export function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const t = m * 10 ** e;
      if (t >= lo * 0.999 && t <= hi * 1.001) ticks.push(Number(t.toPrecision(12)));
    }
  }
  return ticks;
}

/**
 * A scale from lo..hi (padded 8% each side) onto pixels from..to; log when the values span more
 * than 10× and are all positive.
 */
export function scaleFor(values: readonly number[], from: number, to: number): Scale & { log: boolean } {
  const finite = values.filter((v) => Number.isFinite(v));
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (finite.length === 0) [lo, hi] = [0, 1];
  const log = lo > 0 && hi / lo > 10;
  if (log) {
    const [a, b] = [Math.log10(lo) - 0.1, Math.log10(hi) + 0.1];
    return {
      log,
      at: (v) => from + ((Math.log10(Math.max(v, 1e-12)) - a) / (b - a)) * (to - from),
      ticks: logTicks(10 ** a, 10 ** b),
    };
  }
  if (hi === lo) [lo, hi] = [lo === 0 ? 0 : lo * 0.9, hi === 0 ? 1 : hi * 1.1];
  const pad = (hi - lo) * 0.08;
  const [a, b] = [Math.max(lo >= 0 ? 0 : lo - pad, lo - pad), hi + pad];
  return { log, at: (v) => from + ((v - a) / (b - a)) * (to - from), ticks: linearTicks(a, b) };
}
