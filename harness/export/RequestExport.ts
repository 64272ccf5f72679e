/**
 * Per-request export (`bench run … --export requests.jsonl|.csv`): one row per measured logical
 * request, streamed to the file in bounded chunks as the run goes (docs/metrics.md "Per-request export").
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../../base/errors.ts';

/** One measured logical request. Times: ms from the start of the run's measured part (time-series window 0). */
export interface RequestRow {
  strategy: string;
  cell: string;
  /** 0-based among the run's measured requests, in completion order. */
  request: number;
  intendedStartMs: number;
  actualStartMs: number;
  /** First token − intended start (ms); null when no token was timed (not streamed, or failed first). */
  ttftMs: number | null;
  endMs: number;
  /** End − intended start (ms), rounded like results.json's samples: the table's latency for `ok` rows. */
  latencyMs: number;
  /** `ok` or the failure kind (`rate-limited`, `overloaded`, ...). */
  outcome: string;
  /** HTTP status of the final answer: 200 for ok, the error's status, null without one. */
  status: number | null;
  /** Upstream calls made for it (a batch shares its calls 1/size; 0 for a cache hit). */
  attempts: number;
  cacheHit: boolean;
  /** Tokens of its own answer (a batch member's share): uncached input, output. */
  inputTokens: number;
  outputTokens: number;
  /** USD of those tokens (and its cache tokens) at the scenario's price. */
  costUsd: number;
}

/** The columns, in order (the CSV header). */
export const REQUEST_COLUMNS: readonly (keyof RequestRow)[] = [
  'strategy',
  'cell',
  'request',
  'intendedStartMs',
  'actualStartMs',
  'ttftMs',
  'endMs',
  'latencyMs',
  'outcome',
  'status',
  'attempts',
  'cacheHit',
  'inputTokens',
  'outputTokens',
  'costUsd',
];

/** Bytes buffered before a write: memory stays bounded however long the run. */
const CHUNK_BYTES = 64 * 1024;

function csvField(value: unknown): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows to a `.jsonl` (one JSON object a line) or `.csv` (header, then a line a row) file. */
export class RequestExport {
  readonly file: string;
  readonly #format: 'jsonl' | 'csv';
  #fd: number;
  #buffer = '';
  rows = 0;

  /** Opens (creates or truncates) `file`; an extension other than .jsonl or .csv is an InputError. */
  constructor(file: string) {
    const ext = path.extname(file).toLowerCase();
    if (ext !== '.jsonl' && ext !== '.csv') {
      throw new InputError([
        {
          path: '--export',
          message: `${file}: expected a .jsonl or .csv file name, got "${ext || 'no extension'}"`,
        },
      ]);
    }
    this.file = file;
    this.#format = ext === '.csv' ? 'csv' : 'jsonl';
    try {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      this.#fd = openSync(file, 'w');
    } catch (error) {
      throw new InputError(
        [{ path: '--export', message: `${file}: cannot be written (${(error as Error).message})` }],
        {
          cause: error,
        },
      );
    }
    if (this.#format === 'csv') this.#buffer = `${REQUEST_COLUMNS.join(',')}\n`;
  }

  write(row: RequestRow): void {
    this.rows++;
    this.#buffer +=
      this.#format === 'jsonl'
        ? `${JSON.stringify(row)}\n`
        : `${REQUEST_COLUMNS.map((c) => csvField(row[c])).join(',')}\n`;
    if (this.#buffer.length >= CHUNK_BYTES) this.#flush();
  }

  close(): void {
    this.#flush();
    closeSync(this.#fd);
  }

  #flush(): void {
    if (this.#buffer === '') return;
    writeSync(this.#fd, this.#buffer);
    this.#buffer = '';
  }
}
