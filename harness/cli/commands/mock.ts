import { readFileSync } from 'node:fs';
import Table from 'cli-table3';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { RealClock } from '../../../base/clock/RealClock.ts';
import { InputError, type InputProblem } from '../../../base/errors.ts';
import { Random } from '../../../base/random/Random.ts';
import { serveMock } from '../../../mocks/bindings/httpServer.ts';
import { type MockConfig, mockConfigSchema } from '../../../mocks/config/MockConfig.ts';
import { MOCK_PRESETS, resolveMockConfig } from '../../../mocks/config/presets.ts';
import { createMockServer } from '../../../mocks/core/createMockServer.ts';
import type { BenchCommand } from '../command.ts';

/** How long a shutdown waits for in-flight responses before cutting them off (ms). */
const SHUTDOWN_DEADLINE_MS = 5_000;

/** `MOCK_PRESETS` as a table: name and description. */
export function renderPresetTable(): string {
  const table = new Table({ head: ['preset', 'description'], wordWrap: true, colWidths: [12, 90] });
  for (const [name, preset] of Object.entries(MOCK_PRESETS)) table.push([name, preset.description]);
  return table.toString();
}

type ParsedFile = {
  data: unknown;
  /** Line and column of the field at `path` (its key or its value); {} when unknown. */
  locate: (path: readonly PropertyKey[], at: 'key' | 'value') => { line?: number; column?: number };
};

function parseConfigText(file: string, text: string): ParsedFile {
  if (file.endsWith('.json')) {
    try {
      return { data: JSON.parse(text), locate: () => ({}) };
    } catch (error) {
      const message = (error as Error).message;
      const offset = /position (\d+)/.exec(message)?.[1];
      const where = offset === undefined ? {} : lineColumn(text, Number(offset));
      throw new InputError([
        { file, ...where, message: `not valid JSON (${message}); fix the syntax or write the file as YAML` },
      ]);
    }
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const first = doc.errors[0];
  if (first !== undefined) {
    const [pos] = first.linePos ?? [];
    throw new InputError([
      {
        file,
        ...(pos === undefined ? {} : { line: pos.line, column: pos.col }),
        message: `not valid YAML: ${first.message.split('\n')[0]}`,
      },
    ]);
  }
  const locate = (path: readonly PropertyKey[], at: 'key' | 'value'): { line?: number; column?: number } => {
    // The deepest part of the path the file has (a missing field points at its parent); keys, not values.
    for (let n = path.length; n >= 0; n--) {
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1) as unknown[], true) : doc.contents;
      const pair = isMap(parent)
        ? parent.items.find((p) => isScalar(p.key) && p.key.value === path[n - 1])
        : undefined;
      const node = ((at === 'key' || n < path.length ? pair?.key : pair?.value) ??
        doc.getIn(path.slice(0, n) as unknown[], true)) as { range?: [number, number, number] } | undefined;
      const offset = node?.range?.[0];
      if (offset !== undefined) {
        const { line, col } = lines.linePos(offset);
        return { line, column: col };
      }
    }
    return {};
  };
  return { data: doc.toJS(), locate };
}

function problemsOf(file: string, error: z.ZodError, locate: ParsedFile['locate']): InputProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const fieldPath = unknownKeys.length > 0 ? [...issue.path, unknownKeys[0] as string] : issue.path;
    const message = unknownKeys.length > 0 ? unknownFieldMessage(unknownKeys, issue.path) : issue.message;
    return {
      file,
      ...locate(fieldPath, unknownKeys.length > 0 ? 'key' : 'value'),
      ...(path === '' ? {} : { path }),
      message,
    };
  });
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

type SchemaLike = {
  _zod?: { def?: { innerType?: SchemaLike; element?: SchemaLike; in?: SchemaLike } };
  shape?: Record<string, SchemaLike>;
};

/** The field names the config schema accepts at `path` (an object's keys), if it is an object there. */
function acceptedKeys(path: readonly PropertyKey[]): string[] {
  const unwrap = (s: SchemaLike | undefined): SchemaLike | undefined => {
    let here = s;
    for (
      let def = here?._zod?.def;
      def?.innerType !== undefined || def?.in !== undefined;
      def = here?._zod?.def
    ) {
      here = def.innerType ?? def.in;
    }
    return here;
  };
  let schema = unwrap(mockConfigSchema as unknown as SchemaLike);
  for (const segment of path) {
    schema = unwrap(
      typeof segment === 'number' ? schema?._zod?.def?.element : schema?.shape?.[String(segment)],
    );
  }
  return Object.keys(schema?.shape ?? {});
}

/** Edit distance (case-insensitive), to suggest the field a typo meant. */
function distance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      next.push(Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + cost));
    }
    row = next;
  }
  return row[b.length] as number;
}

function unknownFieldMessage(keys: readonly string[], path: readonly PropertyKey[]): string {
  const accepted = acceptedKeys(path);
  const first = keys[0] as string;
  const near = accepted
    .filter((k) => distance(first, k) <= 2)
    .sort((x, y) => distance(first, x) - distance(first, y));
  const hint = near[0] === undefined ? '.' : `; did you mean "${near[0]}"?`;
  const list = accepted.length > 0 ? ` Accepted here: ${accepted.join(', ')}.` : '';
  return `unknown field ${keys.map((k) => `"${k}"`).join(', ')}${hint}${list}`;
}

/**
 * The mock's configuration: the preset named `preset`, with the YAML or JSON file `file` (if any)
 * merged on top. Throws an `InputError` naming the file, line:column and field of each problem.
 */
export function loadMockConfig(preset: string, file?: string): MockConfig {
  if (MOCK_PRESETS[preset] === undefined) {
    throw new InputError([
      {
        path: '--preset',
        message: `unknown preset "${preset}"; use one of ${Object.keys(MOCK_PRESETS).join(', ')}`,
      },
    ]);
  }
  if (file === undefined) return resolveMockConfig(preset);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
    throw new InputError([
      { file, message: `cannot read the --config file (${reason}); give a YAML or JSON file` },
    ]);
  }
  const parsed = parseConfigText(file, text);
  if (
    parsed.data !== null &&
    parsed.data !== undefined &&
    (typeof parsed.data !== 'object' || Array.isArray(parsed.data))
  ) {
    throw new InputError([
      { file, message: 'expected a mapping of mock settings (e.g. `latency:`, `faults:`)' },
    ]);
  }
  try {
    return resolveMockConfig(preset, parsed.data ?? {});
  } catch (error) {
    if (error instanceof Error && Array.isArray((error as z.ZodError).issues)) {
      throw new InputError(problemsOf(file, error as z.ZodError, parsed.locate), { cause: error });
    }
    throw error;
  }
}

function integerFlag(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InputError([
      { path: `--${name}`, message: `expected a whole number from ${min} to ${max}, got ${String(value)}` },
    ]);
  }
  return value;
}

/** Resolves on the first SIGINT or SIGTERM; a second one forces the close. */
function untilSignal(onSecond: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let count = 0;
    const handler = (signal: NodeJS.Signals): void => {
      count++;
      if (count === 1) resolve(signal);
      else {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
        onSecond();
      }
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}

/** `bench mock`: serves the mock Claude API over HTTP on the real clock until SIGINT/SIGTERM. */
export const mockCommand: BenchCommand = {
  command: 'mock',
  describe: 'serve the mock Claude API over HTTP until interrupted (Ctrl-C)',
  builder: (y) =>
    y
      .option('port', { type: 'number', default: 8787, describe: 'TCP port (0: any free port)' })
      .option('host', {
        type: 'string',
        default: '127.0.0.1',
        describe: 'interface to bind (loopback by default)',
      })
      .option('preset', {
        type: 'string',
        default: 'default',
        describe: 'starting configuration (see --list-presets)',
      })
      .option('config', {
        type: 'string',
        describe: 'YAML or JSON file of mock settings merged over the preset',
      })
      .option('seed', {
        type: 'number',
        default: 1,
        describe: 'seed of the mock random draws (latency, faults, text)',
      })
      .option('list-presets', { type: 'boolean', default: false, describe: 'print the presets and exit' }),
  run: async (args) => {
    if (args.listPresets === true) {
      console.log(renderPresetTable());
      return 0;
    }
    const port = integerFlag('port', args.port, 0, 65535);
    const seed = integerFlag('seed', args.seed, 0, 2 ** 32 - 1);
    const host = String(args.host);
    const config = loadMockConfig(
      String(args.preset),
      args.config === undefined ? undefined : String(args.config),
    );
    const clock = new RealClock();
    const server = createMockServer({ config, clock, random: new Random(seed) });
    let served: Awaited<ReturnType<typeof serveMock>>;
    try {
      served = await serveMock(server, clock, {
        host,
        port,
        maxBodyBytes: config.maxBodyBytes,
        closeDeadlineMs: SHUTDOWN_DEADLINE_MS,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new InputError([
          {
            path: '--port',
            message: `cannot listen on ${host}:${port} (${code}); pick another --port, or --port 0 for any free one`,
          },
        ]);
      }
      throw error;
    }
    console.log(`listening on ${served.url}`);
    const signal = await untilSignal(() => served.httpServer.closeAllConnections());
    console.error(`bench mock: ${signal}, shutting down`);
    await served.close();
    return 0;
  },
};
