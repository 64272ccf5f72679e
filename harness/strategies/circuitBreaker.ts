import type { ApiRequest, FailureKind, Outcome } from '../transport/Transport.ts';
import { CircuitBreakerState } from './CircuitBreakerState.ts';
import { type CircuitBreakerOptions, DEFAULT_CIRCUIT_BREAKER } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * Outcomes that count as failures of the upstream: the API's 429, 529 and 5xx, timeouts, connection
 * errors and dropped streams. The caller's own mistakes (`invalid-request`, `auth-error`), aborts
 * and client-side refusals neither open nor close the circuit.
 */
const UPSTREAM_FAILURES: ReadonlySet<FailureKind> = new Set<FailureKind>([
  'rate-limited',
  'overloaded',
  'server-error',
  'timeout',
  'connection-error',
  'stream-dropped',
]);

/**
 * Fails fast with `circuit-open` while the upstream keeps failing (see `CircuitBreakerState`).
 * A client-side `rate-limited` (no HTTP status) does not count; one with a status does.
 */
export class CircuitBreakerPolicy implements Policy {
  readonly name = 'circuitBreaker';
  readonly breaker: CircuitBreakerState;

  constructor(options: CircuitBreakerOptions = DEFAULT_CIRCUIT_BREAKER) {
    this.breaker = new CircuitBreakerState(options.failureThreshold, options.openMs);
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const breaker = this.breaker;
    if (!breaker.tryPass(context.clock.now())) {
      return {
        kind: 'circuit-open',
        message: `circuit open after ${breaker.failureThreshold} consecutive upstream failures; next trial at ${breaker.openedAtMs + breaker.openMs} ms`,
      };
    }
    const outcome = await next(request, context);
    if (outcome.kind === 'ok') breaker.onSuccess();
    else if (
      UPSTREAM_FAILURES.has(outcome.kind) &&
      (outcome.kind !== 'rate-limited' || outcome.status !== undefined)
    ) {
      breaker.onFailure(context.clock.now());
    } else breaker.onNeutral();
    return outcome;
  }
}

/** A circuit breaker policy with the given options (defaults: `DEFAULT_CIRCUIT_BREAKER`). */
export function circuitBreaker(
  options: CircuitBreakerOptions = DEFAULT_CIRCUIT_BREAKER,
): CircuitBreakerPolicy {
  return new CircuitBreakerPolicy(options);
}
