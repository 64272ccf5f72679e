import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { DEFAULT_STREAM, type StreamOptions } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * Streams every request (`stream: true`), gives the calls beneath it an idle timeout
 * (`idleTimeoutMs`, passed to the transport through the context), and on a dropped stream starts
 * again at once up to `maxRestarts` times (`onDrop: 'retry'`) or fails (`'fail'`).
 *
 * Restarts count in `trace.streamRestarts`. The output tokens a dropped attempt received are
 * billed and wasted: the transport handler of `buildHandler` adds them to
 * `trace.wastedOutputTokens` for every failed call, whichever policy restarts it. The successful
 * attempt's first-token time ends up in `trace.firstTokenAtMs` the same way.
 *
 * With retry placed beneath it (the `streaming` preset), retry sees drops first; this policy's
 * restarts then act once retry's attempts are spent.
 */
export class StreamPolicy implements Policy {
  readonly name = 'stream';
  readonly options: StreamOptions;

  constructor(options: StreamOptions = DEFAULT_STREAM) {
    this.options = options;
  }

  async execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    const streamed: ApiRequest = request.stream ? request : { ...request, stream: true };
    const inner: CallContext = { ...context, streamIdleTimeoutMs: this.options.idleTimeoutMs };
    for (let restarts = 0; ; restarts++) {
      const outcome = await next(streamed, inner);
      if (outcome.kind === 'ok') {
        if (outcome.firstTokenAtMs !== undefined) context.trace.firstTokenAtMs = outcome.firstTokenAtMs;
        return outcome;
      }
      if (outcome.kind !== 'stream-dropped' || this.options.onDrop === 'fail') return outcome;
      if (restarts >= this.options.maxRestarts || context.signal?.aborted) return outcome;
      context.trace.streamRestarts++;
    }
  }
}

/** A stream policy with the given options (defaults: `DEFAULT_STREAM`). */
export function stream(options: StreamOptions = DEFAULT_STREAM): StreamPolicy {
  return new StreamPolicy(options);
}
