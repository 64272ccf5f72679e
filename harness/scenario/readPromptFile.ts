import { readFileSync } from 'node:fs';
import { InputError, type InputProblem } from '../../base/errors.ts';

/** One line of a JSONL prompt file: `{"prompt": "...", "system"?: "...", "maxTokens"?: n}`. */
export interface PromptFileRow {
  prompt: string;
  system?: string;
  /** Overrides the workload's max_tokens for this prompt (a whole number ≥ 1). */
  maxTokens?: number;
}

/**
 * Reads and checks a JSONL prompt file (`workload.prompts.file`), one prompt a line; blank lines
 * are skipped. Throws one InputError with a problem per bad line (`file`, 1-based `line`): not
 * JSON, no non-empty string `prompt`, a `system` that is not a string, a `maxTokens` that is not a
 * whole number ≥ 1; and for a file that cannot be read or holds no prompt.
 */
export function readPromptFile(path: string): PromptFileRow[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(
      [{ file: path, message: `cannot read the prompt file: ${(error as Error).message}` }],
      { cause: error },
    );
  }
  const rows: PromptFileRow[] = [];
  const problems: InputProblem[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const bad = (message: string): void => {
      problems.push({ file: path, line: i + 1, message });
    };
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      bad('not valid JSON; expected {"prompt": "..."}');
      return;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      bad('expected a JSON object such as {"prompt": "..."}');
      return;
    }
    const r = value as { prompt?: unknown; system?: unknown; maxTokens?: unknown };
    if (typeof r.prompt !== 'string' || r.prompt === '') {
      bad('expected a non-empty string field "prompt"');
      return;
    }
    const row: PromptFileRow = { prompt: r.prompt };
    if (r.system !== undefined) {
      if (typeof r.system !== 'string') {
        bad(`"system" must be a string, got ${JSON.stringify(r.system)}`);
        return;
      }
      row.system = r.system;
    }
    if (r.maxTokens !== undefined) {
      if (typeof r.maxTokens !== 'number' || !Number.isInteger(r.maxTokens) || r.maxTokens < 1) {
        bad(`"maxTokens" must be a whole number of at least 1, got ${JSON.stringify(r.maxTokens)}`);
        return;
      }
      row.maxTokens = r.maxTokens;
    }
    rows.push(row);
  });
  if (problems.length > 0) throw new InputError(problems);
  if (rows.length === 0) throw new InputError([{ file: path, message: 'the prompt file holds no prompts' }]);
  return rows;
}
