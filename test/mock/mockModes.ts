import type { Clock } from '../../base/clock/Clock.ts';
import { installVirtualTimers } from '../../base/clock/installVirtualTimers.ts';
import { RealClock } from '../../base/clock/RealClock.ts';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import { serveMock } from '../../mocks/bindings/httpServer.ts';
import { setupMockServer } from '../../mocks/bindings/msw.ts';
import type { MockConfig, MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { mergeConfig, resolveMockConfig } from '../../mocks/config/presets.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';
import type { MockServer } from '../../mocks/core/types.ts';

/** A running mock that SDK clients can reach at `baseUrl`. */
export interface RunningMock {
  /** Origin of the Anthropic API (`/v1/...` below it); OpenAI clients use `${baseUrl}/v1`. */
  baseUrl: string;
  server: MockServer;
  /** How many streams the binding cancelled (the client went away before their end). */
  cancelledStreams(): number;
  /** Clock time now (virtual or real ms). */
  now(): number;
  /** Runs client work: on the virtual clock in-process, as is over HTTP. */
  run<T>(work: () => Promise<T>): Promise<T>;
  stop(): Promise<void>;
}

/** One way of reaching the mock: in-process through msw on the virtual clock, or over a real socket. */
export interface MockMode {
  name: 'msw' | 'http';
  start(overrides?: MockConfigInput): Promise<RunningMock>;
}

/** The core, with a count of the streams a binding cancels. */
function countingCore(config: MockConfig, clock: Clock): { server: MockServer; cancelled: () => number } {
  const core = createMockServer({ config, clock, random: new Random(7) });
  let cancelled = 0;
  const server: MockServer & { config: MockConfig } = {
    config,
    stats: () => core.stats(),
    handle: async (request) => {
      const response = await core.handle(request);
      if (response.kind === 'json') return response;
      return {
        ...response,
        cancel: () => {
          cancelled++;
          response.cancel();
        },
      };
    },
  };
  return { server, cancelled: () => cancelled };
}

/** The `perfect` preset (no latency, limits or faults) with the overrides on top. */
function config(overrides: MockConfigInput) {
  return resolveMockConfig('perfect', mergeConfig({}, overrides));
}

export const mswMode: MockMode = {
  name: 'msw',
  async start(overrides = {}) {
    const clock = new VirtualClock();
    const { server, cancelled } = countingCore(config(overrides), clock);
    const baseUrl = 'https://api.anthropic.test';
    const msw = setupMockServer(server, clock, { baseUrl });
    msw.listen({ onUnhandledRequest: 'error' });
    const uninstall = installVirtualTimers(clock);
    return {
      baseUrl,
      server,
      cancelledStreams: cancelled,
      now: () => clock.now(),
      run: (work) => clock.run(work()),
      stop: async () => {
        uninstall();
        msw.close();
      },
    };
  },
};

export const httpMode: MockMode = {
  name: 'http',
  async start(overrides = {}) {
    const clock = new RealClock();
    const resolved = config(overrides);
    const { server, cancelled } = countingCore(resolved, clock);
    const served = await serveMock(server, clock, {
      maxBodyBytes: resolved.maxBodyBytes,
      closeDeadlineMs: 500,
    });
    return {
      baseUrl: served.url,
      server,
      cancelledStreams: cancelled,
      now: () => clock.now(),
      run: (work) => work(),
      stop: () => served.close(),
    };
  },
};
