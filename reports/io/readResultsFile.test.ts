import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../base/errors.ts';
import type { RunResult } from '../../harness/results/ResultsFile.ts';
import { fixturePath, loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { parseResultsFile, readResultsFile } from './readResultsFile.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-read-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function messageOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe('readResultsFile', () => {
  it('reads a results fixture unchanged', async () => {
    expect(await readResultsFile(fixturePath('realtime.json'))).toEqual(loadFixture('realtime.json'));
  });

  it('names the file and says what was expected when it is missing or not JSON', async () => {
    const missing = path.join(dir, 'nope.json');
    expect(await messageOf(readResultsFile(missing))).toBe(
      `${missing}: cannot read results: no such file; expected a results.json written by \`bench run\``,
    );
    const notJson = path.join(dir, 'bad.json');
    await writeFile(notJson, '{ nope');
    expect(await messageOf(readResultsFile(notJson))).toMatch(
      /bad\.json: not valid JSON \(.*\); expected a results\.json$/,
    );
  });

  it('refuses a JSON file that is not a results file, and a wrong schema version', () => {
    expect(() => parseResultsFile({ name: 'x' }, 'package.json')).toThrow(
      'package.json: not a claude-bench results file (no schemaVersion, or tool.name is not "claude-bench"); expected the results.json that `bench run` writes',
    );
    const future = { ...loadFixture('realtime.json'), schemaVersion: 2 };
    expect(() => parseResultsFile(future, 'r.json')).toThrow(
      'r.json: schemaVersion: results schema version 2 is not supported: this bench reads version 1',
    );
  });

  it('points at the first broken field of an incomplete results file', () => {
    const broken = loadFixture('realtime.json') as unknown as {
      runs: { metrics: Record<string, unknown> }[];
    };
    delete broken.runs[1]?.metrics.errorRate;
    expect(() => parseResultsFile(broken, 'r.json')).toThrow(/^r\.json: runs\[1\]\.metrics\.errorRate: /);
  });

  it('reads a run without latency (no request succeeded), and one of an older file with zeros', () => {
    const results = loadFixture('realtime.json') as unknown as {
      runs: { metrics: Record<string, unknown> }[];
    };
    delete results.runs[1]?.metrics.latencyMs;
    expect(parseResultsFile(results, 'r.json').runs[1]?.metrics.latencyMs).toBeUndefined();
    expect(parseResultsFile(loadFixture('realtime.json'), 'r.json').runs[1]?.metrics.latencyMs).toBeDefined();
  });

  it("reads cell ids written before rates had a unit with today's ids, so compare and merge match them", () => {
    const results = loadFixture('realtime.json');
    const [a, b] = results.runs as [RunResult, RunResult];
    Object.assign(a, { cellId: 'rate=0.0166667,stream=true', params: { rate: 1 / 60, stream: true } });
    Object.assign(b, { cellId: 'rate=2/s', params: { rate: 2 } });
    results.thresholds = [
      {
        source: 's',
        strategy: 'a',
        cellId: 'rate=0.0166667,stream=true',
        metric: 'p99',
        measured: 1,
        bound: 2,
        passed: true,
      },
    ];
    const read = parseResultsFile(JSON.parse(JSON.stringify(results)), 'r.json');
    expect(read.runs.map((r) => r.cellId)).toEqual(['rate=1/min,stream=true', 'rate=2/s']);
    expect(read.thresholds.map((t) => t.cellId)).toEqual(['rate=1/min,stream=true']);
  });

  it('reads an unmeasured threshold value (null in JSON) back as NaN', () => {
    const results = loadFixture('realtime.json');
    const json = JSON.parse(
      JSON.stringify({
        ...results,
        thresholds: [
          {
            source: 's',
            strategy: 'a',
            cellId: 'c',
            metric: 'ttftMs.p99',
            measured: Number.NaN,
            bound: 5,
            passed: false,
          },
        ],
      }),
    );
    expect(parseResultsFile(json, 'r.json').thresholds[0]?.measured).toBeNaN();
  });
});
