import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// claude-bench as a user gets it: `npm pack`, installed as a dev dependency of an empty project
// outside this repo, run through its `claude-bench` bin. Offline: the dependencies come from npm's
// cache, which `npm ci` filled from this repo's lockfile. A fresh `npm install ./x.tgz` would need
// the registry's metadata of every dependency (the cache holds only tarballs, by integrity), so the
// project gets a lockfile made from ours: claude-bench's runtime dependency tree, as npm resolved it.

const REPO = process.cwd();
const repoPackage = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  version: string;
};

/** The child's environment: no `npm_*` variables of an enclosing `npm test` (they name this repo). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'INIT_CWD') env[key] = value;
  }
  return { ...env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync('npm', args, { cwd, env: cleanEnv(), encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`npm ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result;
}

type LockEntry = Record<string, unknown> & { dev?: boolean; devOptional?: boolean };

/** A lockfile for `project` depending on `tarball`: our lockfile's non-dev packages, re-rooted. */
function projectLockfile(tarball: string, project: string, spec: string): object {
  const lock = JSON.parse(readFileSync(path.join(REPO, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const root = lock.packages[''] as LockEntry;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, LockEntry> = {
    '': { name: path.basename(project), version: '1.0.0', devDependencies: { 'claude-bench': spec } },
    'node_modules/claude-bench': {
      version: root.version,
      resolved: spec,
      integrity,
      dev: true,
      license: root.license,
      dependencies: root.dependencies,
      bin: root.bin,
      engines: root.engines,
    },
  };
  for (const [key, entry] of Object.entries(lock.packages)) {
    if (key === '' || entry.dev === true) continue;
    const { devOptional: _, ...rest } = entry;
    packages[key] = { ...rest, dev: true };
  }
  return { name: path.basename(project), version: '1.0.0', lockfileVersion: 3, requires: true, packages };
}

/** The CommonJS hook that lets a `.ts` client inside a CommonJS package load (issue 10, section 2). */
const loadsCommonJsClients = readFileSync(path.join(REPO, 'bin/bench.js'), 'utf8').includes('tsx/cjs/api');

describe('the packed tarball, installed in an empty project outside the repo', () => {
  let dir = '';
  let project = '';

  function claudeBench(args: string[], cwd = project): SpawnSyncReturns<string> {
    return spawnSync('npx', ['--no-install', 'claude-bench', ...args], {
      cwd,
      env: cleanEnv(),
      encoding: 'utf8',
    });
  }

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'claude-bench-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], REPO).stdout) as {
      filename: string;
    }[];
    const tarball = path.join(dir, packed[0]?.filename as string);
    project = path.join(dir, 'app');
    mkdirSync(project);
    const spec = `file:../${path.basename(tarball)}`;
    writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({
        name: 'app',
        version: '1.0.0',
        private: true,
        devDependencies: { 'claude-bench': spec },
      }),
    );
    writeFileSync(
      path.join(project, 'package-lock.json'),
      JSON.stringify(projectLockfile(tarball, project, spec)),
    );
    npm(['install', '--offline', '--no-audit', '--no-fund'], project);
  }, 120_000);

  // Removing the installed project's node_modules takes seconds on a loaded machine.
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('ships what runs and nothing dev-only', () => {
    const installed = path.join(project, 'node_modules');
    const files = spawnSync('find', ['claude-bench', '-type', 'f'], {
      cwd: installed,
      encoding: 'utf8',
    }).stdout;
    expect(files).toContain('claude-bench/bin/bench.js');
    expect(files).toContain('claude-bench/mocks/bindings/mockWorker.js');
    expect(files).not.toMatch(/\.test\.ts|scripts\/|test\/|vitest|biome|tsconfig/);
    // No dev dependency of ours was installed.
    for (const dev of [
      'vitest',
      'typescript',
      '@biomejs',
      'autocannon',
      'simple-statistics',
      'hdr-histogram-js',
    ]) {
      expect(spawnSync('test', ['-e', path.join(installed, dev)]).status).toBe(1);
    }
  });

  it('`npx claude-bench --version` prints the version', () => {
    const result = claudeBench(['--version']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`${repoPackage.version}\n`);
    expect(result.status).toBe(0);
  }, 30_000);

  it('runs a scenario', () => {
    writeFileSync(
      path.join(project, 'small.yaml'),
      [
        'name: small',
        'seed: 7',
        'workload: { requests: 40, arrival: { type: closed, concurrency: 4 } }',
        'strategies: [direct, retry]',
        'thresholds: ["retry: errorRate <= direct"]',
        '',
      ].join('\n'),
    );
    const result = claudeBench(['small.yaml', '--out', 'out', '--quiet']);
    expect(result.stderr).toBe('results written to out/results.json, report.md and report.html\n');
    expect(result.status).toBe(0);
    const results = JSON.parse(readFileSync(path.join(project, 'out/results.json'), 'utf8')) as {
      tool: { name: string; version: string };
      runs: { strategy: string; metrics: { requests: { total: number } } }[];
    };
    expect(results.tool).toEqual({ name: 'claude-bench', version: repoPackage.version });
    // The HTML report inlines uPlot and its own script from the installed package.
    const html = readFileSync(path.join(project, 'out/report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('document.documentElement.dataset.ready');
    expect(html).toContain('uPlot');
    expect(results.runs.map((r) => [r.strategy, r.metrics.requests.total])).toEqual([
      ['direct', 40],
      ['retry', 40],
    ]);
  }, 60_000);

  it.skipIf(!loadsCommonJsClients)(
    'runs a .ts client module of a CommonJS package',
    () => {
      const pkg = path.join(project, 'cjs');
      mkdirSync(pkg);
      writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'cjs', type: 'commonjs' }));
      writeFileSync(
        path.join(pkg, 'client.ts'),
        [
          "import type { UserContext, UserRequest, UserResult } from 'claude-bench/harness/runner/userModule.ts';",
          'export default async function send(request: UserRequest, context: UserContext): Promise<UserResult> {',
          "  const response = await fetch(context.baseURL + '/v1/messages', {",
          "    method: 'POST',",
          "    headers: { 'x-api-key': context.apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },",
          '    body: JSON.stringify({ model: request.model, max_tokens: request.maxTokens, messages: request.messages }),',
          '    signal: context.signal,',
          '  });',
          "  if (!response.ok) throw Object.assign(new Error('HTTP ' + response.status), { status: response.status });",
          '  const body = (await response.json()) as { content: { text: string }[]; usage: { input_tokens: number; output_tokens: number } };',
          "  return { text: body.content[0]?.text ?? '', usage: { inputTokens: body.usage.input_tokens, outputTokens: body.usage.output_tokens } };",
          '}',
          '',
        ].join('\n'),
      );
      writeFileSync(
        path.join(pkg, 'mine.yaml'),
        'name: mine\nseed: 3\nmock: { preset: perfect }\nworkload: { requests: 20, arrival: { type: closed, concurrency: 2 } }\nstrategies: [ { name: mine, module: ./client.ts } ]\n',
      );
      const result = claudeBench(['mine.yaml', '--out', 'out', '--quiet'], pkg);
      expect(result.stderr).toBe('results written to out/results.json, report.md and report.html\n');
      expect(result.status).toBe(0);
      const results = JSON.parse(readFileSync(path.join(pkg, 'out/results.json'), 'utf8')) as {
        runs: { strategy: string; metrics: { requests: { total: number; failed: number } } }[];
      };
      expect(
        results.runs.map((r) => [r.strategy, r.metrics.requests.total, r.metrics.requests.failed]),
      ).toEqual([['mine', 20, 0]]);
    },
    60_000,
  );

  it.skipIf(!loadsCommonJsClients)(
    '`claude-bench init` writes a starter that runs as written',
    () => {
      const init = claudeBench(['init']);
      expect(init.status).toBe(0);
      expect(init.stdout).toContain('Next: npx claude-bench benchmarks/starter.yaml');
      const result = claudeBench(['benchmarks/starter.yaml', '--out', 'starter', '--quiet']);
      expect(result.stderr).toBe('results written to starter/results.json, report.md and report.html\n');
      expect(result.status).toBe(0);
    },
    60_000,
  );

  it('`claude-bench/mock` imports by package name in a project of its own (tsx)', () => {
    writeFileSync(
      path.join(project, 'mock-check.mts'),
      [
        "import { claudeHandlers, createMockServer, MOCK_PRESET_NAMES, startMock } from 'claude-bench/mock';",
        'const core = createMockServer({ config: { faults: { script: [{ status: 429, retryAfterMs: 20 }] } } });',
        "const request = { method: 'POST', path: '/v1/messages', headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' }, json: { model: 'claude-haiku-4-5', max_tokens: 8, messages: [{ role: 'user', content: 'Hi' }] } } as const;",
        'const first = await core.handle(request);',
        'const second = await core.handle(request);',
        'const mock = await startMock();',
        "const response = await fetch(mock.url + '/v1/models', { headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' } });",
        'await mock.close();',
        'console.log(JSON.stringify([first.status, second.status, response.status, claudeHandlers().length, MOCK_PRESET_NAMES[0]]));',
        '',
      ].join('\n'),
    );
    const result = spawnSync('node', ['--import', 'tsx', 'mock-check.mts'], {
      cwd: project,
      env: cleanEnv(),
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('[429,200,200,1,"perfect"]\n');
    expect(result.status).toBe(0);
  }, 30_000);

  it('`claude-bench mock &` through the direct bin stops on its pid: exit 0, port closed', async () => {
    // node_modules/.bin/claude-bench is the process itself (no npx wrapper in between).
    const child = spawn(path.join(project, 'node_modules/.bin/claude-bench'), ['mock', '--port', '0'], {
      cwd: project,
      env: cleanEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const first = await new Promise<string>((resolve) =>
      createInterface({ input: child.stdout }).once('line', resolve),
    );
    const url = first.slice('listening on '.length);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    process.kill(child.pid as number, 'SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30_000);
});
