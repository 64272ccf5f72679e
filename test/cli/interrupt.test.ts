import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

describe('bench <scenario> interrupted with Ctrl-C', () => {
  it('writes what was measured, marked partial, and exits 130', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-interrupt-'));
    const scenario = path.join(dir, 'long.yaml');
    await writeFile(
      scenario,
      'name: long\nworkload: { requests: 5000000, arrival: { type: closed, concurrency: 8 } }\nstrategies: [direct, retry]\n',
    );
    const child = spawn(process.execPath, ['bin/bench.js', scenario, '--out', dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      // Interrupt once it is simulating (its first progress line), however long loading took.
      if (!sent && stderr.includes('progress: run 1/2')) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(stderr).toContain('interrupted');
    expect(code).toBe(130);
    const results = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as {
      partial: boolean;
      runs: { strategy: string; valid: boolean; metrics: { requests: { total: number } } }[];
    };
    expect(results.partial).toBe(true);
    expect(results.runs.map((r) => r.strategy)).toEqual(['direct']);
    expect(results.runs[0]?.valid).toBe(false);
    expect(results.runs[0]?.metrics.requests.total).toBeGreaterThan(0);
    expect(results.runs[0]?.metrics.requests.total).toBeLessThan(5_000_000);
  }, 90_000);
});
