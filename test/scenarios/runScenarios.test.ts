import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThresholdResult } from '../../harness/results/ResultsFile.ts';
import {
  formatOutcome,
  REPO_ROOT,
  runScenarioFile,
  type ScenarioOutcome,
  scenarioFiles,
  summarize,
} from '../../scripts/run-scenarios.ts';

/** A scenario that runs in milliseconds: the instant mock, 5 requests, one passing and one failing check. */
const TINY = `
name: tiny
seed: 1
mock: { preset: perfect }
workload: { requests: 5 }
strategies: [direct]
thresholds:
  - errorRate < 1%
  - mean > 1s
`;

describe('run-scenarios', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'run-scenarios-'));
    await writeFile(path.join(dir, 'tiny.yaml'), TINY);
    await writeFile(path.join(dir, 'bad.yaml'), 'workload: { requets: 5 }\n');
    await writeFile(
      path.join(dir, 'remote.yaml'),
      'mode: realtime\ntarget: { baseUrl: "https://api.example.test", apiKeyEnv: NO_SUCH_KEY }\nworkload: { requests: 1 }\n',
    );
    await writeFile(path.join(dir, 'notes.txt'), 'not a scenario');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds the library: every scenarios/*.yaml, sorted, the quickstart among them', async () => {
    const files = await scenarioFiles();
    const names = files.map((f) => path.relative(REPO_ROOT, f));
    expect(names).toContain('scenarios/quickstart.yaml');
    expect(names).toEqual([...names].sort());
    expect(names.every((n) => /^scenarios\/[^/]+\.yaml$/.test(n))).toBe(true);
  });

  it('lists only .yaml files of a folder', async () => {
    const files = await scenarioFiles(dir);
    expect(files.map((f) => path.basename(f))).toEqual(['bad.yaml', 'remote.yaml', 'tiny.yaml']);
  });

  it('runs a scenario and counts its passed and failed thresholds, writing results and report with --out', async () => {
    const out = path.join(dir, 'out');
    const outcome = await runScenarioFile(path.join(dir, 'tiny.yaml'), out);
    expect(outcome.kind).toBe('ran');
    if (outcome.kind !== 'ran') return;
    expect(outcome.name).toBe('tiny');
    expect(outcome.runs).toBe(1);
    expect(outcome.thresholdsPassed).toBe(1);
    expect(outcome.failedThresholds.map((t) => t.source)).toEqual(['mean > 1s']);
    const results = JSON.parse(await readFile(path.join(out, 'tiny', 'results.json'), 'utf8'));
    expect(results.runs).toHaveLength(1);
    expect(await readFile(path.join(out, 'tiny', 'report.md'), 'utf8')).toMatch(/^# Benchmark: tiny\n/);
  });

  it('reports a scenario that does not load as errored, with the problem and no stack trace', async () => {
    const outcome = await runScenarioFile(path.join(dir, 'bad.yaml'));
    expect(outcome.kind).toBe('errored');
    if (outcome.kind !== 'errored') return;
    expect(outcome.message).toBe(
      `${path.join(dir, 'bad.yaml')}:1:13: workload.requets: unknown key "requets" (did you mean "requests"?); accepted: requests, duration, warmup, arrival, prompts, maxTokens, stream, model, system, systemTokens, temperature, sessions`,
    );
    expect(outcome.message).not.toContain('    at ');
  });

  it('skips a scenario that targets a real endpoint', async () => {
    const outcome = await runScenarioFile(path.join(dir, 'remote.yaml'));
    expect(outcome).toEqual({
      kind: 'skipped',
      file: path.join(dir, 'remote.yaml'),
      reason: 'targets https://api.example.test (realtime only)',
    });
  });

  it('runs the saturated-generator drill in realtime and passes it because every run is invalid', async () => {
    const outcome = await runScenarioFile(
      path.join(REPO_ROOT, 'scenarios', 'drill-saturated-generator.yaml'),
    );
    expect(outcome.kind).toBe('ran');
    if (outcome.kind !== 'ran') return;
    expect(outcome.expectedInvalid?.invalidRuns).toBe(1);
    expect(outcome.expectedInvalid?.firstReason).toMatch(
      /^the load generator fell behind its schedule: start lag p99 /,
    );
    expect(outcome.failedThresholds).toEqual([]);
    expect(formatOutcome(outcome)).toMatch(
      /^ok {3}drill-saturated-generator .* invalid in realtime as expected \(bench exits 3\)/,
    );
    expect(summarize([outcome], 1).exitCode).toBe(0);
  });

  it('fails an expected-invalid drill whose runs came out valid', () => {
    const valid: ScenarioOutcome = {
      kind: 'ran',
      file: '/lib/drill-saturated-generator.yaml',
      name: 'drill-saturated-generator',
      runs: 1,
      wallMs: 900,
      thresholdsPassed: 1,
      failedThresholds: [],
      expectedInvalid: { invalidRuns: 0 },
    };
    expect(formatOutcome(valid, '/lib')).toBe(
      'FAIL drill-saturated-generator      1 runs    0.9 s  expected every run invalid in realtime, 0 of 1 were',
    );
    expect(summarize([valid], 900).exitCode).toBe(1);
  });

  const failure: ThresholdResult = {
    source: 'p99 < 2s',
    strategy: 'retry',
    cellId: 'concurrency=5',
    metric: 'latencyMs.p99',
    measured: 2500,
    bound: 2000,
    passed: false,
  };
  const outcomes: ScenarioOutcome[] = [
    {
      kind: 'ran',
      file: '/lib/a.yaml',
      name: 'a',
      runs: 4,
      wallMs: 1234,
      thresholdsPassed: 3,
      failedThresholds: [],
    },
    {
      kind: 'ran',
      file: '/lib/b.yaml',
      name: 'b',
      runs: 2,
      wallMs: 50,
      thresholdsPassed: 0,
      failedThresholds: [failure],
    },
    { kind: 'errored', file: '/lib/c.yaml', message: 'c.yaml: broken' },
    { kind: 'skipped', file: '/lib/d.yaml', reason: 'targets x (realtime only)' },
  ];

  it('prints one line per scenario, failed checks beneath with measured and bound', () => {
    expect(outcomes.map((o) => formatOutcome(o, '/lib'))).toEqual([
      'ok   a                              4 runs    1.2 s  thresholds 3/3 passed',
      [
        'FAIL b                              2 runs    0.1 s  thresholds 0/1 passed',
        '       ✗ p99 < 2s (retry in concurrency=5): measured 2500 ms, bound 2000 ms',
      ].join('\n'),
      'ERR  c.yaml:\n       c.yaml: broken',
      'skip d.yaml: targets x (realtime only)',
    ]);
  });

  it('sums up and exits 1 when a threshold failed or a scenario errored, 0 otherwise', () => {
    expect(summarize(outcomes, 2500)).toEqual({
      line: '4 scenarios, 6 runs in 2.5 s, 1 passed, 1 failed thresholds, 1 errored, 1 skipped',
      exitCode: 1,
    });
    expect(summarize(outcomes.slice(0, 1), 1000)).toEqual({
      line: '1 scenario, 4 runs in 1.0 s, 1 passed, 0 failed thresholds, 0 errored',
      exitCode: 0,
    });
    expect(summarize([outcomes[2] as ScenarioOutcome], 10).exitCode).toBe(1);
  });
});
