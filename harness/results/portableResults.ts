import path from 'node:path';
import type { ResultsFile } from './ResultsFile.ts';

/**
 * The results with absolute paths under the working directory made relative, so the same scenario
 * and seed give the same bytes on any machine and in any clone.
 */
export function portableResults(results: ResultsFile, cwd = process.cwd()): ResultsFile {
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  const json = JSON.stringify(results, (_key, value: unknown) =>
    typeof value === 'string' && value.startsWith(prefix) ? value.slice(prefix.length) : value,
  );
  return JSON.parse(json) as ResultsFile;
}
