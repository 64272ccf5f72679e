import type { ApiRequest, Outcome, SendOptions, Transport } from '../transport/Transport.ts';
import { createPolicies } from './createPolicies.ts';
import type { PolicySpec } from './options.ts';
import { type CallContext, type Handler, type Policy, wrap } from './Policy.ts';

/**
 * The end of every chain: one upstream call through the transport. This is the one place attempts
 * are counted (`trace.attempts += 1` per call, so retries, stream restarts and batch fallbacks all
 * count where they really call, and a batch shares its calls out 1/size). It also records, from the
 * call's outcome, the first-token time of a successful stream (`trace.firstTokenAtMs`) and the
 * output tokens a failed call was billed for (`trace.wastedOutputTokens`: a dropped or abandoned
 * stream's partial output), and the calls answered 429 (`trace.rateLimited`).
 */
export function transportHandler(transport: Transport, onCall?: OnCall): Handler {
  return async (request: ApiRequest, context: CallContext): Promise<Outcome> => {
    const trace = context.trace;
    // A whole attempt before this one: a retry or a stream restart (a batch member's share, or a
    // fallback after its batch, is not).
    const retry = trace.attempts >= 1;
    trace.attempts += 1;
    let options: SendOptions | undefined;
    if (context.signal !== undefined || context.streamIdleTimeoutMs !== undefined) {
      options = {};
      if (context.signal !== undefined) options.signal = context.signal;
      if (context.streamIdleTimeoutMs !== undefined)
        options.streamIdleTimeoutMs = context.streamIdleTimeoutMs;
    }
    const outcome = await transport.send(request, options);
    onCall?.(outcome, retry);
    if (outcome.kind === 'ok') {
      if (outcome.firstTokenAtMs !== undefined) trace.firstTokenAtMs = outcome.firstTokenAtMs;
    } else {
      if (outcome.kind === 'rate-limited') trace.rateLimited += 1;
      if (outcome.usage !== undefined && outcome.usage.outputTokens > 0)
        trace.wastedOutputTokens += outcome.usage.outputTokens;
    }
    return outcome;
  };
}

/** Told of every upstream call as it ends: its outcome, and whether it retried an earlier call. */
export type OnCall = (outcome: Outcome, retry: boolean) => void;

/**
 * The handler of one strategy run: fresh policies from `specs` (or the given instances), composed
 * outside-in with `wrap` around `transportHandler(transport)`. Call it once per strategy run: the
 * policies' state (cache, buckets, breaker, pending batches) lives as long as the handler.
 */
export function buildHandler(
  specs: readonly PolicySpec[] | readonly Policy[],
  transport: Transport,
  onCall?: OnCall,
): Handler {
  const policies =
    specs.length > 0 && 'execute' in (specs[0] as object)
      ? (specs as readonly Policy[])
      : createPolicies(specs as readonly PolicySpec[]);
  return wrap(policies, transportHandler(transport, onCall));
}
