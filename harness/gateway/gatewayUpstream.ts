import type { RealClockOptions } from '../../base/clock/RealClock.ts';
import { type MockWorker, startMockWorker } from '../../mocks/bindings/mockWorkerClient.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import type { GatewaySpec } from './GatewaySpec.ts';
import { type RunningGateway, startGateway } from './startGateway.ts';

/** A fresh local mock on a loopback port with the user's gateway started in front of it. */
export interface GatewayUpstream {
  /** The gateway's URL: where the clients send their requests. */
  baseUrl: string;
  /** The mock behind it: what reached the upstream. */
  mock: MockWorker;
  gateway: RunningGateway;
  close(): Promise<void>;
}

/**
 * Starts the scenario's mock in a worker thread, then the gateway pointed at it, and waits until the
 * gateway is ready. Throws a GatewayError (after stopping both) when the gateway does not come up.
 */
export async function startGatewayUpstream(
  scenario: ResolvedScenario & { gateway: GatewaySpec },
  logFile: string,
  realClock?: RealClockOptions,
): Promise<GatewayUpstream> {
  const options: Parameters<typeof startMockWorker>[0] = { config: scenario.mock, seed: scenario.seed };
  if (realClock !== undefined) options.clock = realClock;
  const mock = await startMockWorker(options);
  let gateway: RunningGateway;
  try {
    gateway = await startGateway(scenario.gateway, { mockUrl: mock.url, logFile });
  } catch (error) {
    await mock.close();
    throw error;
  }
  return {
    baseUrl: gateway.url,
    mock,
    gateway,
    close: async () => {
      await gateway.stop();
      await mock.close();
    },
  };
}
