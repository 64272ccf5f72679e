import { batch } from './batch.ts';
import { cache } from './cache.ts';
import { circuitBreaker } from './circuitBreaker.ts';
import { concurrency } from './concurrency.ts';
import { connection } from './connection.ts';
import type { PolicySpec } from './options.ts';
import type { Policy } from './Policy.ts';
import { promptCache } from './promptCache.ts';
import { rateLimit } from './rateLimit.ts';
import { retry } from './retry.ts';
import { stream } from './stream.ts';
import { timeout } from './timeout.ts';

/** A fresh policy for one spec (its state: buckets, caches, breakers, starts empty). */
export function createPolicy(spec: PolicySpec): Policy {
  switch (spec.type) {
    case 'retry':
      return retry(spec.options);
    case 'concurrency':
      return concurrency(spec.options);
    case 'rateLimit':
      return rateLimit(spec.options);
    case 'timeout':
      return timeout(spec.options);
    case 'circuitBreaker':
      return circuitBreaker(spec.options);
    case 'batch':
      return batch(spec.options);
    case 'cache':
      return cache(spec.options);
    case 'promptCache':
      return promptCache(spec.options);
    case 'stream':
      return stream(spec.options);
    case 'connection':
      return connection(spec.options);
  }
}

/** Fresh policies for one strategy run, in the specs' (outside-in) order. */
export function createPolicies(specs: readonly PolicySpec[]): Policy[] {
  return specs.map(createPolicy);
}
