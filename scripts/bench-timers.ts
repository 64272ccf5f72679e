/**
 * `npx tsx scripts/bench-timers.ts`: how late real-clock timers fire, and what punctuality costs.
 *
 * `chains` independent timer chains each set a timer 5-50 ms ahead (uniform, seeded), and when it
 * fires, the next one; lateness is the callback's `performance.now()` minus the timer's time. Run
 * with Node's own timers (`spinMs` 0) and with the RealClock's precise scheduler, each for
 * `durationMs`, in this thread. CPU is this process's user+system time over the wall time.
 *
 * Options: --duration 3000 (ms per case) --json
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { RealClock } from '../base/clock/RealClock.ts';
import { Random } from '../base/random/Random.ts';

/** One timer-lateness measurement. */
export interface TimerLateness {
  /** 0: Node's timers; otherwise the precise scheduler's polling window (ms). */
  spinMs: number;
  /** Blocking nap between polls (ms; 0 spins). */
  napMs: number;
  /** Timers outstanding at any time. */
  chains: number;
  fired: number;
  lateP50Ms: number;
  lateP99Ms: number;
  lateMaxMs: number;
  /** Process CPU time over wall time (1 = one core busy). */
  cpuShare: number;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Measures the lateness of `chains` concurrent timer chains for `durationMs` on a RealClock. */
export async function measureTimers(
  spinMs: number,
  chains: number,
  durationMs: number,
  napMs = 0,
): Promise<TimerLateness> {
  const clock = new RealClock({ spinMs, napMs });
  const random = new Random(7, `timers-${chains}`);
  const late: number[] = [];
  const startMs = performance.now();
  const endMs = startMs + durationMs;
  const cpuBefore = process.cpuUsage();
  await new Promise<void>((resolve) => {
    let running = chains;
    const chain = (): void => {
      const delayMs = random.uniform(5, 50);
      const atMs = performance.now() + delayMs;
      clock.setTimer(delayMs, () => {
        const nowMs = performance.now();
        late.push(nowMs - atMs);
        if (nowMs < endMs) chain();
        else if (--running === 0) resolve();
      });
    };
    for (let i = 0; i < chains; i++) chain();
  });
  const wallMs = performance.now() - startMs;
  const cpu = process.cpuUsage(cpuBefore);
  const sorted = Float64Array.from(late).sort();
  return {
    spinMs,
    napMs,
    chains,
    fired: sorted.length,
    lateP50Ms: quantile(sorted, 0.5),
    lateP99Ms: quantile(sorted, 0.99),
    lateMaxMs: sorted[sorted.length - 1] ?? 0,
    cpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
  };
}

/** The cases of the report: Node's timers and the precise scheduler, 1 and 200 chains. */
export async function timerCases(durationMs: number): Promise<TimerLateness[]> {
  const out: TimerLateness[] = [];
  for (const chains of [1, 200]) {
    out.push(await measureTimers(0, chains, durationMs));
    out.push(await measureTimers(1.5, chains, durationMs));
    out.push(await measureTimers(1.5, chains, durationMs, 0.2));
  }
  return out;
}

async function main(): Promise<void> {
  const i = process.argv.indexOf('--duration');
  const durationMs = i < 0 ? 3000 : Number(process.argv[i + 1]);
  const results = await timerCases(durationMs);
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    return;
  }
  for (const r of results) {
    console.log(
      `${r.spinMs === 0 ? 'node timers          ' : `precise ${r.spinMs} ms nap ${r.napMs} ms`} chains ${String(r.chains).padStart(3)}: ` +
        `${r.fired} fired, late p50 ${r.lateP50Ms.toFixed(3)} ms, p99 ${r.lateP99Ms.toFixed(3)} ms, ` +
        `max ${r.lateMaxMs.toFixed(2)} ms, CPU ${(100 * r.cpuShare).toFixed(0)}%`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
