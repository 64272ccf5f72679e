import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { type ConnectionOptions, DEFAULT_CONNECTION, type PolicySpec } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * A marker: connection reuse (keep-alive pool or a new connection per request, seed 003) is a
 * property of the HTTP transport, not of a call, so this policy passes calls through unchanged.
 * The runner reads the options with `connectionOptionsOf(specs)` and builds the transport with
 * them (`createHttpTransport({ connection })`); the direct transport has no connections.
 */
export class ConnectionPolicy implements Policy {
  readonly name = 'connection';
  readonly options: ConnectionOptions;

  constructor(options: ConnectionOptions = DEFAULT_CONNECTION) {
    this.options = options;
  }

  execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    return next(request, context);
  }
}

/** The connection options a strategy asks for: its `connection` policy's, else `DEFAULT_CONNECTION`. */
export function connectionOptionsOf(specs: readonly PolicySpec[]): ConnectionOptions {
  for (const spec of specs) if (spec.type === 'connection') return spec.options;
  return DEFAULT_CONNECTION;
}

/** A connection marker policy. */
export function connection(options: ConnectionOptions = DEFAULT_CONNECTION): ConnectionPolicy {
  return new ConnectionPolicy(options);
}
