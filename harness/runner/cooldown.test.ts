import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { runScenario } from './runScenario.ts';

const fixedDate = (): Date => new Date('2026-01-01T00:00:00Z');

const YAML = (mode: string) => `
name: cooldown
mode: ${mode}
cooldown: 5s
mock: { preset: perfect, latency: { ttftMs: 1ms, outputTokensPerSec: 100000 } }
workload: { requests: 2, arrival: { type: closed, concurrency: 1 }, maxTokens: [8, 16] }
strategies: [direct, retry]
`;

/** A clock whose sleeps record their length and return at once. */
function recordingClock(onSleep?: (ms: number) => void) {
  const sleeps: number[] = [];
  return {
    sleeps,
    clock: {
      sleep: async (ms: number) => {
        sleeps.push(ms);
        onSleep?.(ms);
      },
    },
  };
}

describe('cooldown between runs', () => {
  it('parses to milliseconds, and is unset by default', () => {
    const file = path.resolve('harness/runner/inline.yaml');
    expect(parseScenario(YAML('realtime'), file).cooldownMs).toBe(5000);
    expect(parseScenario('name: x\nworkload: { requests: 1 }\n', file).cooldownMs).toBeUndefined();
  });

  it('waits between consecutive realtime runs, not before the first', async () => {
    const { sleeps, clock } = recordingClock();
    const scenario = parseScenario(YAML('realtime'), path.resolve('harness/runner/inline.yaml'));
    const results = await runScenario(scenario, { wallClock: fixedDate, cooldownClock: clock });
    expect(results.runs).toHaveLength(4);
    expect(sleeps).toEqual([5000, 5000, 5000]);
  });

  it('starts each realtime run exactly one cooldown after the previous one ends, on the virtual clock', async () => {
    const clock = new VirtualClock();
    const starts: number[] = [];
    const ends: number[] = [];
    const scenario = parseScenario(YAML('realtime'), path.resolve('harness/runner/inline.yaml'));
    let done = false;
    const running = runScenario(scenario, {
      wallClock: fixedDate,
      cooldownClock: clock,
      onEvent: (event) => {
        if (event.type === 'run-start') starts.push(clock.now());
        if (event.type === 'run-end') ends.push(clock.now());
      },
    }).finally(() => {
      done = true;
    });
    // Virtual time moves only while the runner sleeps a cooldown; the runs themselves take none.
    while (!done) {
      if (clock.pendingTimers > 0) await clock.advance(5000);
      else await new Promise((resolve) => setImmediate(resolve));
    }
    await running;
    expect(starts).toEqual([0, 5000, 10000, 15000]);
    expect(ends).toEqual([0, 5000, 10000, 15000]);
  });

  it('is ignored in simulated mode, where every run has a fresh mock and clock', async () => {
    const { sleeps, clock } = recordingClock();
    const scenario = parseScenario(YAML('simulated'), path.resolve('harness/runner/inline.yaml'));
    await runScenario(scenario, { wallClock: fixedDate, cooldownClock: clock });
    expect(sleeps).toEqual([]);
  });

  it('stops the scenario when interrupted during a cooldown', async () => {
    const controller = new AbortController();
    const { sleeps, clock } = recordingClock(() => controller.abort());
    const scenario = parseScenario(YAML('realtime'), path.resolve('harness/runner/inline.yaml'));
    const results = await runScenario(scenario, {
      wallClock: fixedDate,
      cooldownClock: clock,
      signal: controller.signal,
    });
    expect(sleeps).toEqual([5000]);
    expect(results.runs).toHaveLength(1);
    expect(results.partial).toBe(true);
  });
});
