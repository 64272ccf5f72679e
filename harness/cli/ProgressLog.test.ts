import { describe, expect, it } from 'vitest';
import { LiveRun, type RunSnapshot } from '../runner/LiveRun.ts';
import { ProgressLog } from './ProgressLog.ts';

function fakeLog() {
  let wallMs = 0;
  const lines: string[] = [];
  let tick: (() => void) | undefined;
  let cleared = false;
  const log = new ProgressLog({
    write: (line) => lines.push(line),
    now: () => wallMs,
    setInterval: (fn) => {
      tick = fn;
      return {};
    },
    clearInterval: () => {
      cleared = true;
    },
  });
  const at = (ms: number) => {
    wallMs = ms;
    tick?.();
  };
  return { log, lines, at, cleared: () => cleared };
}

function liveRun(counters: RunSnapshot): LiveRun {
  const live = new LiveRun();
  live.attach(() => ({ ...counters }));
  return live;
}

describe('ProgressLog', () => {
  it('writes a plain line at every tick while a run is under way, and none between runs', () => {
    const { log, lines, at } = fakeLog();
    at(5000); // nothing started yet
    log.on({ type: 'scenario-start', cells: 2, strategies: 2, runs: 4, mode: 'simulated' });
    const first = { done: 0, failed: 0, clockMs: 0, warmingUp: false };
    log.on({
      type: 'run-start',
      run: 0,
      strategy: 'direct',
      cellId: 'concurrency=5',
      total: 2000,
      live: liveRun(first),
    });
    Object.assign(first, { done: 768, failed: 8, clockMs: 76_800 });
    at(10_000);
    at(15_000); // the simulation stood still: elapsed moves, no rate
    log.on({ type: 'run-end', run: 0, result: {} as never, wallMs: 12_000 });
    at(20_000);
    const second = { done: 2560, failed: 0, clockMs: 128_000, warmingUp: false };
    log.on({
      type: 'run-start',
      run: 1,
      strategy: 'retry',
      cellId: 'rate=20/s',
      durationMs: 600_000,
      live: liveRun(second),
    });
    at(25_000);
    expect(lines).toEqual([
      'progress: run 1/4 direct [concurrency=5] 768/2000 (38%); 5 s elapsed, simulated 1 min 16 s, ETA 8 s, 10.0/s, 1.04% errors',
      'progress: run 1/4 direct [concurrency=5] 768/2000 (38%); 10 s elapsed, simulated 1 min 16 s, ETA 16 s, –/s, 1.04% errors',
      'progress: run 2/4 retry [rate=20/s] 2 min 8 s of 10 min, 2560 requests (21%); 5 s elapsed, ETA 18.4 s, 20.0/s, 0.00% errors',
    ]);
  });

  it('stops its timer', () => {
    const { log, cleared } = fakeLog();
    log.stop();
    expect(cleared()).toBe(true);
  });
});
