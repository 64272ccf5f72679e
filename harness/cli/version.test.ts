import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './main.ts';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

describe('bench --version', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  function printed(): string[] {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    return lines;
  }

  it("prints package.json's version and exits 0", async () => {
    const lines = printed();
    expect(await main(['--version'])).toBe(0);
    expect(lines).toEqual([packageVersion]);
  });

  it('after a command too, without running it (`bench mock --version` serves nothing)', async () => {
    const lines = printed();
    expect(await main(['mock', '--port', '1', '--version'])).toBe(0);
    expect(lines).toEqual([packageVersion]);
  });

  it('is listed in the help', async () => {
    const lines = printed();
    // yargs prints help through console.log and exits the process unless told not to.
    vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    await main(['--help']);
    expect(lines.join('\n')).toContain('--version  print the version of claude-bench and exit');
  });
});
