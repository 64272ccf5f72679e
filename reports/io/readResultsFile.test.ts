import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../harness/errors.ts';
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
    delete broken.runs[1]?.metrics.latencyMs;
    expect(() => parseResultsFile(broken, 'r.json')).toThrow(/^r\.json: runs\[1\]\.metrics\.latencyMs: /);
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
