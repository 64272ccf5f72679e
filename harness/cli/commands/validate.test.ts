import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../test/fixtures/results/runCli.ts';
import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';

/** Runs `bench validate` on files, capturing what it prints. */
async function validate(...files: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: string) => void out.push(text));
  vi.spyOn(console, 'error').mockImplementation((text: string) => void err.push(text));
  const exitCode = await validateCommand.run({ files });
  return { exitCode, out, err };
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('bench validate', () => {
  it('prints cells × strategies = runs for valid files and exits 0, warning of cells over the mock’s limits', async () => {
    vi.stubEnv('COLUMNS', '160');
    expect(await validate('test/scenario/full.yaml', 'test/scenario/minimal.yaml')).toEqual({
      exitCode: 0,
      out: [
        'test/scenario/full.yaml: ok (6 cells × 7 strategies = 42 runs)',
        'test/scenario/minimal.yaml: ok (1 cell × 1 strategy = 1 run)',
      ],
      // free-tier: 20 requests and 8k output tokens a minute; 5 and 20 users without think time.
      err: [
        "warning: the offered load exceeds the mock's rate limits (preset free-tier), so 429s are expected:",
        '  concurrency=5,maxTokens=256: ~64.3 requests/min (limit 20); ~16,500 output tokens/min (limit 8,000)',
        '  concurrency=5,maxTokens=512: ~47 requests/min (limit 20); ~16,900 output tokens/min (limit 8,000)',
        '  concurrency=5,maxTokens=1024: ~47 requests/min (limit 20); ~16,900 output tokens/min (limit 8,000)',
        '  concurrency=20,maxTokens=256: ~257 requests/min (limit 20); ~65,800 output tokens/min (limit 8,000)',
        '  concurrency=20,maxTokens=512: ~188 requests/min (limit 20); ~67,500 output tokens/min (limit 8,000)',
        '  concurrency=20,maxTokens=1024: ~188 requests/min (limit 20); ~67,500 output tokens/min (limit 8,000)',
        "  (~ a closed loop's estimate from the mock's median latency; batching and caching send less)",
      ],
    });
  });

  it('wraps the overload warning at the terminal’s width (COLUMNS=80)', async () => {
    vi.stubEnv('COLUMNS', '80');
    const { err } = await validate('test/scenario/full.yaml');
    expect(err.slice(0, 5)).toEqual([
      "warning: the offered load exceeds the mock's rate limits (preset free-tier), so",
      '    429s are expected:',
      '  concurrency=5,maxTokens=256: ~64.3 requests/min (limit 20); ~16,500 output',
      '      tokens/min (limit 8,000)',
      '  concurrency=5,maxTokens=512: ~47 requests/min (limit 20); ~16,900 output',
    ]);
    expect(Math.max(...err.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('prints every problem of an invalid file, checks the other files, and exits 2', async () => {
    expect(await validate('test/scenario/broken.yaml', 'test/scenario/minimal.yaml')).toEqual({
      exitCode: 2,
      out: ['test/scenario/minimal.yaml: ok (1 cell × 1 strategy = 1 run)'],
      err: [
        'test/scenario/broken.yaml:4:45: workload.arrival.concurrency[1]: expected a whole number ≥ 1, got 0\n' +
          'test/scenario/broken.yaml:5:22: strategies[1]: expected one of direct, retry, batched, cached, cached+batched, streaming, got "retyr" (did you mean "retry"?)',
        'test/scenario/broken.yaml: 2 problems',
      ],
    });
  });

  it('warns about an unset target.apiKeyEnv at its line but exits 0; names a bad prompt file line and exits 2', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-validate-'));
    try {
      const scenario = path.join(dir, 'r.yaml');
      const variable = 'CLAUDE_BENCH_TEST_UNSET_KEY';
      delete process.env[variable];
      await writeFile(
        scenario,
        `mode: realtime\ntarget: { baseUrl: "http://127.0.0.1:9", apiKeyEnv: ${variable} }\nworkload: { requests: 1 }\n`,
      );
      expect(await validate(scenario)).toEqual({
        exitCode: 0,
        out: [`${scenario}: ok (1 cell × 1 strategy = 1 run)`],
        err: [
          `warning: ${scenario}:2:53: target.apiKeyEnv: the environment variable ${variable} is not set: export it with your API key (bench run refuses to start without it)`,
        ],
      });
      const run = await runCli(runCommand, ['run', scenario, '--out', path.join(dir, 'out'), '--quiet']);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `${scenario}:2:53: target.apiKeyEnv: the environment variable ${variable} is not set: export it with your API key (bench run refuses to start without it)\n`,
      });
      const prompts = path.join(dir, 'prompts.jsonl');
      await writeFile(prompts, '{"prompt": "a"}\n{"prompt": "b",}\n');
      const withPrompts = path.join(dir, 'p.yaml');
      await writeFile(withPrompts, 'workload:\n  requests: 1\n  prompts: { file: prompts.jsonl }\n');
      expect(await validate(withPrompts)).toEqual({
        exitCode: 2,
        out: [],
        err: [
          `${withPrompts}:3:20: workload.prompts.file: ${prompts}:2: not valid JSON; expected {"prompt": "..."}`,
        ],
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 2 with a clear message for a missing file', async () => {
    expect(await validate('test/scenario/missing.yaml')).toEqual({
      exitCode: 2,
      out: [],
      err: ['test/scenario/missing.yaml: no such file'],
    });
  });
});
