import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readResultsFile } from '../../../reports/io/readResultsFile.ts';
import { fixturePath, loadFixture } from '../../../test/fixtures/results/loadFixture.ts';
import { runCli } from '../../../test/fixtures/results/runCli.ts';
import { mergeCommand } from './merge.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-merge-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bench merge', () => {
  it('writes one valid results file from two shards and exits 0', async () => {
    const out = path.join(dir, 'merged.json');
    const r = await runCli(mergeCommand, [
      'merge',
      fixturePath('shard-a.json'),
      fixturePath('shard-b.json'),
      '--out',
      out,
    ]);
    expect(r).toMatchObject({ code: 0, stderr: `merged 2 shards (4 runs) into 3 runs: ${out}\n` });
    const merged = await readResultsFile(out);
    expect(merged.runs.map((run) => [run.strategy, run.metrics.latencyMs?.count])).toEqual([
      ['direct', 120],
      ['retry', 60],
      ['batched', 60],
    ]);
    expect(await readdir(dir)).toEqual(['merged.json']);
  });

  it('exits 2 and writes nothing when the shards are of different seeds', async () => {
    const out = path.join(dir, 'refused.json');
    const r = await runCli(mergeCommand, [
      'merge',
      fixturePath('shard-a.json'),
      fixturePath('shard-other-seed.json'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('shards are not of one scenario: seed differs');
    expect(await readdir(dir)).not.toContain('refused.json');
  });

  it('exits 2 naming both files when a shard ran another scenario', async () => {
    const edited = loadFixture('shard-b.json');
    (edited.scenario.resolved as { strategies: { name: string }[] }).strategies[1]!.name = 'renamed';
    const other = path.join(dir, 'other-scenario.json');
    await writeFile(other, JSON.stringify(edited));
    const out = path.join(dir, 'refused-scenario.json');
    const a = fixturePath('shard-a.json');
    const r = await runCli(mergeCommand, ['merge', a, other, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `shards are not of one scenario: the scenario as run differs at strategies[1].name (${a}: "retry", ${other}: "renamed"); merge only shards run from the same scenario file\n`,
    );
    expect(await readdir(dir)).not.toContain('refused-scenario.json');
    await rm(other);
  });

  it('exits 2 without --out or with a single file', async () => {
    expect(
      (await runCli(mergeCommand, ['merge', fixturePath('shard-a.json'), fixturePath('shard-b.json')])).code,
    ).toBe(2);
    const one = await runCli(mergeCommand, [
      'merge',
      fixturePath('shard-a.json'),
      '--out',
      path.join(dir, 'x.json'),
    ]);
    expect(one).toMatchObject({ code: 2, stderr: 'merge: expected at least two results files, got 1\n' });
  });

  it('names each merged run that is not a valid measurement on stderr and writes it invalid', async () => {
    const invalid = loadFixture('shard-b.json');
    invalid.runs[0]!.valid = false;
    invalid.runs[0]!.invalidReasons = ['nothing measured: all 60 requests failed to connect'];
    const b = path.join(dir, 'shard-b-invalid.json');
    await writeFile(b, JSON.stringify(invalid));
    const out = path.join(dir, 'merged-invalid.json');
    const r = await runCli(mergeCommand, ['merge', fixturePath('shard-a.json'), b, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n').slice(1)).toEqual([
      `warning: direct in concurrency=5 is not a valid measurement (its thresholds are not evaluated; bench compare exits 3 on it): ${b}: nothing measured: all 60 requests failed to connect`,
      '',
    ]);
    const merged = await readResultsFile(out);
    expect(merged.runs.map((run) => run.valid)).toEqual([false, true, true]);
    await rm(b);
    await rm(out);
  });
});
