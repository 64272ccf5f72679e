import type { MockStats } from './types.ts';

function bump(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

/** The server's counters; {@link snapshot} copies them into a {@link MockStats}. */
export class StatsCounter {
  requests = 0;
  inputTokens = 0;
  outputTokens = 0;
  cacheReadTokens = 0;
  cacheWriteTokens = 0;
  cacheWrite1hTokens = 0;
  readonly #byStatus: Record<string, number> = {};
  readonly #byErrorType: Record<string, number> = {};
  readonly #rateLimited: Record<string, number> = {};
  readonly #streamFaults: Record<string, number> = {};
  readonly #statusKeys = new Map<number, string>();

  /** A response was delivered with `status`; error responses also name their `error.type`. */
  response(status: number, errorType?: string): void {
    let key = this.#statusKeys.get(status);
    if (key === undefined) {
      key = String(status);
      this.#statusKeys.set(status, key);
    }
    bump(this.#byStatus, key);
    if (errorType !== undefined) bump(this.#byErrorType, errorType);
  }

  /** A 429 refused by `limit` (`requests`, `input-tokens`, `output-tokens`, `duplicate`). */
  rateLimited(limit: string): void {
    bump(this.#rateLimited, limit);
  }

  /** An injected stream fault reached the client; an `error-event` also counts its error type. */
  streamFault(kind: string): void {
    bump(this.#streamFaults, kind);
    if (kind === 'error-event') bump(this.#byErrorType, 'overloaded_error');
  }

  snapshot(inFlight: number): MockStats {
    return {
      requests: this.requests,
      byStatus: { ...this.#byStatus },
      byErrorType: { ...this.#byErrorType },
      rateLimited: { ...this.#rateLimited },
      streamFaults: { ...this.#streamFaults },
      inputTokens: this.inputTokens,
      outputTokens: this.outputTokens,
      cacheReadTokens: this.cacheReadTokens,
      cacheWriteTokens: this.cacheWriteTokens,
      cacheWrite1hTokens: this.cacheWrite1hTokens,
      inFlight,
    };
  }
}
