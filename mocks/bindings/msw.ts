import { type HttpHandler, http } from 'msw';
import type { Clock } from '../../harness/clock/Clock.ts';
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
 * talk to the mock through their ordinary `fetch`.
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
  const origin = `${base.origin}${basePath}`;
  return [http.all(`${origin}/*`, ({ request }) => handle(request))];
}
