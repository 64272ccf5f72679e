import { readFileSync } from 'node:fs';
import { InputError } from '../../base/errors.ts';
import { hashString, Random } from '../../base/random/Random.ts';
import type { ToolDefinition } from '../transport/Transport.ts';
import type { SessionWorkload } from './SessionWorkload.ts';
import { textOfTokens } from './sessionText.ts';

const TOOL_VERBS = ['read', 'write', 'search', 'list', 'run', 'edit', 'grep', 'fetch', 'open', 'test'];
const TOOL_NOUNS = ['file', 'dir', 'tests', 'command', 'symbol', 'issue', 'diff', 'log', 'url', 'branch'];

/**
 * The tools a session offers: generated (names `read_file`, `write_file`, …, `read_dir`, …; an
 * `input_schema` with a required path, an optional line range and a mode enum; a description
 * that brings the definition to about `tokens` tokens), the same for every seed and run so every
 * strategy offers identical tools, or read from a JSON file.
 */
export function toolDefinitions(tools: SessionWorkload['tools']): ToolDefinition[] {
  if (tools.type === 'file') return readToolsFile(tools.path);
  const random = new Random(hashString('session-tools'));
  const out: ToolDefinition[] = [];
  for (let i = 0; i < tools.count; i++) {
    const round = Math.floor(i / 100);
    const base = `${TOOL_VERBS[i % 10]}_${TOOL_NOUNS[Math.floor(i / 10) % 10]}`;
    const name = round === 0 ? base : `${base}_${round + 1}`;
    const input_schema = {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'Path relative to the repository root' },
        start_line: { type: 'integer', minimum: 1 },
        end_line: { type: 'integer', minimum: 1 },
        mode: { type: 'string', enum: ['text', 'json', 'summary'] },
      },
      required: ['path'],
    };
    const fixed = Math.ceil((name.length + JSON.stringify(input_schema).length) / 4);
    out.push({ name, description: textOfTokens(Math.max(1, tools.tokens - fixed), random), input_schema });
  }
  return out;
}

/** Reads a tools file: a JSON array of `{ name, description?, input_schema }`. */
function readToolsFile(path: string): ToolDefinition[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InputError([
      {
        file: path,
        path: 'workload.sessions.tools.file',
        message: `cannot read the tools file: ${(error as Error).message}`,
      },
    ]);
  }
  const problems: { file: string; path: string; message: string }[] = [];
  if (!Array.isArray(parsed)) {
    problems.push({
      file: path,
      path: '',
      message: 'expected a JSON array of { name, description?, input_schema }',
    });
  } else {
    parsed.forEach((tool: unknown, i) => {
      const t = tool as { name?: unknown; input_schema?: unknown };
      if (typeof t?.name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.name))
        problems.push({
          file: path,
          path: `${i}.name`,
          message: 'expected a name of 1-64 letters, digits, _ or -',
        });
      if (typeof t?.input_schema !== 'object' || t.input_schema === null)
        problems.push({ file: path, path: `${i}.input_schema`, message: 'expected a JSON Schema object' });
    });
  }
  if (problems.length > 0) throw new InputError(problems);
  return parsed as ToolDefinition[];
}
