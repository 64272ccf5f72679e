interface Entry<V> {
  value: V;
  expiresAtMs: number;
}

/**
 * An LRU map with a time-to-live on the caller's clock (times are passed in, so a virtual clock
 * gives exact expiry; lru-cache's own TTL reads `performance.now`). An entry set at t with ttl d
 * is served up to t + d − ε and gone at t + d. A `Map` keeps recency order: a hit moves its key to
 * the end, eviction drops the first key.
 */
export class LruTtlCache<V> {
  readonly maxEntries: number;
  readonly ttlMs: number;
  readonly #map = new Map<string, Entry<V>>();

  constructor(maxEntries: number, ttlMs: number) {
    this.maxEntries = maxEntries;
    this.ttlMs = ttlMs;
  }

  get size(): number {
    return this.#map.size;
  }

  /** The value, if present and not expired at `nowMs`; a hit becomes the most recently used. */
  get(key: string, nowMs: number): V | undefined {
    const entry = this.#map.get(key);
    if (entry === undefined) return undefined;
    this.#map.delete(key);
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.#map.set(key, entry);
    return entry.value;
  }

  /** Stores `value` from `nowMs` for `ttlMs`, evicting the least recently used entry when full. */
  set(key: string, value: V, nowMs: number): void {
    const map = this.#map;
    map.delete(key);
    map.set(key, { value, expiresAtMs: nowMs + this.ttlMs });
    if (map.size > this.maxEntries) map.delete(map.keys().next().value as string);
  }

  has(key: string, nowMs: number): boolean {
    const entry = this.#map.get(key);
    return entry !== undefined && nowMs < entry.expiresAtMs;
  }
}
