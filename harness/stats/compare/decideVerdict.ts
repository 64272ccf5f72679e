import type { Interval } from '../Interval.ts';
import { DETERMINISTIC_TOLERANCE, type Verdict } from './Comparison.ts';

/**
 * The decision rules of `bench compare` (../shared/reference/regression-statistics.md), kept apart
 * from the tests that feed them so each rule can be checked on its own.
 */

export interface Decision {
  verdict: Verdict;
  reason: string;
}

/** Smallest noise band of a proportion (error rate, hit rate): 0.5 percentage points. */
export const PROPORTION_BAND_FLOOR = 0.005;

function directional(change: 'up' | 'down', better: 'lower' | 'higher'): Verdict {
  return (change === 'up') === (better === 'higher') ? 'improved' : 'regressed';
}

function pct(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

/**
 * Simulated, same seed and scenario: identical up to 1e-9 relative, or a real change. A real change
 * no larger than `band` (in the metric's unit, from `--noise`; default 0: every change counts) is
 * `unchanged`, with the change said in the reason: it is real, but too small to matter.
 */
export function deterministicVerdict(
  baseline: number,
  current: number,
  better: 'lower' | 'higher',
  band = 0,
): Decision {
  const scale = Math.max(Math.abs(baseline), Math.abs(current));
  const change = Math.abs(current - baseline);
  if (change <= DETERMINISTIC_TOLERANCE * scale) {
    return { verdict: 'unchanged', reason: 'identical (deterministic)' };
  }
  if (change <= band) {
    return {
      verdict: 'unchanged',
      reason: 'deterministic: a real change, but within the --noise band',
    };
  }
  const verdict = directional(current > baseline ? 'up' : 'down', better);
  return {
    verdict,
    reason: `deterministic: any change${band > 0 ? ' beyond the --noise band' : ''} is real (${verdict === 'improved' ? 'better' : 'worse'})`,
  };
}

/**
 * The practical-effect band around the baseline, in the metric's unit: noise × |baseline|, and
 * for proportions at least 0.5 percentage points (else a 0% baseline would make every blip count).
 */
export function noiseBand(baseline: number, noise: number, proportion: boolean): number {
  const band = noise * Math.abs(baseline);
  return proportion ? Math.max(band, PROPORTION_BAND_FLOOR) : band;
}

/**
 * A tested metric: regressed / improved when the Holm-adjusted p < alpha AND the whole interval
 * lies beyond the noise band (Criterion's two conditions); unchanged when the interval lies within
 * twice the band (a change that large is ruled out); otherwise inconclusive (too noisy to tell).
 */
export function statisticalVerdict(args: {
  interval: Interval;
  adjustedP: number;
  alpha: number;
  band: number;
  better: 'lower' | 'higher';
  noise: number;
}): Decision {
  const { interval, adjustedP, alpha, band, better } = args;
  const p = `p=${adjustedP < 0.0001 ? adjustedP.toExponential(1) : adjustedP.toFixed(4)} Holm-adjusted`;
  const significant = adjustedP < alpha;
  if (significant && (interval.low > band || interval.high < -band)) {
    const verdict = directional(interval.low > band ? 'up' : 'down', better);
    return {
      verdict,
      reason: `significant (${p} < ${alpha}) and the interval lies beyond the ±${pct(args.noise)} noise band`,
    };
  }
  if (interval.low >= -2 * band && interval.high <= 2 * band) {
    return {
      verdict: 'unchanged',
      reason: significant
        ? `significant (${p}) but within the noise band`
        : `no significant change (${p}); the interval rules out a change beyond ±${pct(2 * args.noise)}`,
    };
  }
  return {
    verdict: 'inconclusive',
    reason: `too noisy to tell (${p}): the interval reaches beyond ±${pct(2 * args.noise)} without lying beyond the ±${pct(args.noise)} band; measure more requests`,
  };
}
