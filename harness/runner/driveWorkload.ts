import type { Clock } from '../../base/clock/Clock.ts';
import { InputError } from '../../base/errors.ts';
import type { Random } from '../../base/random/Random.ts';
import type { Workload } from '../scenario/types.ts';

/** Requests a closed loop may start at one clock instant before the run is declared stuck. */
export const MAX_REQUESTS_AT_ONE_INSTANT = 100_000;

function noProgress(nowMs: number, workload: Workload): InputError {
  return new InputError([
    {
      path: 'workload.arrival',
      message:
        `the closed loop started ${MAX_REQUESTS_AT_ONE_INSTANT} requests at ${nowMs} ms without time moving on: ` +
        'every request completes instantly (cache hits?)' +
        (workload.durationMs !== undefined ? ', so a duration never ends' : '') +
        '; add a thinkTime, or bound the run with requests: instead of duration:',
    },
  ]);
}

/** One logical request the workload wants sent. */
export interface Dispatch {
  /** 0-based sequence number over the whole run, warm-up included. */
  index: number;
  /**
   * When the schedule says it should start (clock ms); latency is measured from here. Open loops:
   * the drawn arrival time. Closed loops: the client's previous answer plus its think time.
   */
  intendedStartMs: number;
  /**
   * When the generator was free to start it (clock ms): `intendedStartMs`, or later when
   * `maxConcurrency` held the open loop back. Start lag (the generator's own) is measured from here.
   */
  readyMs: number;
  /** When it actually started (later than intended when a concurrency cap held it back, or a timer fired late). */
  actualStartMs: number;
  /** Part of the warm-up: executed, not measured. */
  warmup: boolean;
}

/** Executes one request; resolves when it completed (success or failure). Must not reject. */
export type Execute = (dispatch: Dispatch) => Promise<void>;

/**
 * Drives a workload on the clock: a closed loop (N clients, each sending when its previous request
 * finished, plus think time) or an open loop (arrivals on a constant or Poisson schedule, regardless
 * of completions, optionally capped in concurrency). In an open loop a request's latency starts at its
 * intended time, so a saturated client cannot hide its own queueing (coordinated omission).
 * Stops after `warmupRequests + requests` requests, or when `warmupMs + durationMs` has passed, or
 * when `signal` aborts; resolves once every started request finished.
 */
export async function driveWorkload(
  workload: Workload,
  clock: Clock,
  random: Random,
  execute: Execute,
  signal?: AbortSignal,
): Promise<void> {
  const startMs = clock.now();
  const limit =
    workload.requests !== undefined ? workload.warmupRequests + workload.requests : Number.POSITIVE_INFINITY;
  const endMs =
    workload.durationMs !== undefined
      ? startMs + workload.warmupMs + workload.durationMs
      : Number.POSITIVE_INFINITY;
  const isWarmup = (index: number, intendedMs: number): boolean =>
    index < workload.warmupRequests || intendedMs - startMs < workload.warmupMs;
  const arrival = workload.arrival;

  if (arrival.type === 'closed') {
    let next = 0;
    // Requests that complete in no time (cache hits) let a closed loop spin at one instant for ever
    // when the workload is bounded by duration: stop with an explanation instead.
    let instantMs = Number.NaN;
    let atInstant = 0;
    const client = async (): Promise<void> => {
      let scheduledMs = clock.now();
      for (;;) {
        if (signal?.aborted) return;
        const now = clock.now();
        if (next >= limit || now >= endMs) return;
        // A request count ends the run however fast requests complete: only a duration can spin.
        if (now === instantMs) {
          if (++atInstant > MAX_REQUESTS_AT_ONE_INSTANT && limit === Number.POSITIVE_INFINITY) {
            throw noProgress(now, workload);
          }
        } else {
          instantMs = now;
          atInstant = 0;
        }
        const index = next++;
        await execute({
          index,
          intendedStartMs: scheduledMs,
          readyMs: scheduledMs,
          actualStartMs: now,
          warmup: isWarmup(index, now),
        });
        // The next request is meant to go the think time after this answer: a late timer is lag.
        scheduledMs = clock.now() + arrival.thinkTimeMs;
        if (arrival.thinkTimeMs > 0) await clock.sleep(arrival.thinkTimeMs);
      }
    };
    await Promise.all(Array.from({ length: arrival.concurrency }, client));
    return;
  }

  const meanGapMs = 1000 / arrival.ratePerSec;
  const arrivalRandom = random.fork('arrivals');
  const cap = arrival.maxConcurrency ?? Number.POSITIVE_INFINITY;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const running = new Set<Promise<void>>();
  let intendedMs = startMs;
  // When the loop last came out of a wait on the cap: no request can be ready before it.
  let freeAtMs = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < limit; index++) {
    if (index > 0)
      intendedMs += arrival.process === 'poisson' ? arrivalRandom.exponential(meanGapMs) : meanGapMs;
    if (intendedMs >= endMs || signal?.aborted) break;
    const wait = intendedMs - clock.now();
    if (wait > 0) await clock.sleep(wait);
    if (inFlight >= cap) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      freeAtMs = clock.now();
    }
    if (signal?.aborted) break;
    inFlight++;
    const dispatch: Dispatch = {
      index,
      intendedStartMs: intendedMs,
      readyMs: Math.max(intendedMs, freeAtMs),
      actualStartMs: clock.now(),
      warmup: isWarmup(index, intendedMs),
    };
    const done: Promise<void> = execute(dispatch).then(() => {
      inFlight--;
      running.delete(done);
      waiting.shift()?.();
    });
    running.add(done);
  }
  await Promise.all(running);
}
