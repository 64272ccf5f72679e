import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../harness/runner/runScenario.ts';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { renderMarkdown } from '../../reports/renderMarkdown.ts';
import { renderTable } from '../../reports/renderTable.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const RELAY_DIR = path.join(ROOT, 'examples/gateways/node-relay');
const FAKE = path.join(ROOT, 'test/fixtures/gateways/fake-gateway.mjs');

/** A realtime scenario through the node relay: one client at a time, so which requests repeat is fixed by the seed. */
function relayScenario(cache: '0' | '1'): string {
  return `name: relay-${cache}
mode: realtime
seed: 5
gateway:
  command: ["${process.execPath}", --import, tsx, relay.ts]
  cwd: ${RELAY_DIR}
  env: { UPSTREAM_URL: "{{mock.url}}", PORT: "{{port}}", CACHE: "${cache}" }
  url: "http://127.0.0.1:{{port}}"
  ready: { log: relay listening, timeout: 20s }
mock: { preset: perfect }
workload:
  requests: 40
  arrival: { type: closed, concurrency: 1 }
  prompts: { unique: 8, popularity: zipf }
  maxTokens: 64
strategies: [direct]
`;
}

async function runRelay(cache: '0' | '1') {
  const dir = await mkdtemp(path.join(tmpdir(), 'relay-'));
  const file = path.join(dir, 'relay.yaml');
  await writeFile(file, relayScenario(cache));
  const results = await runScenario(await loadScenario(file), { artifactsDir: dir });
  const logs = await readdir(path.join(dir, 'gateway-logs'));
  const log = await readFile(path.join(dir, 'gateway-logs', logs[0] as string), 'utf8');
  return { results, logs, log, run: results.runs[0]! };
}

describe('a gateway in front of the mock (examples/gateways/node-relay)', () => {
  it('counts what reached the mock beside what the client sent: the relay’s cache saves upstream calls, tokens and cost', async () => {
    const cached = await runRelay('1');
    const plain = await runRelay('0');
    expect(cached.logs).toEqual(['run-1-direct-default.log']);
    for (const { run } of [cached, plain]) {
      expect(run.metrics.requests.total).toBe(40);
      expect(run.metrics.requests.ok).toBe(40);
    }
    // Every upstream call the mock counted is one the relay logged, and the other way round.
    const logged = (log: string) => log.split('\n').filter((line) => line.startsWith('upstream POST')).length;
    expect(cached.run.metrics.upstream.calls).toBe(logged(cached.log));
    expect(plain.run.metrics.upstream.calls).toBe(40);
    expect(logged(plain.log)).toBe(40);
    // 8 distinct prompts, one client at a time: the cache answers every repeat.
    expect(cached.run.metrics.upstream.calls).toBe(8);
    expect(cached.log.split('\n').filter((line) => line.startsWith('cache hit')).length).toBe(32);
    expect(cached.run.metrics.tokens.input).toBeLessThan(plain.run.metrics.tokens.input / 2);
    expect(cached.run.metrics.costUsd).toBeLessThan(plain.run.metrics.costUsd / 2);
  }, 60_000);

  it('measures the relay’s overhead against a direct twin of each run (gateway.baseline: direct): structure only, timings vary', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'relay-overhead-'));
    const file = path.join(dir, 'overhead.yaml');
    await writeFile(
      file,
      relayScenario('0')
        .replace('  ready:', '  baseline: direct\n  ready:')
        .replace('requests: 40', 'requests: 60'),
    );
    const events: string[] = [];
    const results = await runScenario(await loadScenario(file), {
      artifactsDir: dir,
      onEvent: (event) => {
        if (event.type === 'scenario-start') events.push(`runs ${event.runs}`);
        if (event.type === 'run-start') events.push(event.strategy);
      },
    });
    expect(events).toEqual(['runs 2', 'direct', 'direct (no gateway)']);
    expect(results.runs).toHaveLength(1);
    const run = results.runs[0]!;
    expect(run.baseline?.kind).toBe('direct');
    expect(run.baseline?.direct.metrics.requests.total).toBe(60);
    expect(run.baseline?.direct.metrics.upstream.calls).toBe(60);
    expect(run.metrics.upstream.calls).toBe(60);
    const { p50, p90, p99 } = run.baseline!.overheadMs;
    for (const estimate of [p50, p90]) {
      expect(estimate.kind).toBe('measured');
      if (estimate.kind !== 'measured') continue;
      expect(estimate.lowMs).toBeLessThanOrEqual(estimate.differenceMs);
      expect(estimate.highMs).toBeGreaterThanOrEqual(estimate.differenceMs);
    }
    expect(p99).toEqual({
      kind: 'not-measured',
      reason: 'too few samples for p99 (60 base, 60 head; need ≥ 500 a side, 5 above the percentile)',
    });
    expect(Object.keys(run.metrics.overheadMs ?? {})).toEqual(['p50', 'p90']);
    const table = renderTable(results, { widthColumns: 200 });
    expect(table).toContain('gateway overhead (ms): gateway − direct, 95% interval:');
    expect(table).toMatch(/strategy\s*│\s*p50\s*│\s*p90\s*│\s*p99\s*│\s*direct p50/);
    expect(table).toMatch(/│ direct\s*│\s*[-+]?[0-9.]+ \[/);
    expect(table).toMatch(
      /\n {2}direct \(no gateway\): start lag p50 [0-9.]+ \/ p99 [0-9.]+ \/ max [0-9.]+ ms; offered [0-9.]+\/s \(closed loop\)\n/,
    );
    expect(renderMarkdown(results)).toMatch(/\| strategy \| +p50 \| +p90 \| p99 \| direct p50 \|/);
    // Only the gateway run keeps a log: the direct twin has no gateway.
    expect(await readdir(path.join(dir, 'gateway-logs'))).toEqual(['run-1-direct-default.log']);
  }, 60_000);

  it('stops the scenario when the gateway crashes mid-run: results say so, exit 3, no process left', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gateway-crash-'));
    const file = path.join(dir, 'crash.yaml');
    await writeFile(
      file,
      `name: crash
mode: realtime
gateway:
  command: ["${process.execPath}", "${FAKE}"]
  env: { FAKE_MODE: crash, CRASH_AFTER_MS: "600", PORT: "{{port}}", UPSTREAM_URL: "{{mock.url}}" }
  url: "http://127.0.0.1:{{port}}"
mock: { preset: perfect }
workload: { requests: 100000, arrival: { type: poisson, rate: 50/s } }
strategies: [direct, retry]
`,
    );
    const child = spawn(process.execPath, ['bin/bench.js', file, '--out', dir, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /bench: the scenario stopped early: gateway exited with code 7 during the run; its log: .+run-1-direct-default\.log; last lines:\n {2}\| fake gateway ready on \d+/,
    );
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8'));
    expect(results.partial).toBe(true);
    expect(results.failure).toMatch(/^gateway exited with code 7 during the run/);
    expect(results.runs.map((r: { strategy: string }) => r.strategy)).toEqual(['direct']);
    expect(results.runs[0].valid).toBe(false);
    expect(results.runs[0].invalidReasons[0]).toMatch(
      /^gateway exited with code 7 during the run; its log: /,
    );
    expect(results.runs[0].metrics.requests.total).toBeGreaterThan(0);
  }, 60_000);

  it('stops before any run when the gateway never becomes ready, naming the timeout, exit 3', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gateway-never-'));
    const file = path.join(dir, 'never.yaml');
    await writeFile(
      file,
      `name: never
mode: realtime
gateway:
  command: ["${process.execPath}", "${FAKE}"]
  env: { FAKE_MODE: never }
  url: "http://127.0.0.1:{{port}}"
  ready: { path: /healthz, timeout: 500ms }
workload: { requests: 10 }
`,
    );
    const child = spawn(process.execPath, ['bin/bench.js', file, '--out', dir, '--quiet'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(3);
    expect(stderr).toMatch(
      /did not answer http:\/\/127\.0\.0\.1:\d+\/healthz within 500 ms \(gateway\.ready\.timeout\)/,
    );
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8'));
    expect(results.runs).toEqual([]);
    expect(results.failure).toMatch(/did not answer/);
  }, 30_000);
});
