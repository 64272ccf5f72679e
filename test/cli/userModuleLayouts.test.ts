// A user's client module loads the way `bench` loads it (bin/bench.js and its tsx hooks, not
// vitest's transform), from temp folders outside the repository: a folder without package.json, a
// CommonJS package (`"type": "commonjs"` and no type) and an ESM package, in every extension.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BENCH = fileURLToPath(new URL('../../bin/bench.js', import.meta.url));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function bench(args: readonly string[], cwd: string): Promise<Exit> {
  const child = spawn(process.execPath, [BENCH, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Client modules, by file name: each answers through the mock (fetch to `context.baseURL`). */
const CLIENTS: Record<string, string> = {
  // ESM syntax and types in a `.ts`, with an extensionless relative import (a CommonJS habit).
  'client.ts': `import { ask } from './ask';
interface Ctx { baseURL: string; apiKey: string }
export default async function client(request: { model: string; maxTokens: number }, context: Ctx) {
  const message = await ask(request, context);
  return { text: message.content[0].text, usage: message.usage };
}
`,
  'ask.ts': `export async function ask(request: { model: string; maxTokens: number }, context: { baseURL: string; apiKey: string }): Promise<any> {
  const response = await fetch(context.baseURL + '/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': context.apiKey, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: request.model, max_tokens: request.maxTokens, messages: [{ role: 'user', content: 'hi' }] }),
  });
  return response.json();
}
`,
  // A named `run` export.
  'named.mts': `import { ask } from './ask.ts';
export async function run(request: { model: string; maxTokens: number }, context: { baseURL: string; apiKey: string }) {
  return { text: (await ask(request, context)).content[0].text };
}
`,
  // ESM syntax in a .cts: TypeScript compiles it to exports.default.
  'default.cts': `const { ask } = require('./ask.ts');
export default async function client(request: unknown, context: unknown): Promise<{ text: string }> {
  return { text: (await ask(request, context)).content[0].text };
}
`,
  'esm.js': `import { ask } from './ask.ts';
export default async (request, context) => ({ text: (await ask(request, context)).content[0].text });
`,
  'esm.mjs': `import { ask } from './ask.ts';
export default async (request, context) => ({ text: (await ask(request, context)).content[0].text });
`,
  'exports.cjs': `const { ask } = require('./ask.ts');
module.exports = async (request, context) => ({ text: (await ask(request, context)).content[0].text });
`,
  'run.cjs': `const { ask } = require('./ask.ts');
exports.run = async (request, context) => ({ text: (await ask(request, context)).content[0].text });
`,
};

const LAYOUTS: Record<string, string | undefined> = {
  'no-package': undefined,
  'cjs-typed': '{ "name": "app", "type": "commonjs" }',
  'cjs-untyped': '{ "name": "app" }',
  esm: '{ "name": "app", "type": "module" }',
};

const MODULES = Object.keys(CLIENTS).filter((f) => f !== 'ask.ts');

describe('a user client module', () => {
  it('loads in every extension from a folder without package.json, a CommonJS package and an ESM package', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'bench-layouts-'));
    const strategies: string[] = [];
    for (const [layout, packageJson] of Object.entries(LAYOUTS)) {
      const dir = path.join(root, layout);
      await mkdir(dir);
      if (packageJson !== undefined) await writeFile(path.join(dir, 'package.json'), packageJson);
      for (const [file, text] of Object.entries(CLIENTS)) await writeFile(path.join(dir, file), text);
      for (const file of MODULES)
        strategies.push(`  - { name: ${layout}/${file}, module: ./${layout}/${file} }`);
    }
    // The no-package layout means no package.json anywhere above it, or it would be in that package.
    for (let dir = path.join(root, 'no-package'); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, 'package.json')), dir).toBe(false);
    }
    await writeFile(
      path.join(root, 'layouts.yaml'),
      `name: layouts
mock: { preset: perfect }
workload: { requests: 3, arrival: { type: closed, concurrency: 1 }, maxTokens: 16 }
strategies:
${strategies.join('\n')}
`,
    );
    const out = path.join(root, 'out');
    const exit = await bench(['layouts.yaml', '--out', out, '--quiet'], root);
    expect(exit.stderr.trim()).toBe(
      `results written to ${path.join(out, 'results.json')}, report.md and report.html`,
    );
    expect(exit.code).toBe(0);
    const results = JSON.parse(await readFile(path.join(out, 'results.json'), 'utf8')) as {
      runs: { strategy: string; metrics: { requests: { ok: number }; upstream: { calls: number } } }[];
    };
    const byStrategy = Object.fromEntries(
      results.runs.map((r) => [r.strategy, `${r.metrics.requests.ok} ok, ${r.metrics.upstream.calls} calls`]),
    );
    const expected = Object.fromEntries(
      strategies.map((s) => [/name: ([^,]+),/.exec(s)?.[1], '3 ok, 3 calls']),
    );
    expect(byStrategy).toEqual(expected);
  }, 60_000);

  it('that does not load, or exports no function, is an input error naming the file and the fix (exit 2)', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'bench-bad-module-'));
    await writeFile(path.join(root, 'package.json'), '{ "type": "commonjs" }');
    await writeFile(path.join(root, 'syntax.ts'), 'export default async function (: { return 1 }\n');
    await writeFile(path.join(root, 'noexport.ts'), 'export const helper = 1;\nexport function other() {}\n');
    await writeFile(
      path.join(root, 'missing.ts'),
      "import x from 'not-installed-anywhere';\nexport default x;\n",
    );
    const cases: Record<string, RegExp> = {
      'syntax.ts':
        /syntax\.ts: strategies\.mine\.module: cannot load the module: [\s\S]*syntax\.ts:1:31: ERROR: [\s\S]*fix: fix the syntax error at the line and column above/,
      'noexport.ts':
        /noexport\.ts: strategies\.mine\.module: the module must export a function as default [\s\S]*; it exports helper, other$/m,
      'missing.ts':
        /missing\.ts: strategies\.mine\.module: cannot load the module: Cannot find module 'not-installed-anywhere'\n {2}fix: install not-installed-anywhere where the module can find it/,
    };
    const exits = await Promise.all(
      Object.keys(cases).map(async (file) => {
        const scenario = `${file}.yaml`;
        await writeFile(
          path.join(root, scenario),
          `name: bad\nworkload: { requests: 2 }\nstrategies: [ { name: mine, module: ./${file} } ]\n`,
        );
        return bench([scenario, '--out', path.join(root, 'out', file), '--quiet'], root);
      }),
    );
    for (const [i, [file, message]] of Object.entries(cases).entries()) {
      const exit = exits[i] as Exit;
      expect(exit.stderr, file).toMatch(message);
      expect(exit.stderr, file).not.toMatch(/Require stack|\n\s+at /);
      expect(exit.code, file).toBe(2);
    }
  }, 60_000);
});
