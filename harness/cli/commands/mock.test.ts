import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InputError } from '../../../base/errors.ts';
import { main } from '../main.ts';
import { loadMockConfig } from './mock.ts';

const BIN = fileURLToPath(new URL('../../../bin/bench.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'bench-mock-'));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected an InputError');
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('loadMockConfig', () => {
  it('merges the file over the preset', () => {
    const config = loadMockConfig(
      'perfect',
      file('ok.yaml', 'latency:\n  ttftMs: 250ms\nfaults:\n  error529: 2%\n'),
    );
    expect(config.latency.ttftMs).toBe(250);
    expect(config.latency.outputTokensPerSec).toBe(1e9);
    expect(config.faults.error529).toBe(0.02);
  });

  it('names the file, line:column, field and fix of every problem in a YAML file', () => {
    const path = file('bad.yaml', 'latency:\n  ttftMs: fast\nfaults:\n  streamDrops: 0.1\n');
    expect(problemsOf(() => loadMockConfig('default', path))).toEqual([
      `${path}:2:11: latency.ttftMs: expected a duration such as 200ms, 30s, 5m or 1h, or a non-negative number of milliseconds, got "fast"`,
      `${path}:4:3: faults: unknown field "streamDrops"; did you mean "streamDrop"? Accepted here: script, error429, error529, error500, error504, streamErrorEvent, streamDrop, streamCleanClose, streamStall, outages.`,
    ]);
  });

  it('reports JSON syntax errors at their line and column', () => {
    const path = file('bad.json', '{\n  "latency": {"ttftMs": 5\n');
    const [problem] = problemsOf(() => loadMockConfig('default', path));
    expect(problem).toMatch(new RegExp(`^${path.replaceAll('.', '\\.')}:3:1: not valid JSON`));
  });

  it('rejects an unknown preset and a missing file with the fix', () => {
    expect(problemsOf(() => loadMockConfig('nope'))).toEqual([
      '--preset: unknown preset "nope"; use one of perfect, default, free-tier, model-latency, tier-1, tier-2, tier-3, tier-4, flaky',
    ]);
    expect(problemsOf(() => loadMockConfig('default', join(dir, 'missing.yaml')))).toEqual([
      `${join(dir, 'missing.yaml')}: cannot read the --config file (file not found); give a YAML or JSON file`,
    ]);
  });
});

describe('bench mock', () => {
  it('exits 2 with the problem on stderr for a bad --config, without a stack trace', async () => {
    const errors: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      errors.push(String(line));
    });
    const path = file('bad2.yaml', 'faults:\n  error529: 2\n');
    expect(await main(['mock', '--config', path])).toBe(2);
    expect(errors).toEqual([
      `${path}:2:13: faults.error529: expected a probability from 0 to 1 or a percentage from 0% to 100%, got 2`,
    ]);
  });

  it('--list-presets prints every preset with its description', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line));
    });
    expect(await main(['mock', '--list-presets'])).toBe(0);
    const table = lines.join('\n');
    for (const name of ['perfect', 'default', 'free-tier', 'tier-1', 'flaky']) expect(table).toContain(name);
    expect(table).toContain('instant answers');
  });

  it('serves until SIGTERM: prints the real port, answers the API, shuts down with exit code 0', async () => {
    const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', '--preset', 'perfect'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines = createInterface({ input: child.stdout });
    const first = await new Promise<string>((resolve) => lines.once('line', resolve));
    expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = first.slice('listening on '.length);
    expect(url.endsWith(':0')).toBe(false);
    const response = await fetch(`${url}/v1/messages`, {
      method: 'POST',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'claude-sonnet-4-6',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { type: string }).type).toBe('message');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
