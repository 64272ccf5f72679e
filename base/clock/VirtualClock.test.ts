import { describe, expect, it } from 'vitest';
import { installVirtualTimers } from './installVirtualTimers.ts';
import { VirtualClock } from './VirtualClock.ts';

describe('VirtualClock', () => {
  it('fires timers in time order, and same-time timers in the order they were set', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    clock.setTimer(30, () => log.push(`c@${clock.now()}`));
    clock.setTimer(10, () => log.push(`a@${clock.now()}`));
    clock.setTimer(10, () => log.push(`b@${clock.now()}`));
    await clock.run(clock.sleep(100));
    expect(log).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(100);
  });

  it('lets long promise chains settle before time moves on', async () => {
    const clock = new VirtualClock();
    const seen: number[] = [];
    const work = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(250);
        for (let j = 0; j < 50; j++) await Promise.resolve();
        seen.push(clock.now());
      }
    };
    await clock.run(Promise.all([work(), clock.sleep(100).then(() => seen.push(clock.now()))]));
    expect(seen).toEqual([100, 250, 500, 750]);
  });

  it('cancels a timer so it never fires, and rejects an aborted sleep with the signal reason', async () => {
    const clock = new VirtualClock();
    let fired = false;
    const cancel = clock.setTimer(5, () => {
      fired = true;
    });
    cancel();
    cancel();
    expect(clock.pendingTimers).toBe(0);
    const controller = new AbortController();
    clock.setTimer(40, () => controller.abort(new Error('stop')));
    const sleeping = clock.sleep(1000, controller.signal).catch((e: Error) => `${e.message}@${clock.now()}`);
    expect(await clock.run(sleeping)).toBe('stop@40');
    expect(fired).toBe(false);
    expect(clock.pendingTimers).toBe(0);
  });

  it('reports a stalled simulation instead of hanging', async () => {
    const clock = new VirtualClock();
    await expect(clock.run(new Promise(() => {}))).rejects.toThrow(/stalled at virtual time 0 ms/);
  });

  it('advance fires due timers and stops at the target time', async () => {
    const clock = new VirtualClock({ epochMs: 1_000_000 });
    const log: number[] = [];
    clock.setTimer(10, () => log.push(clock.now()));
    clock.setTimer(60, () => log.push(clock.now()));
    await clock.advance(50);
    expect(log).toEqual([10]);
    expect(clock.now()).toBe(50);
    expect(clock.epochMs()).toBe(1_000_050);
  });

  it('drives global setTimeout and Date.now while installed, and restores them', async () => {
    const clock = new VirtualClock({ epochMs: 0 });
    const realSetTimeout = globalThis.setTimeout;
    const uninstall = installVirtualTimers(clock);
    try {
      const times: number[] = [];
      const done = new Promise<void>((resolve) => {
        setTimeout(() => {
          times.push(Date.now());
          resolve();
        }, 1500).unref();
      });
      await clock.run(done);
      expect(times).toEqual([1500]);
    } finally {
      uninstall();
    }
    expect(globalThis.setTimeout).toBe(realSetTimeout);
  });
});
