import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = path.resolve('bin/bench.js');
const dirs: string[] = [];

function emptyDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'claude-bench-init-'));
  dirs.push(dir);
  return dir;
}

function bench(cwd: string, ...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('bench init', () => {
  it('writes a starter scenario, a client module and a CI workflow, and says what to run next', () => {
    const dir = emptyDir();
    const result = bench(dir, 'init');
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(
      [
        'wrote benchmarks/starter.yaml',
        'wrote benchmarks/client.ts',
        'wrote .github/workflows/claude-bench.yml',
        '',
        'Next: npx claude-bench benchmarks/starter.yaml',
        '(claude-bench must be a dev dependency of this project for the CI workflow: see its README)',
        '',
      ].join('\n'),
    );
    expect(result.status).toBe(0);
    const workflow = readFileSync(path.join(dir, '.github/workflows/claude-bench.yml'), 'utf8');
    expect(workflow).toContain('  SCENARIO: benchmarks/starter.yaml\n');
    expect(workflow).toContain('npx --no-install claude-bench "$SCENARIO"');
    expect(workflow).not.toMatch(/npx --no-install bench /);
    expect(readFileSync(path.join(dir, 'benchmarks/client.ts'), 'utf8')).toContain(
      "from 'claude-bench/harness/runner/userModule.ts'",
    );
    // The scenario is valid as written, its module path included.
    const validate = bench(dir, 'validate', 'benchmarks/starter.yaml');
    expect(validate.stderr).toBe('');
    expect(validate.status).toBe(0);
  }, 30_000);

  it('refuses to overwrite: exit 2, names every file already there, writes nothing', () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, 'benchmarks'));
    writeFileSync(path.join(dir, 'benchmarks/client.ts'), 'mine\n');
    const result = bench(dir, 'init');
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'benchmarks/client.ts: already exists; nothing was written (move it away, or run `claude-bench init --force` to overwrite)\n',
    );
    expect(result.status).toBe(2);
    expect(readFileSync(path.join(dir, 'benchmarks/client.ts'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(dir, 'benchmarks/starter.yaml'))).toBe(false);
    expect(existsSync(path.join(dir, '.github'))).toBe(false);
  }, 30_000);

  it('overwrites with --force', () => {
    const dir = emptyDir();
    mkdirSync(path.join(dir, 'benchmarks'));
    writeFileSync(path.join(dir, 'benchmarks/client.ts'), 'mine\n');
    const result = bench(dir, 'init', '--force');
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'benchmarks/client.ts'), 'utf8')).toBe(
      readFileSync('harness/init/templates/client.ts', 'utf8'),
    );
  }, 30_000);
});
