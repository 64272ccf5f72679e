import { describe, expect, it } from 'vitest';
import { hashString, Random, ZipfSampler } from './Random.ts';

describe('Random', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    const a = new Random(42).fork('latency');
    const b = new Random(42).fork('latency');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('gives different streams different numbers', () => {
    expect(new Random(42).fork('a').next()).not.toBe(new Random(42).fork('b').next());
    expect(new Random(1).next()).not.toBe(new Random(2).next());
  });

  it('draws lognormal values around the given median', () => {
    const r = new Random(7);
    const xs = Array.from({ length: 20_001 }, () => r.lognormal(100, 0.5)).sort((x, y) => x - y);
    const median = xs[10_000] as number;
    expect(median).toBeGreaterThan(97);
    expect(median).toBeLessThan(103);
  });

  it('draws Zipf ranks with rank 0 the most frequent', () => {
    const r = new Random(3);
    const zipf = new ZipfSampler(100, 1);
    const counts = new Array<number>(100).fill(0);
    for (let i = 0; i < 50_000; i++) {
      const k = zipf.sample(r);
      counts[k] = (counts[k] as number) + 1;
    }
    // P(rank 0) = 1 / H(100) ≈ 0.1928
    expect((counts[0] as number) / 50_000).toBeCloseTo(0.1928, 1);
    expect(counts[0]).toBeGreaterThan(counts[1] as number);
  });

  it('hashes strings stably (FNV-1a)', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
  });
});
