/**
 * `npm run bench:mock`: how fast the mock's HTTP path is next to a bare `node:http` server that
 * returns the same bytes. Each target runs in a child process of its own (so autocannon, in this
 * process, does not share the target's thread), one after the other with the same load:
 *
 *   mock (direct)   serveMock, preset `perfect`, non-streaming POST /v1/messages
 *   mock (fetch)    the same through toFetchHandler (Request/Response objects), for comparison
 *   bare            node:http answering every request with the mock's recorded headers and body
 *   stream          serveMock, streaming POST /v1/messages: SSE events delivered per second
 *
 * Goal: mock (direct) >= 0.6x bare, as the median over rounds of the mock's req/s over the bare
 * server's in the run just before. Options: --connections 10 --duration 5 (seconds) --rounds 3.
 * `measureMock` returns the same figures as data.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { median } from 'simple-statistics';
import { RealClock } from '../base/clock/RealClock.ts';
import { Random } from '../base/random/Random.ts';
import { serveMock } from '../mocks/bindings/httpServer.ts';
import { resolveMockConfig } from '../mocks/config/presets.ts';
import { createMockServer } from '../mocks/core/createMockServer.ts';

const HEADERS = {
  'content-type': 'application/json',
  'x-api-key': 'sk-ant-bench',
  'anthropic-version': '2023-06-01',
};
const MESSAGE_BODY = JSON.stringify({
  model: 'claude-sonnet-4-6',
  max_tokens: 64,
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
});
const STREAM_BODY = JSON.stringify({
  model: 'claude-sonnet-4-6',
  max_tokens: 256,
  stream: true,
  messages: [{ role: 'user', content: 'Write a short paragraph for the benchmark.' }],
});

type Target = 'direct' | 'fetch' | 'bare';

/** Child side: serve one target on 127.0.0.1 and report the URL to the parent. */
async function serveTarget(target: Target): Promise<void> {
  // The parent asks for our CPU time around a run: CPU per request is steadier than req/s on a busy machine.
  process.on('message', () => {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuUs: user + system });
  });
  const clock = new RealClock();
  const config = resolveMockConfig('perfect');
  const mock = createMockServer({ config, clock, random: new Random(1) });
  if (target !== 'bare') {
    const served = await serveMock(mock, clock, { via: target, maxBodyBytes: config.maxBodyBytes });
    process.send?.({ url: served.url });
    return;
  }
  // The bytes the mock answers with, recorded once, replayed by a server that does nothing else.
  const recorded = await serveMock(mock, clock, {});
  const sample = await fetch(`${recorded.url}/v1/messages`, {
    method: 'POST',
    headers: HEADERS,
    body: MESSAGE_BODY,
  });
  const body = Buffer.from(await sample.arrayBuffer());
  const headers: Record<string, string> = {};
  sample.headers.forEach((value, name) => {
    if (name !== 'date' && name !== 'connection' && name !== 'keep-alive') headers[name] = value;
  });
  await recorded.close();
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  bare.listen(0, '127.0.0.1', () => {
    process.send?.({ url: `http://127.0.0.1:${(bare.address() as AddressInfo).port}` });
  });
}

function startChild(target: Target): Promise<{ child: ChildProcess; url: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', target], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (m) => resolve({ child, url: (m as { url: string }).url }));
    child.once('exit', (code) => reject(new Error(`${target} server exited with code ${code}`)));
  });
}

async function load(url: string, body: string, connections: number, durationSec: number) {
  const result = await autocannon({
    url: `${url}/v1/messages`,
    method: 'POST',
    headers: HEADERS,
    body,
    connections,
    duration: durationSec,
  });
  return {
    reqPerSec: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

function cpuUs(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve((m as { cpuUs: number }).cpuUs));
    child.send('cpu');
  });
}

async function measure(target: Target, body: string, connections: number, durationSec: number) {
  const { child, url } = await startChild(target);
  try {
    // A short warm-up so JIT and connection set-up do not count.
    await load(url, body, connections, 1);
    const before = await cpuUs(child);
    const result = await load(url, body, connections, durationSec);
    const cpuPerReqUs = ((await cpuUs(child)) - before) / (result.reqPerSec * durationSec);
    return { url, cpuPerReqUs, ...result };
  } finally {
    child.kill('SIGTERM');
  }
}

async function eventsPerResponse(url: string): Promise<number> {
  const response = await fetch(`${url}/v1/messages`, { method: 'POST', headers: HEADERS, body: STREAM_BODY });
  const text = await response.text();
  return text.match(/^event: /gm)?.length ?? 0;
}

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i < 0 ? undefined : Number(process.argv[i + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

/** One autocannon run against one target. */
export type Measured = Awaited<ReturnType<typeof measure>>;

/** Options of {@link measureMock}. */
export interface MockBenchOptions {
  /** autocannon connections. Default 10. */
  connections?: number;
  /** Seconds per measured run (after a 1 s warm-up). Default 5. */
  durationSec?: number;
  /** Alternating bare/mock rounds. Default 3. */
  rounds?: number;
  /** Told each run's line as it finishes (the script prints them). */
  onLine?: (line: string) => void;
}

/** What {@link measureMock} found. */
export interface MockBench {
  connections: number;
  durationSec: number;
  rounds: number;
  bare: Measured[];
  direct: Measured[];
  viaFetch: Measured;
  bareReqPerSec: number;
  mockReqPerSec: number;
  /** Each round's mock req/s over the bare req/s measured just before it. */
  roundRatios: number[];
  /**
   * The median of {@link roundRatios} (the goal: >= 0.6). Pairing adjacent runs and taking the
   * median keeps one run slowed by a noisy neighbour from deciding the figure.
   */
  ratio: number;
  /** Mean mock req/s over mean bare req/s. */
  meanRatio: number;
  /** Bare server CPU per request over the mock's (the same ratio, less sensitive to machine load). */
  cpuRatio: number;
  fetchRatio: number;
  stream: { streamsPerSec: number; eventsPerStream: number; eventsPerSec: number };
}

function row(name: string, r: Measured): string {
  return `${name.padEnd(16)} ${r.reqPerSec.toFixed(0).padStart(8)} req/s   server CPU ${r.cpuPerReqUs.toFixed(0).padStart(4)} µs/req   p50 ${r.p50Ms} ms   p99 ${r.p99Ms} ms   non-2xx ${r.non2xx}   errors ${r.errors}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** autocannon against the mock and a bare node:http server in alternating rounds, then the mock's fetch path and streams. */
export async function measureMock(options: MockBenchOptions = {}): Promise<MockBench> {
  const connections = options.connections ?? 10;
  const durationSec = options.durationSec ?? 5;
  const rounds = options.rounds ?? 3;
  const log = options.onLine ?? (() => {});
  // Alternate the two targets the ratio compares, so drift in machine load hits both alike.
  const bare: Measured[] = [];
  const direct: Measured[] = [];
  for (let round = 1; round <= rounds; round++) {
    bare.push(await measure('bare', MESSAGE_BODY, connections, durationSec));
    log(row('bare node:http', bare.at(-1) as Measured));
    direct.push(await measure('direct', MESSAGE_BODY, connections, durationSec));
    log(row('mock (direct)', direct.at(-1) as Measured));
  }
  const viaFetch = await measure('fetch', MESSAGE_BODY, connections, durationSec);
  log(row('mock (fetch)', viaFetch));
  const roundRatios = direct.map((r, i) => r.reqPerSec / (bare[i] as Measured).reqPerSec);
  const bareReqPerSec = mean(bare.map((r) => r.reqPerSec));
  const mockReqPerSec = mean(direct.map((r) => r.reqPerSec));

  const { child, url } = await startChild('direct');
  let stream: MockBench['stream'];
  try {
    const eventsPerStream = await eventsPerResponse(url);
    await load(url, STREAM_BODY, connections, 1);
    const measured = await load(url, STREAM_BODY, connections, durationSec);
    stream = {
      streamsPerSec: measured.reqPerSec,
      eventsPerStream,
      eventsPerSec: measured.reqPerSec * eventsPerStream,
    };
  } finally {
    child.kill('SIGTERM');
  }
  return {
    connections,
    durationSec,
    rounds,
    bare,
    direct,
    viaFetch,
    bareReqPerSec,
    mockReqPerSec,
    roundRatios,
    ratio: median(roundRatios),
    meanRatio: mockReqPerSec / bareReqPerSec,
    cpuRatio: mean(bare.map((r) => r.cpuPerReqUs)) / mean(direct.map((r) => r.cpuPerReqUs)),
    fetchRatio: viaFetch.reqPerSec / bareReqPerSec,
    stream,
  };
}

async function main(): Promise<void> {
  const connections = flag('connections', 10);
  const durationSec = flag('duration', 5);
  const rounds = flag('rounds', 3);
  console.log(
    `bench:mock: ${connections} connections, ${durationSec} s per run, ${rounds} alternating rounds, Node ${process.version}`,
  );
  const r = await measureMock({ connections, durationSec, rounds, onLine: (line) => console.log(line) });
  console.log(
    `per-round mock/bare: ${r.roundRatios.map((x) => `${x.toFixed(2)}x`).join(', ')}; ` +
      `median ${r.ratio.toFixed(2)}x (goal >= 0.6x: ${r.ratio >= 0.6 ? 'met' : 'NOT met'})`,
  );
  console.log(
    `mean: bare ${r.bareReqPerSec.toFixed(0)} req/s, mock ${r.mockReqPerSec.toFixed(0)} req/s, ratio ${r.meanRatio.toFixed(2)}x; ` +
      `by server CPU per request ${r.cpuRatio.toFixed(2)}x`,
  );
  console.log(`fetch-path/bare ratio: ${r.fetchRatio.toFixed(2)}x`);
  console.log(
    `streaming: ${r.stream.streamsPerSec.toFixed(0)} streams/s x ${r.stream.eventsPerStream} events = ${r.stream.eventsPerSec.toFixed(0)} SSE events/s (max_tokens 256, perfect preset)`,
  );
}

const serveIndex = process.argv.indexOf('--serve');
if (serveIndex >= 0) await serveTarget(process.argv[serveIndex + 1] as Target);
else if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
