import { type HttpHandler, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import type { Clock } from '../../base/clock/Clock.ts';
import type { MockServer } from '../core/types.ts';
import type { BindingOptions } from './BindingOptions.ts';
import { toFetchHandler } from './fetchHandler.ts';

/** Options of {@link mockHandlers}. */
export interface MockHandlersOptions extends Omit<BindingOptions, 'basePath'> {
  /** Origin (and optional path prefix) requests are intercepted on, e.g. `https://api.anthropic.com`. */
  baseUrl: string;
}

/**
 * msw 2 request handlers that answer every request under `baseUrl` from the mock, in-process: pass
 * them to `setupServer(...handlers)` from `msw/node` and unmodified clients (the official SDKs)
 * talk to the mock through their ordinary `fetch`. Also call {@link cancelResponseClones} on that
 * server (or use {@link setupMockServer}, which does both), or the SDKs' retries hang.
 *
 * Virtual time works: with `installVirtualTimers(clock)` active and `clock.run(work)` driving, the
 * mock's latency, each stream event's `atMs` and the SDK's own retry sleeps all take virtual time.
 *
 * Stream faults arrive as they would over a socket: `reset` errors the body with
 * `TypeError: terminated` (the SDK's raw iterator throws it; `messages.stream()` wraps it as
 * `AnthropicError: terminated`), `close` ends the body cleanly, `stall` never ends (the SDK has no
 * body timeout, so the caller must abort).
 */
export function mockHandlers(server: MockServer, clock: Clock, options: MockHandlersOptions): HttpHandler[] {
  const base = new URL(options.baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const handle = toFetchHandler(server, clock, { ...options, basePath });
  return [http.all(`${base.origin}${basePath}/*`, ({ request }) => handle(request))];
}

/**
 * Works around mswjs/interceptors #712/#799: the interceptor clones every mocked response (a
 * `tee()`) for the `response:mocked` event, and cancelling the client's body then never settles
 * while the clone is unread. The official SDKs cancel the body of a 429/5xx before retrying, so
 * without this a retried request hangs forever (and a stream the client cancels is never released).
 * Cancelling the unread clone at once lets both settle. Returns the function that unsubscribes.
 */
export function cancelResponseClones(mswServer: SetupServer): () => void {
  const listener = ({ response }: { response: Response }): void => {
    response.body?.cancel().catch(() => {});
  };
  mswServer.events.on('response:mocked', listener);
  return () => mswServer.events.removeListener('response:mocked', listener);
}

/**
 * An msw server (not yet listening) answering `baseUrl` from the mock, with
 * {@link cancelResponseClones} applied. Call `.listen()` and, when done, `.close()`.
 */
export function setupMockServer(server: MockServer, clock: Clock, options: MockHandlersOptions): SetupServer {
  const mswServer = setupServer(...mockHandlers(server, clock, options));
  cancelResponseClones(mswServer);
  return mswServer;
}
