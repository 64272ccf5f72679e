import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { helpWidth } from './main.ts';

const run = promisify(execFile);

/** `bench ... --help` as a user sees it, stdout a pipe (no terminal width: 80 columns). */
async function help(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/bench.js', ...args, '--help']);
  return stdout;
}

describe('bench --help', () => {
  it('wraps to the terminal width, 80 columns without a terminal, at most 120', () => {
    expect(helpWidth(80)).toBe(80);
    expect(helpWidth(200)).toBe(120);
    expect(helpWidth(undefined)).toBe(80);
  });

  it('breaks lines between words, never inside one, within 80 columns', async () => {
    for (const text of [await help(), await help('run')]) {
      for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
      // The run command's description is longer than one line at 80 columns.
      expect(text.replace(/\s+/g, ' ')).toContain(
        'every strategy in every matrix cell; writes results.json and report.md',
      );
    }
  }, 30_000);
});
