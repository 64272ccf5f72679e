import { parentPort, workerData } from 'node:worker_threads';
import { RealClock, type RealClockOptions } from '../../base/clock/RealClock.ts';
import { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import { createMockServer } from '../core/createMockServer.ts';
import type { MockServer } from '../core/types.ts';
import { serveMock } from './httpServer.ts';

/** What the parent sends when it starts the worker. */
export interface MockWorkerData {
  config: MockConfig;
  seed: number;
  host: string;
  port: number;
  clock?: RealClockOptions;
}

/** Messages between the parent and the worker. */
export type ToWorker = { type: 'stats'; id: number } | { type: 'close' };
export type FromWorker =
  | { type: 'listening'; url: string }
  | { type: 'stats'; id: number; stats: unknown; headerRetries: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

const port = parentPort;
if (port === null) throw new Error('mockWorkerMain.ts runs only as a worker thread');
const data = workerData as MockWorkerData;
const clock = new RealClock(data.clock);
const core = createMockServer({ config: data.config, clock, random: new Random(data.seed).fork('mock') });
/** Calls the official SDKs marked as retries (`x-stainless-retry-count` ≥ 1): how user modules' retries are counted. */
let headerRetries = 0;
const server: MockServer = {
  handle: (request) => {
    if (Number(request.headers['x-stainless-retry-count'] ?? 0) > 0) headerRetries++;
    return core.handle(request);
  },
  stats: () => core.stats(),
};
const post = (message: FromWorker): void => port.postMessage(message);
try {
  const served = await serveMock(server, clock, { host: data.host, port: data.port });
  port.on('message', (message: ToWorker) => {
    if (message.type === 'stats')
      post({ type: 'stats', id: message.id, stats: server.stats(), headerRetries });
    else if (message.type === 'close') {
      served.close().then(
        () => {
          post({ type: 'closed' });
          port.close();
        },
        (error: unknown) => post({ type: 'error', message: String(error) }),
      );
    }
  });
  post({ type: 'listening', url: served.url });
} catch (error) {
  post({ type: 'error', message: (error as Error).message });
}
