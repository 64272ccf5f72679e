import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, loadFixture } from '../../../test/fixtures/results/loadFixture.ts';
import { runCli } from '../../../test/fixtures/results/runCli.ts';
import { reportCommand } from './report.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-report-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('bench report', () => {
  it('prints the terminal table by default and exits 0', async () => {
    const { code, stdout } = await runCli(reportCommand, ['report', fixturePath('simulated.json')]);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe('seed-000-strategies: simulated, seed 42, 8 runs');
    expect(stdout).toContain('thresholds: 10 passed, 4 failed');
  });

  it('writes markdown to --out and json that round-trips', async () => {
    const out = path.join(dir, 'report.md');
    const md = await runCli(reportCommand, [
      'report',
      fixturePath('simulated.json'),
      '--format',
      'markdown',
      '--out',
      out,
    ]);
    expect(md).toMatchObject({ code: 0, stdout: '', stderr: `report written to ${out}\n` });
    expect(await readFile(out, 'utf8')).toMatch(/^# Benchmark: seed-000-strategies\n/);
    const json = await runCli(reportCommand, ['report', fixturePath('realtime.json'), '--format', 'json']);
    expect(JSON.parse(json.stdout)).toEqual(loadFixture('realtime.json'));
  });

  it('exits 2 with a clear message for a missing file, a non-results file or a wrong schema version', async () => {
    const missing = await runCli(reportCommand, ['report', path.join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cannot read results: no such file');
    const other = path.join(dir, 'package.json');
    await writeFile(other, JSON.stringify({ name: 'app' }));
    expect(await runCli(reportCommand, ['report', other])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not a claude-bench results file'),
    });
    const old = path.join(dir, 'old.json');
    await writeFile(old, JSON.stringify({ ...loadFixture('realtime.json'), schemaVersion: 0 }));
    expect((await runCli(reportCommand, ['report', old])).stderr).toContain(
      'results schema version 0 is not supported',
    );
  });

  it('exits 2 on an unknown format', async () => {
    const result = await runCli(reportCommand, ['report', fixturePath('simulated.json'), '--format', 'pdf']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('"pdf"');
    expect(result.stdout).toBe('');
  });
});
