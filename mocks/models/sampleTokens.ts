import type { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';

/** A length distribution as MockConfig resolves it. */
export type TokenDistribution = MockConfig['output']['tokens'];

/**
 * One draw of a token count from `distribution`, rounded to a whole number of at least 1 (the
 * model always says something). A fixed distribution draws nothing.
 */
export function sampleTokens(distribution: TokenDistribution, random: Random): number {
  let value: number;
  switch (distribution.type) {
    case 'fixed':
      value = distribution.value;
      break;
    case 'uniform':
      value = random.uniform(distribution.min, distribution.max);
      break;
    case 'normal':
      value = random.normal(distribution.mean, distribution.stdDev);
      break;
    case 'lognormal':
      value = random.lognormal(distribution.median, distribution.sigma);
      break;
  }
  return Math.max(1, Math.round(value));
}
