import { LRUCache } from 'lru-cache';
import type { MockConfig } from '../config/MockConfig.ts';
import { type CachePrefix, type CacheUsage, NO_CACHE } from '../protocol/cachePrefix.ts';
import { contentKey } from '../protocol/promptHash.ts';

interface Entry {
  expiresAtMs: number;
  ttlMs: number;
}

/**
 * The server's prompt cache (MockConfig `promptCache`), as the API's prompt caching behaves: a
 * request whose cacheable prefix has at least `minTokens` (per model) reads the cache when the same
 * prefix of the same model is held and unexpired on the server's clock (the read refreshes the
 * entry's lifetime), and writes it otherwise, with the lifetime of its ttl. Shorter prefixes, and
 * every request when disabled, are not cached. Entries are keyed by the prefix's hash and token
 * count; at most `maxEntries` are kept (least recently used first out). Expiry is checked against
 * the time passed in, never a timer. The split into {@link lookup} and {@link commit} lets the
 * rate limiter charge a request's uncached tokens before anything is stored.
 */
export class PromptCache {
  readonly #config: MockConfig['promptCache'];
  readonly #entries: LRUCache<number, Entry>;

  constructor(config: MockConfig['promptCache']) {
    this.#config = config;
    this.#entries = new LRUCache({ max: config.maxEntries });
  }

  /** What a request would get now: a read, a write, or {@link NO_CACHE}. Changes nothing. */
  lookup(prefix: CachePrefix, modelId: string, nowMs: number): CacheUsage {
    const c = this.#config;
    if (!c.enabled || prefix.tokens < (c.minTokensByModel[modelId] ?? c.minTokens)) return NO_CACHE;
    const entry = this.#entries.peek(keyOf(prefix));
    if (entry !== undefined && entry.expiresAtMs > nowMs) {
      return { readTokens: prefix.tokens, write5mTokens: 0, write1hTokens: 0 };
    }
    return prefix.ttl === '1h'
      ? { readTokens: 0, write5mTokens: 0, write1hTokens: prefix.tokens }
      : { readTokens: 0, write5mTokens: prefix.tokens, write1hTokens: 0 };
  }

  /** The admitted request's {@link lookup} takes effect: a read refreshes its entry, a write stores one. */
  commit(prefix: CachePrefix, usage: CacheUsage, nowMs: number): void {
    if (usage === NO_CACHE) return;
    const key = keyOf(prefix);
    if (usage.readTokens > 0) {
      const entry = this.#entries.get(key);
      if (entry !== undefined) entry.expiresAtMs = nowMs + entry.ttlMs;
      return;
    }
    const ttlMs = prefix.ttl === '1h' ? this.#config.ttl1hMs : this.#config.ttl5mMs;
    this.#entries.set(key, { expiresAtMs: nowMs + ttlMs, ttlMs });
  }

  /** Entries held (expired ones included until they are overwritten or evicted). */
  get size(): number {
    return this.#entries.size;
  }
}

/** The prefix's hash (model included) with its token count, as the duplicate window keys content. */
function keyOf(prefix: CachePrefix): number {
  return contentKey(prefix.hash, prefix.tokens);
}
