import { readFile } from 'node:fs/promises';
import { InputError } from '../../base/errors.ts';
import { type ParseScenarioOptions, parseScenario } from './parseScenario.ts';
import type { ResolvedScenario } from './types.ts';

/**
 * Reads and resolves a scenario file (see parseScenario). A file that cannot be read is an
 * InputError naming it and why (no such file, a directory, no permission). `options` as parseScenario's.
 */
export async function loadScenario(
  file: string,
  options: ParseScenarioOptions = {},
): Promise<ResolvedScenario> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a scenario file'
          : code === 'EACCES'
            ? 'permission denied'
            : `cannot be read (${(error as Error).message})`;
    throw new InputError([{ file, message: why }], { cause: error });
  }
  return parseScenario(text, file, options);
}
