/**
 * A user strategy module that ramps its own sending rate up gradually, as Anthropic's rate-limit
 * docs advise against acceleration limits ("ramp up your traffic gradually"), then sends each
 * request with the official SDK (./anthropic-sdk.ts). Requests wait their turn in arrival order;
 * the rate starts at `startPerMin` and grows by `growthPerMin` times a minute, continuously, up to
 * `maxPerMin`. The ramp starts at the first call, and starts over after `idleResetMs` without a
 * call or when the clock goes back (the next simulated run in the same process).
 *
 * Options: `startPerMin` (6), `growthPerMin` (1.8), `maxPerMin` (120), `idleResetMs` (60000),
 * `maxRetries` (0, handed to the SDK).
 */
import type { UserContext, UserRequest, UserResult } from '../../harness/runner/userModule.ts';
import send from './anthropic-sdk.ts';

interface RampOptions {
  startPerMin?: number;
  growthPerMin?: number;
  maxPerMin?: number;
  idleResetMs?: number;
  maxRetries?: number;
}

/** The pacer's state: when the ramp started and when the next request may go (clock ms). */
let rampStartMs: number | undefined;
let nextAtMs = 0;
let lastCallMs = Number.NEGATIVE_INFINITY;

/** When a request arriving now may be sent, per the ramp; books its slot. */
function turn(nowMs: number, options: RampOptions): number {
  const idleResetMs = options.idleResetMs ?? 60_000;
  if (rampStartMs === undefined || nowMs < lastCallMs || nowMs - lastCallMs > idleResetMs) {
    rampStartMs = nowMs;
    nextAtMs = nowMs;
  }
  lastCallMs = nowMs;
  const atMs = Math.max(nowMs, nextAtMs);
  const minutes = (atMs - rampStartMs) / 60_000;
  const perMin = Math.min(
    options.maxPerMin ?? 120,
    (options.startPerMin ?? 6) * (options.growthPerMin ?? 1.8) ** minutes,
  );
  nextAtMs = atMs + 60_000 / perMin;
  return atMs;
}

export default async function rampUp(request: UserRequest, context: UserContext): Promise<UserResult> {
  const options = (context.options ?? {}) as RampOptions;
  const waitMs = turn(context.now(), options) - context.now();
  if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
  return send(request, { ...context, options: { maxRetries: options.maxRetries ?? 0 } });
}
