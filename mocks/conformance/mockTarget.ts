/** The mock as a conformance target: in-process through its fetch binding, on a virtual clock. */
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import { toFetchHandler } from '../bindings/fetchHandler.ts';
import { resolveMockConfig } from '../config/presets.ts';
import { createMockServer } from '../core/createMockServer.ts';
import type { ProbeAnswer, ProbeTarget } from './checkConformance.ts';

/**
 * A target answering each probe from a fresh mock: `preset` (default `default`, the limits and
 * headers a paying account sees) with the probe's `mock` settings on top, seed 1, and a virtual
 * clock, so the modelled latency takes no real time.
 */
export function mockTarget(preset = 'default'): ProbeTarget {
  return async (request, probe): Promise<ProbeAnswer> => {
    const clock = new VirtualClock();
    const server = createMockServer({
      config: resolveMockConfig(preset, probe.mock ?? {}),
      clock,
      random: new Random(1),
    });
    const handle = toFetchHandler(server, clock);
    return clock.run(
      (async () => {
        const response = await handle(request);
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name] = value;
        });
        return { status: response.status, headers, text: await response.text() };
      })(),
    );
  };
}
