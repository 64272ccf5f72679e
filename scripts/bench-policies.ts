/**
 * `npx tsx scripts/bench-policies.ts`: the strategies' and transports' hot paths, with tinybench.
 *
 *   sse encode      the mock's encoder for the same stream's 105 events (what the HTTP binding writes)
 *   sse parse       SseParser over a 300-token Anthropic stream: whole, and in 64-byte and 3-byte chunks
 *   token bucket    TokenBucket.reserve / LeakyBucket.reserve (one request each)
 *   cache key       cacheKey (the key string itself) against md5 and sha1 of it, short and long prompts
 *   virtual clock   VirtualClock: 1000 sleeps at spread times set and run to completion
 *   direct          logical requests per wall second through buildHandler + the direct transport
 *                   into the real mock core (preset `perfect`) on the virtual clock, for the
 *                   `direct`, `retry` and `cached` presets and streaming
 *
 * Options: --time 500 (ms per tinybench task), --requests 20000 (per direct run).
 * `measurePolicies` returns the same figures as data.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { VirtualClock } from '../base/clock/VirtualClock.ts';
import { TokenBucket } from '../base/limits/TokenBucket.ts';
import { Random } from '../base/random/Random.ts';
import { buildHandler } from '../harness/strategies/buildHandler.ts';
import { cacheKey } from '../harness/strategies/cacheKey.ts';
import { LeakyBucket } from '../harness/strategies/LeakyBucket.ts';
import { type PolicySpec, PRESET_STRATEGIES } from '../harness/strategies/options.ts';
import { newTrace } from '../harness/strategies/Policy.ts';
import { createDirectTransport } from '../harness/transport/directTransport.ts';
import { SseParser } from '../harness/transport/sse.ts';
import type { ApiRequest } from '../harness/transport/Transport.ts';
import { resolveMockConfig } from '../mocks/config/presets.ts';
import { createMockServer } from '../mocks/core/createMockServer.ts';
import { encodeAnthropicEvent } from '../mocks/protocol/sse.ts';

/** One tinybench task's figures. */
export interface MicroResult {
  task: string;
  opsPerSec: number;
  meanNs: number;
}

/** Logical requests per wall second through the direct transport on the virtual clock. */
export interface DirectResult {
  name: string;
  requestsPerSec: number;
}

// --- SSE ----------------------------------------------------------------------------------------
const streamEvents: { event: string; data: unknown }[] = [];
const sse = (event: string, data: unknown): string => {
  streamEvents.push({ event, data });
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
};
let streamText = sse('message_start', {
  type: 'message_start',
  message: {
    id: 'msg_01',
    type: 'message',
    role: 'assistant',
    content: [],
    usage: { input_tokens: 25, output_tokens: 1 },
  },
});
streamText += sse('content_block_start', {
  type: 'content_block_start',
  index: 0,
  content_block: { type: 'text', text: '' },
});
for (let i = 0; i < 100; i++) {
  streamText += sse('content_block_delta', {
    type: 'content_block_delta',
    index: 0,
    delta: { type: 'text_delta', text: 'lorem ipsum ' },
  });
}
streamText += sse('content_block_stop', { type: 'content_block_stop', index: 0 });
streamText += sse('message_delta', {
  type: 'message_delta',
  delta: { stop_reason: 'end_turn' },
  usage: { output_tokens: 300 },
});
streamText += sse('message_stop', { type: 'message_stop' });
const streamBytes = new TextEncoder().encode(streamText);
const chunks = (size: number): Uint8Array[] => {
  const out: Uint8Array[] = [];
  for (let i = 0; i < streamBytes.length; i += size) out.push(streamBytes.subarray(i, i + size));
  return out;
};
const chunks64 = chunks(64);
const stringChunks64: string[] = [];
for (let i = 0; i < streamText.length; i += 64) stringChunks64.push(streamText.slice(i, i + 64));
const chunks3 = chunks(3);
let sink = 0;
const parser = (): SseParser =>
  new SseParser((_event, data) => {
    sink += data.length;
  });

// --- cache keys ---------------------------------------------------------------------------------
const request = (content: string): ApiRequest => ({
  model: 'claude-sonnet-4-5',
  maxTokens: 256,
  system: 'You are a helpful assistant.',
  messages: [{ role: 'user', content }],
  stream: false,
});
const shortRequest = request('What is the capital of France?');
const longRequest = request('Summarise this contract clause. '.repeat(70));

/** 1000 entries keyed both ways, each lookup building a fresh key as the cache policy does. */
const byString = new Map<string, number>();
const byMd5 = new Map<string, number>();
for (let i = 0; i < 1000; i++) {
  const key = cacheKey(request(`other prompt ${i} `.repeat(i % 50)));
  byString.set(key, i);
  byMd5.set(createHash('md5').update(key).digest('hex'), i);
}
byString.set(cacheKey(shortRequest), 1);
byString.set(cacheKey(longRequest), 2);
byMd5.set(createHash('md5').update(cacheKey(shortRequest)).digest('hex'), 1);
byMd5.set(createHash('md5').update(cacheKey(longRequest)).digest('hex'), 2);

/** Runs the tinybench tasks (`timeMs` each) and the direct-transport runs (`requests` each). */
export async function measurePolicies(
  timeMs: number,
  requests: number,
): Promise<{ micro: MicroResult[]; direct: DirectResult[] }> {
  const bench = new Bench({ time: timeMs });
  bench
    .add(`sse encode: ${streamEvents.length} events (the mock's encoder)`, () => {
      for (const e of streamEvents) sink += encodeAnthropicEvent(e.event, e.data).length;
    })
    .add(`sse parse: whole stream (${streamBytes.length} B, 105 events)`, () => {
      const p = parser();
      p.push(streamText);
      p.finish();
    })
    .add('sse parse: 64-byte chunks (UTF-8 decoded)', () => {
      const p = parser();
      for (const c of chunks64) p.push(c);
      p.finish();
    })
    .add('sse parse: 64-char string chunks (as res.setEncoding gives)', () => {
      const p = parser();
      for (const c of stringChunks64) p.push(c);
      p.finish();
    })
    .add('sse parse: 3-byte chunks', () => {
      const p = parser();
      for (const c of chunks3) p.push(c);
      p.finish();
    });
  const bucket = new TokenBucket(1e12, 1e12);
  const leaky = new LeakyBucket(1e12);
  let t = 0;
  bench
    .add('TokenBucket.reserve', () => {
      sink += bucket.reserve(1, t++);
    })
    .add('LeakyBucket.reserve', () => {
      sink += leaky.reserve(1, t++);
    });
  for (const [label, r] of [
    [`short prompt (${shortRequest.messages[0]?.content.length} chars)`, shortRequest],
    [`long prompt (${longRequest.messages[0]?.content.length} chars)`, longRequest],
  ] as const) {
    bench
      .add(`cache key, ${label}: key string`, () => {
        sink += cacheKey(r).length;
      })
      .add(`cache key, ${label}: md5 hex`, () => {
        sink += createHash('md5').update(cacheKey(r)).digest('hex').length;
      })
      .add(`cache key, ${label}: sha1 hex`, () => {
        sink += createHash('sha1').update(cacheKey(r)).digest('hex').length;
      })
      .add(`cache lookup, ${label}: key string + Map.get`, () => {
        sink += byString.get(cacheKey(r)) ?? 0;
      })
      .add(`cache lookup, ${label}: md5 hex + Map.get`, () => {
        sink += byMd5.get(createHash('md5').update(cacheKey(r)).digest('hex')) ?? 0;
      });
  }

  bench.add('virtual clock: 1000 sleeps at spread times, set and run', async () => {
    const clock = new VirtualClock();
    const sleeps: Promise<void>[] = [];
    for (let i = 0; i < 1000; i++) sleeps.push(clock.sleep((i * 7919) % 1000));
    await clock.run(Promise.all(sleeps));
  });

  await bench.run();
  const micro = bench.tasks.map((task): MicroResult => {
    const result = task.result as unknown as { throughput?: { mean: number }; latency?: { mean: number } };
    return {
      task: task.name,
      opsPerSec: result.throughput?.mean ?? 0,
      meanNs: (result.latency?.mean ?? 0) * 1e6,
    };
  });

  // One discarded run first, so the JIT has compiled the path before anything is measured.
  await directThroughput(PRESET_STRATEGIES.direct ?? [], false, requests);
  const direct: DirectResult[] = [];
  for (const [name, specs, stream] of [
    ['core only, JSON', 'core only', false],
    ['direct transport, JSON', PRESET_STRATEGIES.direct ?? [], false],
    ['retry preset, JSON', PRESET_STRATEGIES.retry ?? [], false],
    ['cached preset, JSON', PRESET_STRATEGIES.cached ?? [], false],
    ['core only, stream', 'core only', true],
    ['direct transport, stream', PRESET_STRATEGIES.direct ?? [], true],
    ['streaming preset', PRESET_STRATEGIES.streaming ?? [], true],
  ] as const) {
    direct.push({ name, requestsPerSec: await directThroughput(specs, stream, requests) });
  }
  return { micro, direct };
}

// --- direct transport throughput ----------------------------------------------------------------
const WORKERS = 64;

/** A closed loop of 64 callers sending `requests` requests over 1000 distinct prompts; returns req/s. */
async function closedLoop(
  clock: VirtualClock,
  send: (i: number) => Promise<unknown>,
  requests: number,
): Promise<number> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests) await send(next++);
  };
  const started = performance.now();
  await clock.run(Promise.all(Array.from({ length: WORKERS }, worker)));
  return (requests / (performance.now() - started)) * 1000;
}

async function directThroughput(
  specs: readonly PolicySpec[] | 'core only',
  stream: boolean,
  requests: number,
): Promise<number> {
  const clock = new VirtualClock();
  const server = createMockServer({ config: resolveMockConfig('perfect'), clock, random: new Random(1) });
  const prompts = Array.from(
    { length: 1000 },
    (_, i): ApiRequest => ({ ...request(`prompt number ${i}`), stream }),
  );
  let perSec: number;
  if (specs === 'core only') {
    const headers = {
      'x-api-key': 'sk-bench',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    };
    const bodies = prompts.map((r) => ({
      model: r.model,
      max_tokens: r.maxTokens,
      system: r.system,
      messages: r.messages,
      stream,
    }));
    perSec = await closedLoop(
      clock,
      async (i) => {
        // A stream is left to run to its planned end, as a reader would (the core releases it then).
        await server.handle({ method: 'POST', path: '/v1/messages', headers, json: bodies[i % 1000] });
      },
      requests,
    );
  } else {
    const handler = buildHandler(specs, createDirectTransport(server, { clock }));
    const random = new Random(1, 'strategy');
    perSec = await closedLoop(
      clock,
      (i) => handler(prompts[i % 1000] as ApiRequest, { clock, random, trace: newTrace() }),
      requests,
    );
  }
  return perSec;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function main(): Promise<void> {
  const timeMs = option('time', 500);
  const requests = option('requests', 20_000);
  const { micro, direct } = await measurePolicies(timeMs, requests);
  console.log(`node ${process.version}, tinybench time ${timeMs} ms per task`);
  console.table(
    micro.map((m) => ({
      task: m.task,
      'ops/s': Math.round(m.opsPerSec).toLocaleString('en'),
      'mean ns': Math.round(m.meanNs).toLocaleString('en'),
    })),
  );
  console.log(
    `\nthe mock core (preset perfect) on the virtual clock, ${WORKERS} closed-loop callers, ${requests} requests:`,
  );
  for (const d of direct) {
    console.log(
      `${d.name.padEnd(34)} ${Math.round(d.requestsPerSec).toLocaleString('en').padStart(9)} logical requests/s`,
    );
  }
  if (sink === -1) console.log(sink);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
