/**
 * A seeded pseudo-random generator (sfc32, seeded through splitmix32) with the distributions the
 * mock and the workloads draw from. Every consumer forks its own named stream, so adding a draw in
 * one component never shifts the numbers another one sees (house style rule 2).
 */
export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly seed: number;
  readonly stream: string;

  constructor(seed: number, stream = '') {
    this.seed = seed;
    this.stream = stream;
    const s = (Math.trunc(seed) ^ hashString(stream)) >>> 0;
    this.#a = splitmix32(s, 1);
    this.#b = splitmix32(s, 2);
    this.#c = splitmix32(s, 3);
    this.#d = splitmix32(s, 4);
    for (let i = 0; i < 12; i++) this.#nextUint32();
  }

  /** An independent generator for the named sub-stream, e.g. `random.fork('latency')`. */
  fork(name: string): Random {
    return new Random(this.seed, this.stream === '' ? name : `${this.stream}/${name}`);
  }

  #nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#nextUint32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.next() < p;
  }

  /** Standard normal draw scaled to `mean` and `stdDev` (Box–Muller, one draw per call). */
  normal(mean = 0, stdDev = 1): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + stdDev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Lognormal draw given its median and the sigma of the underlying normal: heavy-tailed, so P99
   * sits well above the median as real API latencies do. Mean = median · exp(sigma² / 2).
   */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential draw with the given mean (Poisson inter-arrival times). */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** One element of a non-empty array, uniformly. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
}

/** The `k`-th output of splitmix32 started at `state` (seeds sfc32's four words). */
function splitmix32(state: number, k: number): number {
  let z = (state + Math.imul(0x9e3779b9, k)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a 32-bit hash of a string: stable across runs, platforms and Node versions. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Draws ranks 0..n-1 with probability ∝ 1 / (rank + 1)^exponent (Zipf), by binary search over a
 * precomputed cumulative table: O(log n) a draw.
 */
export class ZipfSampler {
  readonly #cdf: Float64Array;

  constructor(n: number, exponent = 1) {
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      sum += 1 / (i + 1) ** exponent;
      this.#cdf[i] = sum;
    }
    for (let i = 0; i < n; i++) this.#cdf[i] = (this.#cdf[i] as number) / sum;
  }

  sample(random: Random): number {
    const u = random.next();
    const cdf = this.#cdf;
    let lo = 0;
    let hi = cdf.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
