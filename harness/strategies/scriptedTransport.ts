import type { Clock } from '../../base/clock/Clock.ts';
import { Random } from '../../base/random/Random.ts';
import type { ApiRequest, Outcome, SendOptions, Transport } from '../transport/Transport.ts';
import { type CallContext, newTrace } from './Policy.ts';

/** One call a scripted transport received. */
export interface ScriptedCall {
  /** Clock time the call was made. */
  atMs: number;
  request: ApiRequest;
  options: SendOptions | undefined;
}

/** What the script answers a call with: an outcome after `latencyMs` on the clock. */
export interface ScriptedAnswer {
  outcome: Outcome;
  /** Default: the transport's `latencyMs`. */
  latencyMs?: number;
}

/**
 * A transport for policy tests: answers each call from `script(request, callIndex)` after a
 * latency on the clock, records every call, and honours the abort signal (`aborted` at once).
 */
export function scriptedTransport(
  clock: Clock,
  script: (request: ApiRequest, index: number) => ScriptedAnswer | Outcome,
  latencyMs = 0,
): Transport & { calls: ScriptedCall[] } {
  const calls: ScriptedCall[] = [];
  return {
    calls,
    async send(request, options) {
      const index = calls.length;
      calls.push({ atMs: clock.now(), request, options });
      const answer = script(request, index);
      const scripted = 'outcome' in answer ? answer : { outcome: answer };
      try {
        await clock.sleep(scripted.latencyMs ?? latencyMs, options?.signal);
      } catch {
        return { kind: 'aborted', message: 'aborted in the scripted transport' };
      }
      return scripted.outcome;
    },
  };
}

/** An `ok` outcome with the given text and usage. */
export function okOutcome(text: string, inputTokens = 10, outputTokens = 20): Outcome {
  return { kind: 'ok', text, stopReason: 'end_turn', usage: { inputTokens, outputTokens } };
}

/** A call context for tests: a fresh trace, a seeded random, an optional signal. */
export function testContext(
  clock: Clock,
  options: { signal?: AbortSignal; seed?: number } = {},
): CallContext {
  const context: { -readonly [K in keyof CallContext]: CallContext[K] } = {
    clock,
    random: new Random(options.seed ?? 1, 'test'),
    trace: newTrace(),
  };
  if (options.signal !== undefined) context.signal = options.signal;
  return context;
}

/** A one-message request. */
export function userRequest(content: string, overrides: Partial<ApiRequest> = {}): ApiRequest {
  return {
    model: 'claude-sonnet-4-5',
    maxTokens: 100,
    messages: [{ role: 'user', content }],
    stream: false,
    ...overrides,
  };
}
