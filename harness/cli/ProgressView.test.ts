import { describe, expect, it } from 'vitest';
import { LiveRun, type RunSnapshot } from '../runner/LiveRun.ts';
import { ProgressView } from './ProgressView.ts';

describe('ProgressView', () => {
  it('redraws by time, however rarely requests finish, and erases its line when stopped', () => {
    let wallMs = 0;
    let tick: (() => void) | undefined;
    let cleared = false;
    const out: string[] = [];
    const view = new ProgressView({
      stream: { write: (text: string) => out.push(text), columns: 100 },
      now: () => wallMs,
      setInterval: (fn) => {
        tick = fn;
        return {};
      },
      clearInterval: () => {
        cleared = true;
      },
    });
    const counters: RunSnapshot = { done: 0, failed: 0, clockMs: 0, warmingUp: false };
    const live = new LiveRun();
    live.attach(() => ({ ...counters }));
    view.on({ type: 'scenario-start', cells: 1, strategies: 1, runs: 1, mode: 'realtime' });
    view.on({ type: 'run-start', run: 0, strategy: 'direct', cellId: 'rate=2/s', total: 20, live });
    wallMs = 1000;
    Object.assign(counters, { done: 2, clockMs: 1000 });
    tick?.();
    // Nothing finished in the next second (a slow target): elapsed and ETA still move.
    wallMs = 2000;
    counters.clockMs = 2000;
    tick?.();
    view.stop();
    view.stop();
    expect(out).toEqual([
      '\x1b[?25l░░░░░░░░░░░░░░░░░░░░ 0% run 1/1 direct [rate=2/s] 0/20 |    0s, ETA     – |    –/s,     – err',
      '\r\x1b[2K██░░░░░░░░░░░░░░░░░░ 10% run 1/1 direct [rate=2/s] 2/20 |    1s, ETA    9s |  2.0/s, 0.00% err',
      '\r\x1b[2K██░░░░░░░░░░░░░░░░░░ 10% run 1/1 direct [rate=2/s] 2/20 |    2s, ETA   18s |  1.0/s, 0.00% err',
      '\r\x1b[2K\x1b[?25h',
    ]);
    expect(cleared).toBe(true);
  });
});
