import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../test/fixtures/results/loadFixture.ts';

const bin = fileURLToPath(new URL('../../bin/bench.js', import.meta.url));

/** Runs bin/bench.js with its stdout's reader closed before it writes anything, like `| head -0`. */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('a closed stdout (bench … | head)', () => {
  it('exits with the command’s own code and no EPIPE stack trace', async () => {
    const report = await runWithClosedStdout(['report', fixturePath('simulated.json'), '--format', 'json']);
    expect(report).toEqual({ code: 0, stderr: '' });
    const regressed = await runWithClosedStdout([
      'compare',
      fixturePath('simulated.json'),
      fixturePath('simulated-regressed.json'),
    ]);
    expect(regressed).toEqual({ code: 1, stderr: '' });
  }, 60_000);
});
