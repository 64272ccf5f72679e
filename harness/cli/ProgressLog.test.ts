import { describe, expect, it } from 'vitest';
import { ProgressLog } from './ProgressLog.ts';

function fakeLog() {
  const lines: string[] = [];
  let tick: (() => void) | undefined;
  let cleared = false;
  const log = new ProgressLog({
    write: (line) => lines.push(line),
    setInterval: (fn) => {
      tick = fn;
      return {};
    },
    clearInterval: () => {
      cleared = true;
    },
  });
  return { log, lines, tick: () => tick?.(), cleared: () => cleared };
}

describe('ProgressLog', () => {
  it('writes where the scenario is at each tick, only when it moved', () => {
    const { log, lines, tick } = fakeLog();
    tick(); // nothing started yet
    log.on({ type: 'scenario-start', cells: 2, strategies: 2, runs: 4 });
    log.on({ type: 'run-start', run: 0, strategy: 'direct', cellId: 'concurrency=5', total: 2000 });
    log.on({ type: 'progress', run: 0, done: 768, total: 2000 });
    tick();
    tick(); // unchanged: no line
    log.on({ type: 'run-start', run: 1, strategy: 'retry', cellId: 'rate=20/s', durationMs: 600_000 });
    log.on({ type: 'progress', run: 1, done: 2560, elapsedMs: 128_000, durationMs: 600_000 });
    tick();
    expect(lines).toEqual([
      'progress: run 1/4 direct [concurrency=5] 768/2000',
      'progress: run 2/4 retry [rate=20/s] 2m 8s of 10m, 2560 requests',
    ]);
  });

  it('stops its timer', () => {
    const { log, cleared } = fakeLog();
    log.stop();
    expect(cleared()).toBe(true);
  });
});
