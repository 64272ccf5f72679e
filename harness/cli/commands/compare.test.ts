import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixturePath, loadFixture } from '../../../test/fixtures/results/loadFixture.ts';
import { runCli } from '../../../test/fixtures/results/runCli.ts';
import { compareCommand, parseFraction } from './compare.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'bench-compare-'));
  // Wide: one table, no line wrapped (the 80-column view has its own test).
  vi.stubEnv('COLUMNS', '1000');
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

const compare = (...args: string[]) => runCli(compareCommand, ['compare', ...args]);

describe('bench compare', () => {
  it('exits 0 and says "deterministic comparison" when nothing changed', async () => {
    const r = await compare(fixturePath('simulated.json'), fixturePath('simulated-unchanged.json'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('deterministic comparison (simulated, seed 42)');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 regressed, 0 improved, 40 unchanged, 0 inconclusive',
    );
  });

  it('exits 1 on a regression, and 0 with --fail-on none', async () => {
    const regressed = await compare(fixturePath('simulated.json'), fixturePath('simulated-regressed.json'));
    expect(regressed.code).toBe(1);
    expect(regressed.stdout).toContain(
      '│ batched        │ maxTokens=1024 │ latencyMs.p99             │  4446 ms │ 4980 ms │ +12.0% │ REGRESSED │',
    );
    const tolerated = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
      '--fail-on',
      'none',
    );
    expect(tolerated.code).toBe(0);
  });

  it('exits 0 on an improvement and on an inconclusive noisy comparison', async () => {
    expect((await compare(fixturePath('simulated.json'), fixturePath('simulated-improved.json'))).code).toBe(
      0,
    );
    const noisy = await compare(fixturePath('realtime.json'), fixturePath('realtime-noisy-head.json'));
    expect(noisy.code).toBe(0);
    expect(noisy.stdout).toContain('0 regressed, 0 improved, 1 unchanged, 9 inconclusive');
  });

  it('writes a PR-ready markdown summary with the changed metrics and their reasons', async () => {
    const out = path.join(dir, 'summary.md');
    const r = await compare(
      fixturePath('realtime-large-base.json'),
      fixturePath('realtime-large-regressed.json'),
      '--markdown',
      out,
    );
    expect(r.code).toBe(1);
    const md = await readFile(out, 'utf8');
    expect(md).toContain('**Result: 3 regressions.** 3 regressed, 0 improved, 1 unchanged, 1 inconclusive.');
    expect(md).toContain(
      '| retry    | default | latencyMs.mean            |   814 ms | 1162 ms | +42.7% |  [+38.3%, +47.2%] |  <0.0001 | **regressed**  |',
    );
  });

  it('judges only the metrics named with --metrics, and a wider noise band changes the verdict', async () => {
    const r = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
      '--metrics',
      'p99',
    );
    expect(r.stdout).toContain('1 regressed, 0 improved, 7 unchanged, 0 inconclusive');
    const wide = await compare(
      fixturePath('realtime-large-base.json'),
      fixturePath('realtime-large-regressed.json'),
      '--metrics',
      'mean',
      '--noise',
      '50%',
    );
    expect(wide.code).toBe(0);
  });

  it('honours --noise in a deterministic comparison: a real change within the band is unchanged', async () => {
    // batched's p99 and mean grew 12%, its throughput fell 10.7% (simulated-regressed.json).
    const wide = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
      '--noise',
      '15%',
    );
    expect(wide.code).toBe(0);
    expect(wide.stdout).toContain(
      'deterministic comparison (simulated, seed 42): no statistics needed; any difference beyond 1e-9 relative is a real change, and counts when it lies beyond the ±15% noise band (--noise)',
    );
    expect(wide.stdout).toContain(
      '│ batched        │ maxTokens=1024 │ latencyMs.p99             │  4446 ms │ 4980 ms │ +12.0% │ unchanged │',
    );
    expect(wide.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 regressed, 0 improved, 40 unchanged, 0 inconclusive',
    );
    const narrow = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
      '--noise',
      '5%',
    );
    expect(narrow.code).toBe(1);
    expect(narrow.stdout).toContain(
      'batched / maxTokens=1024 / latencyMs.p99: regressed: deterministic: any change beyond the --noise band is real (worse)',
    );
  });

  it('exits 1 and names what is missing when head lacks runs of base; --allow-missing accepts it', async () => {
    const base = fixturePath('simulated.json');
    const head = loadFixture('simulated.json');
    head.runs = head.runs.filter((r) => !(r.strategy === 'retry' && r.cellId === 'maxTokens=1024'));
    const headFile = path.join(dir, 'head-without-retry.json');
    await writeFile(headFile, JSON.stringify(head));
    const missing = await compare(base, headFile);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(
      'MISSING from head (in base only; fails the comparison, --allow-missing accepts it): retry in maxTokens=1024',
    );
    expect(missing.stdout.trimEnd().split('\n').at(-1)).toBe(
      '0 regressed, 0 improved, 35 unchanged, 0 inconclusive',
    );
    const md = path.join(dir, 'missing.md');
    await compare(base, headFile, '--markdown', md);
    expect(await readFile(md, 'utf8')).toContain('**Result: 1 run of base missing from head.**');
    const allowed = await compare(base, headFile, '--allow-missing');
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toContain(
      'only in base (missing from head, allowed by --allow-missing): retry in maxTokens=1024',
    );
  });

  it('exits 1 when base and head have no run in common', async () => {
    const head = loadFixture('simulated.json');
    for (const run of head.runs) run.strategy = `${run.strategy}-v2`;
    const headFile = path.join(dir, 'head-renamed.json');
    await writeFile(headFile, JSON.stringify(head));
    const disjoint = await compare(fixturePath('simulated.json'), headFile);
    expect(disjoint.code).toBe(1);
    expect(disjoint.stdout).toContain('nothing compared: base and head have no strategy and cell in common');
    expect(disjoint.stdout).toContain(
      'MISSING from head (in base only; fails the comparison, --allow-missing accepts it): direct in maxTokens=256, retry in maxTokens=256',
    );
  });

  it('exits 3 and names the runs when base or head holds a run judged invalid, whatever --fail-on', async () => {
    const base = loadFixture('realtime.json');
    base.runs[0]!.valid = false;
    base.runs[0]!.invalidReasons = ['the load generator fell behind its schedule: start lag p99 25.2 ms'];
    const head = loadFixture('realtime-noisy-head.json');
    head.runs[1]!.valid = false;
    head.runs[1]!.invalidReasons = ['nothing measured: all 40 requests failed to connect'];
    const baseFile = path.join(dir, 'base-invalid.json');
    const headFile = path.join(dir, 'head-invalid.json');
    await writeFile(baseFile, JSON.stringify(base));
    await writeFile(headFile, JSON.stringify(head));
    const md = path.join(dir, 'invalid.md');
    const r = await compare(baseFile, headFile, '--markdown', md);
    expect(r.code).toBe(3);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(-4)).toEqual([
      'INVALID measurement in base: direct in default: the load generator fell behind its schedule: start lag p99 25.2 ms',
      'INVALID measurement in head: retry in default: nothing measured: all 40 requests failed to connect',
      'not a valid comparison: 2 runs judged invalid (their metrics are not judged; see docs/realtime.md); exit 3',
      '0 regressed, 0 improved, 0 unchanged, 10 inconclusive',
    ]);
    expect(await readFile(md, 'utf8')).toContain(
      '**Result: not a valid comparison: 2 runs judged invalid (not a valid measurement, see docs/realtime.md).**',
    );
    expect((await compare(baseFile, headFile, '--fail-on', 'none')).code).toBe(3);
    expect((await compare(fixturePath('realtime.json'), headFile)).code).toBe(3);
  });

  it('fits 80 columns: a table per run keyed by metric, the statistical test in a second one, lines wrapped', async () => {
    vi.stubEnv('COLUMNS', '80');
    try {
      const regressed = await compare(fixturePath('simulated.json'), fixturePath('simulated-regressed.json'));
      const lines = regressed.stdout.split('\n');
      expect(Math.max(...lines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
      const at = lines.indexOf('batched in maxTokens=1024:');
      expect(lines.slice(at + 1, at + 6)).toEqual([
        '┌───────────────────────────┬──────────┬─────────┬────────┬───────────┐',
        '│ metric                    │ baseline │ current │      Δ │ verdict   │',
        '├───────────────────────────┼──────────┼─────────┼────────┼───────────┤',
        expect.stringMatching(/^│ latencyMs\.mean /),
        '│ latencyMs.p99             │  4446 ms │ 4980 ms │ +12.0% │ REGRESSED │',
      ]);
      const noisy = await compare(fixturePath('realtime.json'), fixturePath('realtime-noisy-head.json'));
      const noisyLines = noisy.stdout.split('\n');
      expect(Math.max(...noisyLines.map((line) => [...line].length))).toBeLessThanOrEqual(80);
      expect(noisyLines).toContain('│ metric                    │  95% interval of Δ │ p (Holm) │');
    } finally {
      vi.stubEnv('COLUMNS', '1000');
    }
  });

  it('exits 2 on a missing file, an unknown metric or a bad --noise', async () => {
    const missing = await compare(fixturePath('simulated.json'), path.join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('none.json: cannot read results: no such file');
    const metric = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated.json'),
      '--metrics',
      'p42',
    );
    expect(metric).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--metrics: unknown metric "p42"'),
    });
    const noise = await compare(
      fixturePath('simulated.json'),
      fixturePath('simulated.json'),
      '--noise',
      'lots',
    );
    expect(noise).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--noise: expected a percentage such as 5%'),
    });
  });
});

describe('parseFraction', () => {
  it('reads percentages and fractions', () => {
    expect(parseFraction('--noise', '5%')).toBe(0.05);
    expect(parseFraction('--noise', '0.1')).toBe(0.1);
    expect(parseFraction('--alpha', 0.01, 0.5)).toBe(0.01);
    expect(() => parseFraction('--alpha', '0.7', 0.5)).toThrow('--alpha: expected a percentage');
  });
});

describe('bench compare through bin/bench.js', () => {
  it('exits 1 on a regression and 2 on a missing file, as a process', () => {
    const bin = fileURLToPath(new URL('../../../bin/bench.js', import.meta.url));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [bin, 'compare', ...args], { encoding: 'utf8' });
    const regressed = run(
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
      '--metrics',
      'p99',
    );
    expect(regressed.status).toBe(1);
    expect(regressed.stdout).toContain('1 regressed, 0 improved, 7 unchanged, 0 inconclusive');
    const missing = run(fixturePath('simulated.json'), fixturePath('missing.json'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('missing.json: cannot read results: no such file');
  });
});
