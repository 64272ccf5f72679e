import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import type { Workload } from '../scenario/types.ts';
import { type Dispatch, driveWorkload } from './driveWorkload.ts';

const base: Workload = {
  requests: 6,
  warmupRequests: 0,
  warmupMs: 0,
  arrival: { type: 'closed', concurrency: 2, thinkTimeMs: 0 },
  prompts: {
    type: 'generated',
    unique: 1,
    popularity: { type: 'uniform' },
    inputTokens: { type: 'fixed', value: 10 },
  },
  maxTokens: 16,
  stream: false,
  model: 'claude-sonnet-4-6',
};

async function drive(workload: Workload, serviceMs: (d: Dispatch) => number): Promise<Dispatch[]> {
  const clock = new VirtualClock();
  const seen: Dispatch[] = [];
  await clock.run(
    driveWorkload(workload, clock, new Random(1), async (d) => {
      seen.push(d);
      await clock.sleep(serviceMs(d));
    }),
  );
  return seen;
}

describe('driveWorkload', () => {
  it('runs a closed loop: each client sends its next request when the previous finished, after think time', async () => {
    const seen = await drive(
      { ...base, arrival: { type: 'closed', concurrency: 2, thinkTimeMs: 50 } },
      () => 100,
    );
    expect(seen.map((d) => [d.index, d.intendedStartMs])).toEqual([
      [0, 0],
      [1, 0],
      [2, 150],
      [3, 150],
      [4, 300],
      [5, 300],
    ]);
  });

  it('runs an open loop on a constant schedule regardless of completions', async () => {
    const seen = await drive(
      { ...base, requests: 4, arrival: { type: 'open', process: 'constant', ratePerSec: 10 } },
      () => 1000,
    );
    expect(seen.map((d) => [d.intendedStartMs, d.actualStartMs])).toEqual([
      [0, 0],
      [100, 100],
      [200, 200],
      [300, 300],
    ]);
  });

  it('keeps the intended start when a concurrency cap delays the actual start (no coordinated omission)', async () => {
    const seen = await drive(
      {
        ...base,
        requests: 4,
        arrival: { type: 'open', process: 'constant', ratePerSec: 10, maxConcurrency: 1 },
      },
      () => 250,
    );
    expect(seen.map((d) => [d.intendedStartMs, d.actualStartMs])).toEqual([
      [0, 0],
      [100, 250],
      [200, 500],
      [300, 750],
    ]);
  });

  it('makes a request held by the cap, and those it delayed, ready when the cap let the loop go', async () => {
    const serviceMs = [1000, 10, 800, 10, 10];
    const seen = await drive(
      {
        ...base,
        requests: 5,
        arrival: { type: 'open', process: 'constant', ratePerSec: 10, maxConcurrency: 2 },
      },
      (d) => serviceMs[d.index] ?? 0,
    );
    // #3 waits for a slot until #0 and #2 end at 1000; #4, due at 400, finds a slot but could not
    // go before the loop was free: its lag is the generator's from then, not from 400.
    expect(seen.map((d) => [d.intendedStartMs, d.readyMs, d.actualStartMs])).toEqual([
      [0, 0, 0],
      [100, 100, 100],
      [200, 200, 200],
      [300, 1000, 1000],
      [400, 1000, 1000],
    ]);
  });

  it('schedules a closed loop’s next request its think time after the previous answer', async () => {
    const seen = await drive(
      { ...base, requests: 4, arrival: { type: 'closed', concurrency: 1, thinkTimeMs: 30 } },
      (d) => 10 * (d.index + 1),
    );
    expect(seen.map((d) => [d.intendedStartMs, d.readyMs, d.actualStartMs])).toEqual([
      [0, 0, 0],
      [40, 40, 40],
      [90, 90, 90],
      [150, 150, 150],
    ]);
  });

  it('draws Poisson arrivals from the seed, the same every time', async () => {
    const w: Workload = {
      ...base,
      requests: 5,
      arrival: { type: 'open', process: 'poisson', ratePerSec: 2 },
    };
    const a = (await drive(w, () => 10)).map((d) => d.intendedStartMs);
    const b = (await drive(w, () => 10)).map((d) => d.intendedStartMs);
    expect(a).toEqual(b);
    expect(a[0]).toBe(0);
    expect(new Set(a).size).toBe(5);
  });

  it('marks warm-up requests by count and by time, and stops at the duration', async () => {
    const byCount = await drive({ ...base, requests: 3, warmupRequests: 2 }, () => 100);
    expect(byCount.map((d) => d.warmup)).toEqual([true, true, false, false, false]);
    const w: Workload = {
      ...base,
      warmupMs: 200,
      durationMs: 300,
      arrival: { type: 'open', process: 'constant', ratePerSec: 10 },
    };
    delete w.requests;
    const byTime = await drive(w, () => 10);
    expect(byTime.length).toBe(5);
    expect(byTime.map((d) => d.warmup)).toEqual([true, true, false, false, false]);
  });

  it('stops a closed loop whose requests take no time instead of spinning at one instant for ever', async () => {
    const w: Workload = { ...base, durationMs: 60_000 };
    delete w.requests;
    await expect(drive(w, () => 0)).rejects.toThrow(/started 100000 requests at 0 ms without time moving on/);
  });

  it('lets a closed loop bounded by a request count run any number of instant requests to the end', async () => {
    const w: Workload = { ...base, requests: 150_000 };
    let executed = 0;
    await drive(w, () => {
      executed++;
      return 0;
    });
    expect(executed).toBe(150_000);
  });
});
