// The layering the README promises: mocks/ stands alone (users import it in their own tests) and
// base/ is the bottom layer both sides import.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => /\.(ts|js|mts|cts|mjs|cjs)$/.test(name))
    .map((name) => join(dir, name));
}

/** Every relative import of a file, as a path from the repository root. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)];
  return specifiers.map((m) => relative(root, resolve(root, dirname(file), m[1] ?? '')));
}

function crossings(dir: string, forbidden: readonly string[]): string[] {
  return sourceFiles(dir).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((top) => target === top || target.startsWith(`${top}/`)))
      .map((target) => `${file} imports ${target}`),
  );
}

describe('import boundaries', () => {
  it('nothing under mocks/ imports harness/ or reports/', () => {
    expect(crossings('mocks', ['harness', 'reports'])).toEqual([]);
  });

  it('nothing under base/ imports harness/, mocks/ or reports/', () => {
    expect(crossings('base', ['harness', 'mocks', 'reports'])).toEqual([]);
  });

  it('the scan sees relative imports (a file that crosses is reported)', () => {
    expect(importsOf('mocks/models/RateLimiter.ts')).toContain('base/limits/TokenBucket.ts');
  });
});
