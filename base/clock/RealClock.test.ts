import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { RealClock } from './RealClock.ts';

describe('RealClock', () => {
  it('never fires a timer before its time (Node timers alone fire up to ~1 ms early)', async () => {
    const clock = new RealClock();
    const early: number[] = [];
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const delayMs = 1 + (i % 8) * 0.7;
        const atMs = performance.now() + delayMs;
        return new Promise<void>((resolve) =>
          clock.setTimer(delayMs, () => {
            const nowMs = performance.now();
            if (nowMs < atMs) early.push(atMs - nowMs);
            resolve();
          }),
        );
      }),
    );
    expect(early).toEqual([]);
  });

  it('fires timers in deadline order, whatever order they were set in', async () => {
    const clock = new RealClock();
    const order: number[] = [];
    const done = new Promise<void>((resolve) => clock.setTimer(12, resolve));
    for (const ms of [9, 3, 6, 1]) clock.setTimer(ms, () => order.push(ms));
    await done;
    expect(order).toEqual([1, 3, 6, 9]);
  });

  it('a cancelled timer does not fire', async () => {
    const clock = new RealClock();
    const fired: string[] = [];
    const cancel = clock.setTimer(2, () => fired.push('cancelled'));
    clock.setTimer(1, () => fired.push('kept'));
    cancel();
    await clock.sleep(5);
    expect(fired).toEqual(['kept']);
  });

  it('sleep rejects with the signal reason when aborted first', async () => {
    const clock = new RealClock();
    const controller = new AbortController();
    const sleeping = clock.sleep(10_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(sleeping).rejects.toThrow('stop');
    await expect(clock.sleep(1, controller.signal)).rejects.toThrow('stop');
  });

  it('with spinMs 0 runs on Node timers: sleeps resolve and cancelled timers stay silent', async () => {
    const clock = new RealClock({ spinMs: 0 });
    const fired: string[] = [];
    clock.setTimer(1, () => fired.push('kept'));
    const cancel = clock.setTimer(1, () => fired.push('cancelled'));
    cancel();
    await clock.sleep(5);
    expect(fired).toEqual(['kept']);
  });
});
