// `bench init`: the files a project needs to start benchmarking with claude-bench (a starter
// scenario, a client module, a CI workflow), written from the templates beside this file.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../base/errors.ts';

/** Where each file goes, relative to the project directory. */
export const INIT_FILES = {
  scenario: 'benchmarks/starter.yaml',
  client: 'benchmarks/client.ts',
  workflow: '.github/workflows/claude-bench.yml',
} as const;

/** The package's root (two folders up from here), where the templates and the workflow live. */
const PACKAGE_ROOT = new URL('../../', import.meta.url);

function template(relative: string): string {
  return readFileSync(new URL(relative, PACKAGE_ROOT), 'utf8');
}

/** Each file's path (relative to the project) and text. */
export function initContents(): { path: string; text: string }[] {
  // The workflow is this repository's own, copied, with the starter scenario as its SCENARIO.
  const workflow = template('.github/workflows/bench.yml').replace(
    /^(\s*SCENARIO:\s*).*$/m,
    `$1${INIT_FILES.scenario}`,
  );
  return [
    { path: INIT_FILES.scenario, text: template('harness/init/templates/starter.yaml') },
    { path: INIT_FILES.client, text: template('harness/init/templates/client.ts') },
    { path: INIT_FILES.workflow, text: workflow },
  ];
}

/**
 * Writes the starter files into `dir`. Refuses (an `InputError` naming every file that is already
 * there, nothing written) unless `force`. Returns the paths written, relative to `dir`.
 */
export function initProject(dir: string, options: { force?: boolean } = {}): string[] {
  const files = initContents();
  if (options.force !== true) {
    const existing = files.filter((f) => existsSync(path.join(dir, f.path)));
    if (existing.length > 0) {
      throw new InputError(
        existing.map((f) => ({
          file: f.path,
          message:
            'already exists; nothing was written (move it away, or run `claude-bench init --force` to overwrite)',
        })),
      );
    }
  }
  for (const file of files) {
    const target = path.join(dir, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
  }
  return files.map((f) => f.path);
}
