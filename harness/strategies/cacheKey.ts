import { createHash } from 'node:crypto';
import type { ApiRequest } from '../transport/Transport.ts';

/**
 * The cache key of a request: everything that changes the answer (model, max_tokens, temperature,
 * system prompt, and every message's role and text), as one unambiguous string (JSON-escaped
 * fields). The stream flag is left out: a cached answer is the same whether it is streamed or not.
 *
 * No hash: a `Map` hashes the string itself, and measuring (`scripts/bench-policies.ts`) shows
 * building it costs a fraction of md5 over the same text; a 32-bit hash would collide at the
 * prompt counts simulations use. The memory cost is one prompt per cached entry.
 */
export function cacheKey(request: ApiRequest): string {
  let key = `${JSON.stringify(request.model)},${request.maxTokens},${request.temperature ?? ''},${
    request.system === undefined ? '' : JSON.stringify(request.system)
  }`;
  for (const message of request.messages) key += `,${message.role}:${JSON.stringify(message.content)}`;
  return key;
}

/** Seed 000's key, md5 of the same string (for comparison in the benchmark). */
export function md5CacheKey(request: ApiRequest): string {
  return createHash('md5').update(cacheKey(request)).digest('hex');
}
