import { describe, expect, it } from 'vitest';
import { PreciseTimers, type TimerHost } from './PreciseTimers.ts';

/**
 * A hand-driven event loop: `now` moves only when told, coarse timers and immediates are queued
 * and run by `turn()`, naps advance the time they nap.
 */
class FakeHost implements TimerHost {
  nowMs = 0;
  timeouts: { atMs: number; fn: () => void; live: boolean }[] = [];
  immediates: (() => void)[] = [];
  naps: number[] = [];

  now(): number {
    return this.nowMs;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const handle = { atMs: this.nowMs + ms, fn, live: true };
    this.timeouts.push(handle);
    return handle;
  }
  clearTimeout(handle: unknown): void {
    (handle as { live: boolean }).live = false;
  }
  setImmediate(fn: () => void): unknown {
    this.immediates.push(fn);
    return fn;
  }
  nap(ms: number): void {
    this.naps.push(ms);
    this.nowMs += ms;
  }
  liveTimeouts(): number[] {
    return this.timeouts.filter((t) => t.live).map((t) => t.atMs);
  }
  /** One loop turn at the current time: due coarse timers, then the immediates queued before it. */
  turn(): void {
    for (const t of this.timeouts) {
      if (t.live && t.atMs <= this.nowMs) {
        t.live = false;
        t.fn();
      }
    }
    const immediates = this.immediates.splice(0);
    for (const fn of immediates) fn();
  }
}

describe('PreciseTimers', () => {
  it('arms one coarse timer spinMs before the earliest deadline, however many timers are set', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1.5);
    timers.at(30, () => {});
    timers.at(10, () => {});
    timers.at(20, () => {});
    // 28.5 was armed first, then replaced by 8.5 (cleared); 18.5 needed no new timer.
    expect(host.liveTimeouts()).toEqual([8.5]);
    expect(timers.pending).toBe(3);
  });

  it('polls from the coarse wake-up until the deadline and fires at its exact time', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1.5);
    const fired: number[] = [];
    timers.at(10, () => fired.push(host.now()));
    for (const t of [8.5, 9.2, 9.9, 10.05]) {
      host.nowMs = t;
      host.turn();
    }
    expect(fired).toEqual([10.05]);
    expect(host.immediates).toEqual([]);
  });

  it('naps between idle polls for napMs, or just the time left when less', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1.5, 0.2);
    const fired: number[] = [];
    timers.at(10, () => fired.push(host.now()));
    host.nowMs = 9.5;
    host.turn(); // the coarse timer starts polling; a first poll has no idle turn behind it
    host.turn(); // idle turn: naps 0.2 -> 9.7
    host.turn(); // 0.2 -> 9.9
    host.turn(); // 0.1 left -> 10, due
    expect(host.naps.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([0.2, 0.2, 0.1]);
    expect(fired.map((ms) => Math.round(ms * 1000) / 1000)).toEqual([10]);
  });

  it('does not nap after a turn that ran other work (0.05 ms or more between polls)', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1.5, 0.2);
    timers.at(10, () => {});
    host.nowMs = 9;
    host.turn();
    for (const busyMs of [0.3, 0.06, 0.01, 0.3]) {
      host.nowMs += busyMs; // other callbacks of this turn took this long
      host.turn();
    }
    // Only the poll after the 0.01 ms turn napped.
    expect(host.naps).toEqual([0.2]);
  });

  it('fires timers due together in deadline order, then in the order they were set', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1);
    const order: string[] = [];
    timers.at(5, () => order.push('b@5'));
    timers.at(3, () => order.push('a@3'));
    timers.at(5, () => order.push('c@5'));
    timers.at(7, () => order.push('d@7'));
    host.nowMs = 6;
    host.turn();
    expect(order).toEqual(['a@3', 'b@5', 'c@5']);
    expect(timers.pending).toBe(1);
  });

  it('a cancelled timer never fires and leaves the heap at once', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1);
    const fired: string[] = [];
    const cancels = [1, 2, 3, 4, 5, 6].map((t) => timers.at(t, () => fired.push(`t${t}`)));
    cancels[2]?.();
    cancels[0]?.();
    cancels[2]?.(); // idempotent
    expect(timers.pending).toBe(4);
    host.nowMs = 10;
    host.turn();
    expect(fired).toEqual(['t2', 't4', 't5', 't6']);
  });

  it('clears the coarse timer when the last timer is cancelled, so nothing holds the process open', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1.5);
    const cancel = timers.at(5000, () => {});
    expect(host.liveTimeouts()).toEqual([4998.5]);
    cancel();
    expect(host.liveTimeouts()).toEqual([]);
  });

  it('a timer set from a firing timer, already due, fires in the same turn', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1);
    const fired: string[] = [];
    timers.at(2, () => {
      fired.push('first');
      timers.at(1, () => fired.push('second (already past)'));
    });
    host.nowMs = 2;
    host.turn();
    expect(fired).toEqual(['first', 'second (already past)']);
  });

  it('a timer in the past runs on the next turn, not synchronously', () => {
    const host = new FakeHost();
    host.nowMs = 50;
    const timers = new PreciseTimers(host, 1.5);
    const fired: number[] = [];
    timers.at(40, () => fired.push(host.now()));
    expect(fired).toEqual([]);
    host.turn();
    expect(fired).toEqual([50]);
  });

  it('re-arms after a timer throws, so the others still fire', () => {
    const host = new FakeHost();
    const timers = new PreciseTimers(host, 1);
    const fired: string[] = [];
    timers.at(1, () => {
      throw new Error('boom');
    });
    timers.at(20, () => fired.push('later'));
    host.nowMs = 1;
    expect(() => host.turn()).toThrow('boom');
    expect(host.liveTimeouts()).toEqual([19]);
    host.nowMs = 20;
    host.turn();
    expect(fired).toEqual(['later']);
  });
});
