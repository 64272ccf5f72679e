import { execFile } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commandName } from './commandName.ts';
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
        'every strategy in every matrix cell; writes results.json, report.md and report.html',
      );
    }
  }, 30_000);
});

describe('the command’s name in help and usage errors', () => {
  it('is the name it was invoked as: claude-bench or bench', () => {
    expect(commandName('/p/node_modules/.bin/claude-bench')).toBe('claude-bench');
    expect(commandName('/p/node_modules/.bin/claude-bench.cmd')).toBe('claude-bench');
    expect(commandName('/p/node_modules/.bin/bench')).toBe('bench');
    expect(commandName('/repo/bin/bench.js')).toBe('bench');
    expect(commandName(undefined)).toBe('bench');
  });

  it('shows claude-bench when the bin is run as claude-bench (as npm links it), bench as bench', async () => {
    // npm links node_modules/.bin/claude-bench to bin/bench.js; a symlink of that name does the same.
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-name-'));
    try {
      const link = path.join(dir, 'claude-bench');
      await symlink(path.resolve('bin/bench.js'), link);
      const { stdout } = await run(process.execPath, [link, '--help']);
      const lines = stdout.split('\n');
      expect(lines[0]).toBe('claude-bench <scenario.yaml> [options]  run a scenario, as `claude-bench run`');
      expect(stdout).toContain('  claude-bench compare <base> <head>');
      expect(stdout).not.toMatch(/(^|\s)bench /m);
      const usage = await run(process.execPath, [link, 'report']).catch(
        (e: { stderr: string; code: number }) => e,
      );
      expect(usage).toMatchObject({ code: 2 });
      expect((usage as { stderr: string }).stderr).toContain('Run `claude-bench --help` for usage.');
      expect((await help()).split('\n')[0]).toBe(
        'bench <scenario.yaml> [options]  run a scenario, as `bench run`',
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
