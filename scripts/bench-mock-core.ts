/**
 * Micro-benchmark of the mock core: logical requests per wall second through `createMockServer`
 * on the virtual clock, with no HTTP and no binding (what a simulated run pays per upstream call).
 *
 *   npx tsx scripts/bench-mock-core.ts [requests=300000] [preset=perfect]
 *
 * Prints non-stream and stream figures for a closed loop of 64 concurrent callers sending 1,000
 * distinct short prompts. Figures vary with the machine; run it on an idle one.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { VirtualClock } from '../base/clock/VirtualClock.ts';
import { Random } from '../base/random/Random.ts';
import { resolveMockConfig } from '../mocks/config/presets.ts';
import { createMockServer } from '../mocks/core/createMockServer.ts';
import type { MockRequest } from '../mocks/core/types.ts';

const CONCURRENCY = 64;
const PROMPTS = 1000;

const headers = {
  'x-api-key': 'sk-bench',
  'anthropic-version': '2023-06-01',
  'content-type': 'application/json',
};

function requests(stream: boolean): MockRequest[] {
  const out: MockRequest[] = [];
  for (let i = 0; i < PROMPTS; i++) {
    out.push({
      method: 'POST',
      path: '/v1/messages',
      headers,
      json: {
        model: 'claude-sonnet-4-5',
        max_tokens: 256,
        stream,
        messages: [
          {
            role: 'user',
            content: `Summarise ticket #${i}: the customer cannot log in after a password reset.`,
          },
        ],
      },
    });
  }
  return out;
}

/** Logical requests per wall second through the core, with the virtual time they covered. */
export interface MockCoreResult {
  stream: boolean;
  preset: string;
  requests: number;
  perSec: number;
  virtualMs: number;
  statuses: string;
}

/** Sends `total` requests through `createMockServer` (64 closed-loop callers) on a VirtualClock. */
export async function measureMockCore(
  total: number,
  preset: string,
  stream: boolean,
): Promise<MockCoreResult> {
  const clock = new VirtualClock();
  const server = createMockServer({ config: resolveMockConfig(preset), clock, random: new Random(42) });
  const pool = requests(stream);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const request = pool[next++ % PROMPTS] as MockRequest;
      const response = await server.handle(request);
      if (response.kind === 'stream') response.cancel();
    }
  };
  const started = performance.now();
  await clock.run(Promise.all(Array.from({ length: CONCURRENCY }, worker)));
  const elapsedMs = performance.now() - started;
  const { byStatus } = server.stats();
  const answered = Object.values(byStatus).reduce((a, b) => a + b, 0);
  if (answered !== total) throw new Error(`expected ${total} answers, got ${JSON.stringify(byStatus)}`);
  return {
    stream,
    preset,
    requests: total,
    perSec: (total / elapsedMs) * 1000,
    virtualMs: clock.now(),
    statuses: JSON.stringify(byStatus),
  };
}

/** A warm-up pass (discarded), then non-stream and stream. */
export async function measureMockCoreBoth(total: number, preset = 'perfect'): Promise<MockCoreResult[]> {
  await measureMockCore(total, preset, false);
  return [await measureMockCore(total, preset, false), await measureMockCore(total, preset, true)];
}

async function main(): Promise<void> {
  const total = Number(process.argv[2] ?? 300_000);
  const preset = process.argv[3] ?? 'perfect';
  for (const { stream, perSec, virtualMs, statuses } of await measureMockCoreBoth(total, preset)) {
    console.log(
      `${stream ? 'stream    ' : 'non-stream'} preset=${preset} requests=${total}: ${Math.round(perSec).toLocaleString('en-US')} requests/s (virtual time ${virtualMs.toFixed(0)} ms, statuses ${statuses})`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
