import type { Clock } from '../../base/clock/Clock.ts';
import { InputError } from '../../base/errors.ts';
import type { Random } from '../../base/random/Random.ts';
import type { SessionWorkload } from './SessionWorkload.ts';

/** Runs session number `index` (0-based, in start order) to its end; must not reject. */
export type RunOne = (index: number) => Promise<void>;

/** Sessions one closed-loop agent may start at one clock instant before the run is declared stuck. */
const MAX_SESSIONS_AT_ONE_INSTANT = 10_000;

/**
 * Starts the sessions of a workload on the clock: `concurrency` agents in a closed loop (each
 * starts its next session when its last one ended), or session starts on a Poisson schedule
 * (`random`'s `arrivals` stream), regardless of completions. Stops starting after `count`
 * sessions, or when `durationMs` has passed, or when `signal` aborts; resolves once every started
 * session ended.
 */
export async function driveSessions(
  sessions: SessionWorkload,
  durationMs: number | undefined,
  clock: Clock,
  random: Random,
  runOne: RunOne,
  signal: AbortSignal,
): Promise<void> {
  const startMs = clock.now();
  const limit = sessions.count ?? Number.POSITIVE_INFINITY;
  const endMs = durationMs !== undefined ? startMs + durationMs : Number.POSITIVE_INFINITY;
  let started = 0;
  const arrival = sessions.arrival;
  if (arrival.type === 'closed') {
    const agent = async (): Promise<void> => {
      let instantMs = Number.NaN;
      let atInstant = 0;
      for (;;) {
        const now = clock.now();
        if (signal.aborted || started >= limit || now >= endMs) return;
        if (now === instantMs) {
          if (++atInstant > MAX_SESSIONS_AT_ONE_INSTANT) {
            throw new InputError([
              {
                path: 'workload.sessions',
                message: `an agent started ${MAX_SESSIONS_AT_ONE_INSTANT} sessions at ${now} ms without time moving on: every turn completes instantly; bound the run with sessions.count`,
              },
            ]);
          }
        } else {
          instantMs = now;
          atInstant = 0;
        }
        await runOne(started++);
      }
    };
    await Promise.all(Array.from({ length: arrival.concurrency }, agent));
    return;
  }
  const arrivals = random.fork('arrivals');
  const meanGapMs = 1000 / arrival.ratePerSec;
  const running = new Set<Promise<void>>();
  let atMs = startMs;
  while (started < limit) {
    if (started > 0) atMs += arrivals.exponential(meanGapMs);
    if (atMs >= endMs || signal.aborted) break;
    const wait = atMs - clock.now();
    if (wait > 0) {
      try {
        await clock.sleep(wait, signal);
      } catch {
        break;
      }
    }
    const done: Promise<void> = runOne(started++).then(() => {
      running.delete(done);
    });
    running.add(done);
  }
  await Promise.all(running);
}
