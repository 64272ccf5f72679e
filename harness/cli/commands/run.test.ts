import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readResultsFile } from '../../../reports/io/readResultsFile.ts';
import { runCli } from '../../../test/fixtures/results/runCli.ts';
import { runCommand } from './run.ts';

/** A loopback port nothing listens on: bound, then closed. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  return address.port;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-run-'));
  process.env.CLAUDE_BENCH_TEST_KEY = 'test-key';
});
afterAll(async () => {
  delete process.env.CLAUDE_BENCH_TEST_KEY;
  await rm(dir, { recursive: true, force: true });
});

describe('bench run', () => {
  it('reports a dead target as 100% connection errors with no latency, thresholds not evaluated, exit 3', async () => {
    const port = await deadPort();
    const file = path.join(dir, 'dead.yaml');
    await writeFile(
      file,
      [
        'name: dead target',
        'mode: realtime',
        `target: { baseUrl: "http://127.0.0.1:${port}", apiKeyEnv: CLAUDE_BENCH_TEST_KEY }`,
        'workload: { requests: 6, arrival: { type: constant, rate: 200/s } }',
        'strategies: [direct]',
        'thresholds: [p99 < 10s, errorRate < 50%]',
        '',
      ].join('\n'),
    );
    const out = path.join(dir, 'dead');
    const r = await runCli(runCommand, ['run', file, '--out', out]);
    expect(r.code).toBe(3);
    const results = await readResultsFile(path.join(out, 'results.json'));
    const [run] = results.runs;
    expect(run?.metrics.requests).toEqual({
      total: 6,
      ok: 0,
      failed: 6,
      byOutcome: { 'connection-error': 6 },
    });
    expect(run?.metrics.errorRate).toBe(1);
    expect(run?.metrics.latencyMs).toBeUndefined();
    expect(run?.samples.latencyMs).toEqual([]);
    expect(run?.valid).toBe(false);
    expect(run?.invalidReasons?.[0]).toBe(
      'nothing measured: all 6 requests failed to connect (is anything listening on the target?)',
    );
    expect(results.thresholds.map((t) => [t.source, t.passed, t.notEvaluated])).toEqual([
      ['p99 < 10s', false, true],
      ['errorRate < 50%', false, true],
    ]);
    // The table shows no latency for the failed requests (–, not 0) and says why the run is invalid.
    const row = r.stdout.split('\n').find((line) => line.includes('direct (baseline) [invalid]'));
    expect(
      row
        ?.split('│')
        .map((c) => c.trim())
        .slice(1, 5),
    ).toEqual(['direct (baseline) [invalid]', '–', '–', '–']);
    expect(r.stdout).toContain('direct is not a valid measurement: nothing measured: all 6 requests failed');
    expect(r.stdout).toContain('thresholds: 0 passed, 0 failed, 2 not evaluated');
    const report = await readFile(path.join(out, 'report.md'), 'utf8');
    expect(report).toContain('**2 of 2 threshold checks were not evaluated**');
    const html = await readFile(path.join(out, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('2 not evaluated');
  });

  it('warns on stderr, before the run, of cells whose offered load is over the mock’s limits', async () => {
    const file = path.join(dir, 'over.yaml');
    await writeFile(
      file,
      [
        'name: over the limit',
        'mock: { preset: tier-1, output: { tokens: { type: fixed, value: 100 } } }',
        'workload:',
        '  requests: 3',
        '  arrival: { type: poisson, rate: [0.5/s, 2/s] }',
        '  prompts: { inputTokens: { type: fixed, value: 500 } }',
        '  maxTokens: 256',
        'strategies: [direct]',
        '',
      ].join('\n'),
    );
    vi.stubEnv('COLUMNS', '80');
    const r = await runCli(runCommand, ['run', file, '--out', path.join(dir, 'over'), '--quiet']).finally(
      () => vi.unstubAllEnvs(),
    );
    expect(r.code).toBe(0);
    // Wrapped at the terminal's width (COLUMNS, else stderr's, else 80).
    expect(r.stderr.split('\n').slice(0, 5)).toEqual([
      "warning: the offered load exceeds the mock's rate limits (preset tier-1), so",
      '    429s are expected:',
      '  rate=2/s: 120 requests/min (limit 50); 60,000 input tokens/min (limit 30,000);',
      '      12,000 output tokens/min (limit 8,000)',
      '  (batching and caching send less)',
    ]);
  });
});
