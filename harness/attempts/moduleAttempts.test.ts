import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { renderJson } from '../../reports/renderJson.ts';
import { renderMarkdown } from '../../reports/renderMarkdown.ts';
import { renderTable } from '../../reports/renderTable.ts';
import type { RunMetrics } from '../results/ResultsFile.ts';
import { runScenario } from '../runner/runScenario.ts';
import { parseScenario } from '../scenario/parseScenario.ts';

const RETRY_LOOP = path.resolve('test/fixtures/clients/retry-loop.ts');
const fixedDate = (): Date => new Date('2026-01-01T00:00:00Z');

function scenario(yaml: string) {
  return parseScenario(yaml, path.resolve('harness/attempts/inline.yaml'));
}

/** The figures a user reads about a run's calls. */
function calls(m: RunMetrics) {
  return {
    ok: m.requests.ok,
    calls: m.upstream.calls,
    byStatus: m.upstream.byStatus,
    retries: m.retries,
    attempts: m.attempts,
  };
}

describe('attempts of a module that retries by itself (no SDK, no retry header)', () => {
  it('are counted at the in-process mock in simulated runs, per logical request', async () => {
    const results = await runScenario(
      scenario(`
name: own retries
seed: 5
mock: { preset: perfect, faults: { error529: 30% } }
workload: { requests: 40, arrival: { type: closed, concurrency: 3 }, maxTokens: 16 }
strategies: [ { name: loop, module: ${RETRY_LOOP} } ]
`),
      { wallClock: fixedDate },
    );
    // Each 529 was retried: retries = the mock's 529s, calls = requests + retries = attempts.
    expect(calls(results.runs[0]!.metrics)).toEqual({
      ok: 40,
      calls: 59,
      byStatus: { '200': 40, '529': 19 },
      retries: 19,
      attempts: { total: 59, source: 'mock' },
    });
  });

  it('are counted at this process’s HTTP clients in realtime runs against the served mock (fetch and node:http)', async () => {
    const results = await runScenario(
      scenario(`
name: own retries over HTTP
seed: 5
mode: realtime
mock: { preset: perfect, latency: { ttftMs: 1ms, outputTokensPerSec: 100000 }, faults: { error529: 30% } }
workload: { requests: 20, arrival: { type: closed, concurrency: 2 }, maxTokens: 8 }
strategies:
  - { name: fetch, module: ${RETRY_LOOP} }
  - { name: http, module: ${RETRY_LOOP}, options: { transport: node-http } }
`),
      { wallClock: fixedDate },
    );
    for (const run of results.runs) {
      const m = run.metrics;
      expect(m.requests.ok, run.strategy).toBe(20);
      expect(m.retries, run.strategy).toBeGreaterThan(0);
      expect(m.retries, run.strategy).toBe(m.upstream.byStatus['529']);
      expect(m.upstream.calls, run.strategy).toBe(20 + m.retries);
      expect(m.attempts, run.strategy).toEqual({ total: m.upstream.calls, source: 'http-client' });
    }
  });
});

describe('a user module against a target (a gateway or the real API)', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    delete process.env.FAKE_TARGET_KEY;
  });

  /** A fake target: every other call (the 1st, 3rd, ...) answers 529, the others 200 with usage 100 in / 20 out. */
  async function fakeTarget(): Promise<string> {
    let n = 0;
    const target = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const fail = n++ % 2 === 0;
        response.writeHead(fail ? 529 : 200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify(
            fail
              ? { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }
              : {
                  id: `msg_${n}`,
                  type: 'message',
                  role: 'assistant',
                  model: 'claude-sonnet-4-6',
                  content: [{ type: 'text', text: 'hello' }],
                  stop_reason: 'end_turn',
                  usage: { input_tokens: 100, output_tokens: 20 },
                },
          ),
        );
      });
    });
    server = target;
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  }

  it('reports the usage it returned as tokens and cost, and its attempts as counted or as it reports them', async () => {
    const baseUrl = await fakeTarget();
    process.env.FAKE_TARGET_KEY = 'sk-test';
    const results = await runScenario(
      scenario(`
name: against a target
mode: realtime
target: { baseUrl: ${baseUrl}, apiKeyEnv: FAKE_TARGET_KEY }
workload: { requests: 6, arrival: { type: closed, concurrency: 1 }, maxTokens: 32 }
prices: { claude-sonnet-4-6: { input: 3, output: 15 } }
strategies:
  - { name: counted, module: ${RETRY_LOOP} }
  - { name: reported, module: ${RETRY_LOOP}, options: { attempts: 3 } }
`),
      { wallClock: fixedDate },
    );
    const [counted, reported] = results.runs.map((r) => r.metrics) as [RunMetrics, RunMetrics];
    // 6 requests × (100 in, 20 out) at $3 / $15 per million: 0.0018 + 0.0018 = $0.0036.
    expect(counted.tokens).toEqual({ input: 600, output: 120, wastedOutput: 0 });
    expect(counted.costUsd).toBeCloseTo(0.0036, 10);
    expect(calls(counted)).toEqual({
      ok: 6,
      calls: 12,
      byStatus: { '200': 6, '529': 6 },
      retries: 6,
      attempts: { total: 12, source: 'http-client' },
    });
    // The module says each request took 3 attempts (its gateway retried for it): that is what counts.
    expect(reported.tokens).toEqual({ input: 600, output: 120, wastedOutput: 0 });
    expect(calls(reported)).toEqual({
      ok: 6,
      calls: 12,
      byStatus: { '200': 6, '529': 6 },
      retries: 12,
      attempts: { total: 18, source: 'module' },
    });

    // Every report shows it: the terminal table and report.md the cost, results.json the tokens.
    expect(renderTable(results)).toMatch(/│ counted \(baseline\) │.*│ +6 │.*│ +\$0\.003600 │/);
    expect(renderMarkdown(results)).toContain('$0.003600');
    expect(renderTable(results)).toContain(
      '  retries of counted: attempts counted at the HTTP client (every request this process sent)\n  retries of reported: attempts reported by the module\n',
    );
    expect(renderMarkdown(results)).toContain('- retries of reported: attempts reported by the module.\n');
    expect(JSON.parse(renderJson(results)).runs[0].metrics.tokens).toEqual({
      input: 600,
      output: 120,
      wastedOutput: 0,
    });
  });
});
