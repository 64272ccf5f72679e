import { Worker } from 'node:worker_threads';
import type { RealClockOptions } from '../../base/clock/RealClock.ts';
import { BenchError } from '../../base/errors.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import type { MockStats } from '../core/types.ts';
import type { FromWorker, MockWorkerData, ToWorker } from './mockWorkerMain.ts';

/** The mock served over HTTP from its own thread. */
export interface MockWorker {
  /** `http://HOST:PORT`, the port actually bound. */
  url: string;
  /** The server's counters, now, and how many calls were SDK retries (`x-stainless-retry-count` ≥ 1). */
  stats(): Promise<{ stats: MockStats; headerRetries: number }>;
  /** Stops the server (gracefully) and the thread. */
  close(): Promise<void>;
}

/**
 * Starts the mock on a loopback port in a worker thread, so that in realtime runs the mock's work
 * does not queue behind the load generator's on one event loop (the timing of what the runner
 * measures is then the client's, not the mock's).
 */
export async function startMockWorker(options: {
  config: MockConfig;
  seed: number;
  host?: string;
  port?: number;
  /** Settings of the worker's RealClock. Default: precise timers. */
  clock?: RealClockOptions;
}): Promise<MockWorker> {
  const data: MockWorkerData = {
    config: options.config,
    seed: options.seed,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
  };
  if (options.clock !== undefined) data.clock = options.clock;
  const worker = new Worker(new URL('./mockWorker.js', import.meta.url), { workerData: data });
  const pending = new Map<number, (snapshot: { stats: MockStats; headerRetries: number }) => void>();
  let nextId = 0;
  let onClosed: (() => void) | undefined;
  const url = await new Promise<string>((resolve, reject) => {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'listening') resolve(message.url);
      else if (message.type === 'stats') {
        pending.get(message.id)?.({
          stats: message.stats as MockStats,
          headerRetries: message.headerRetries,
        });
        pending.delete(message.id);
      } else if (message.type === 'closed') onClosed?.();
      else reject(new BenchError('mock-worker', `the mock's worker failed: ${message.message}`));
    });
    worker.once('error', (error) =>
      reject(new BenchError('mock-worker', `the mock's worker failed: ${error.message}`, { cause: error })),
    );
  });
  const send = (message: ToWorker): void => worker.postMessage(message);
  return {
    url,
    stats: () =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        send({ type: 'stats', id });
      }),
    close: async () => {
      const closed = new Promise<void>((resolve) => {
        onClosed = resolve;
      });
      send({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
