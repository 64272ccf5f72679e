import { describe, expect, it } from 'vitest';
import type { Measured } from './bench-mock.ts';
import type { SimSpeed } from './bench-sim.ts';
import { renderSelfBenchmark, type SelfBenchmarkModel, slopeBytesPerRequest } from './renderSelfBenchmark.ts';

const sim = (
  strategy: SimSpeed['strategy'],
  requests: number,
  perSec: number,
  rssMb: number,
  heapMb = 20,
): SimSpeed => ({
  strategy,
  requests,
  wallMs: (requests / perSec) * 1000,
  requestsPerSec: perSec,
  simulatedHours: 1,
  maxRssMb: rssMb,
  heapAfterGcMb: heapMb,
  cpuMs: 1000,
});

const measured = (reqPerSec: number): Measured => ({
  url: 'http://127.0.0.1:1',
  cpuPerReqUs: 50,
  reqPerSec,
  p50Ms: 0,
  p99Ms: 2,
  non2xx: 0,
  errors: 0,
});

const jsonCase = {
  concurrency: 200,
  arrival: 'open',
  latency: 'fixed',
  stream: false,
  tokensPerSec: 1000,
  requests: 2000,
} as const;
const timing = (errorP50Ms: number) => ({
  ...jsonCase,
  injectedP50Ms: 150,
  injectedP99Ms: 150,
  measuredP50Ms: 150 + errorP50Ms,
  measuredP99Ms: 160,
  errorP50Ms,
  errorP99Ms: 10,
  wallMs: 2000,
});

function model(): SelfBenchmarkModel {
  return {
    machine: {
      cpu: 'Test CPU',
      cores: 2,
      memoryBytes: 4 * 1024 ** 3,
      node: 'v20.19.0',
      platform: 'linux',
      arch: 'x64',
      startedAt: '2026-01-01T00:00:00.000Z',
      wallMs: 200_000,
      loadAverageStart: 0.5,
      loadAverageEnd: 1.25,
    },
    goalRequests: 100_000,
    simulated: [
      sim('direct', 25_000, 90_000, 150, 20),
      { ...sim('direct', 100_000, 120_000, 160), repeatsPerSec: [80_000, 120_000, 130_000] },
      sim('cached+batched', 100_000, 99_000, 160),
    ],
    million: [sim('direct', 1_000_000, 110_000, 250, 40)],
    mock: {
      connections: 10,
      durationSec: 4,
      rounds: 1,
      bare: [measured(10_000)],
      direct: [measured(7_000)],
      viaFetch: measured(3_000),
      bareReqPerSec: 10_000,
      mockReqPerSec: 7_000,
      roundRatios: [0.75, 0.6, 0.7],
      ratio: 0.7,
      meanRatio: 0.68,
      cpuRatio: 0.6,
      fetchRatio: 0.3,
      stream: { streamsPerSec: 1000, eventsPerStream: 77, eventsPerSec: 77_000 },
    },
    realtime: {
      timing: [timing(1.5)],
      repeated: [
        {
          case: jsonCase,
          runs: [timing(1.5), timing(2.5), timing(1.9)],
          medianErrorP50Ms: 1.9,
          medianErrorP99Ms: 10,
        },
      ],
      nodeTimers: [{ ...timing(4), nodeTimers: true }],
      capacity: [{ concurrency: 200, stream: false, requestsPerSec: 4000, p50Ms: 50 }],
    },
    timers: [
      {
        spinMs: 0,
        napMs: 0,
        chains: 1,
        fired: 100,
        lateP50Ms: -0.3,
        lateP99Ms: 1,
        lateMaxMs: 2,
        cpuShare: 0.01,
      },
    ],
    micro: [{ task: 'TokenBucket.reserve', opsPerSec: 20_000_000, meanNs: 50 }],
    direct: [{ name: 'core only, JSON', requestsPerSec: 300_000 }],
    seed000: { kind: 'missing', file: 'scenarios/seed-000-strategies.yaml' },
  };
}

describe('renderSelfBenchmark', () => {
  it('judges every goal with its target, figure and verdict', () => {
    const lines = renderSelfBenchmark(model()).split('\n');
    const goals = lines.slice(lines.indexOf('## Goals') + 2, lines.indexOf('## Simulated runs') - 1);
    expect(goals).toEqual([
      '| goal | target | measured | verdict |',
      '| --- | --- | --- | --- |',
      '| simulated `direct`, 100,000 requests | >= 100,000 requests / wall s | 120,000 (median of 3: 80,000, 120,000, 130,000) | pass |',
      '| memory flat, `direct` 25,000 → 1,000,000 requests | <= 16 B retained per request | heap after GC 20.0 → 40.0 MB (21.5 B/request); peak RSS 150 → 250 MB (107.5 B/request) | **fail** |',
      '| simulated `cached+batched`, 100,000 requests | >= 100,000 requests / wall s | 99,000 | **fail** |',
      '| realtime p50 error, 200 in flight (open loop), fixed latency, JSON | <= 2 ms | 1.90 ms (median of 3: 1.50, 2.50, 1.90) | pass |',
      '| mock throughput vs bare `node:http` | >= 0.6x | 0.70x (median of 3 paired runs: 0.75x, 0.60x, 0.70x) | pass |',
    ]);
  });

  it('states the machine and the load it ran under', () => {
    const text = renderSelfBenchmark(model());
    expect(text).toContain('| CPU | Test CPU, 2 cores |');
    expect(text).toContain('| memory | 4.0 GiB |');
    expect(text).toContain('| Node | v20.19.0 |');
    expect(text).toContain('| date | 2026-01-01T00:00:00.000Z |');
    expect(text).toContain('| 1-minute load average | 0.50 at the start, 1.25 at the end |');
  });

  it('says "not yet" while the seed 000 scenario does not exist, and its wall time once it ran', () => {
    expect(renderSelfBenchmark(model())).toContain(
      'Not yet: `scenarios/seed-000-strategies.yaml` does not exist.',
    );
    const ran = model();
    ran.seed000 = {
      kind: 'ran',
      wall: {
        file: 'scenarios/seed-000-strategies.yaml',
        name: 'seed-000',
        runs: 6,
        requests: 12_000,
        wallMs: 4_500,
        simulatedMs: 3_600_000,
        maxRssMb: 200,
      },
    };
    expect(renderSelfBenchmark(ran)).toContain('| 6 | 12,000 | 1.00 | 4.50 | 200 |');
  });

  it('compares the goal cases on precise and on Node timers', () => {
    expect(renderSelfBenchmark(model())).toContain(
      '| 200 in flight (open loop), fixed latency, JSON | 1.90 / 10.00 | 4.00 / 10.00 |',
    );
  });

  it('measures memory growth in bytes per extra request', () => {
    const small = sim('direct', 0, 1, 100, 10);
    const large = sim('direct', 1_048_576, 1, 101, 14);
    expect(slopeBytesPerRequest(small, large, (r) => r.maxRssMb)).toBe(1);
    expect(slopeBytesPerRequest(small, large, (r) => r.heapAfterGcMb)).toBe(4);
  });
});
