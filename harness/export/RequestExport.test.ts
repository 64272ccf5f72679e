import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../base/errors.ts';
import { runScenario } from '../runner/runScenario.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { percentileSorted, summarize } from '../stats/summarize.ts';
import { REQUEST_COLUMNS, RequestExport, type RequestRow } from './RequestExport.ts';

const SCENARIO = `
name: export
seed: 3
mock: { preset: tier-1, faults: { error529: 5% } }
workload:
  requests: 100
  arrival: { type: closed, concurrency: [6, 12] }
  prompts: { unique: 40, popularity: zipf }
  maxTokens: [64, 128]
strategies: [direct, retry, cached+batched]
`;

describe('--export requests.jsonl / .csv', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-export-'));
  const jsonl = new RequestExport(path.join(dir, 'requests.jsonl'));
  const csv = new RequestExport(path.join(dir, 'requests.csv'));
  const results = await runScenario(parseScenario(SCENARIO, path.resolve('inline.yaml')), {
    wallClock: () => new Date(0),
    onRequest: (row) => {
      jsonl.write(row);
      csv.write(row);
    },
  });
  jsonl.close();
  csv.close();
  const rows = readFileSync(jsonl.file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as RequestRow);

  it('recomputes every run’s count, errors, cache hits and latency percentiles exactly', () => {
    expect(rows).toHaveLength(1200);
    for (const run of results.runs) {
      const mine = rows.filter((r) => r.strategy === run.strategy && r.cell === run.cellId);
      const m = run.metrics;
      expect(mine.map((r) => r.request)).toEqual(mine.map((_, i) => i));
      expect(mine).toHaveLength(m.requests.total);
      const ok = mine.filter((r) => r.outcome === 'ok');
      expect(ok).toHaveLength(m.requests.ok);
      const byOutcome: Record<string, number> = {};
      for (const r of mine) if (r.outcome !== 'ok') byOutcome[r.outcome] = (byOutcome[r.outcome] ?? 0) + 1;
      expect(byOutcome).toEqual(m.requests.byOutcome);
      expect(mine.filter((r) => r.cacheHit)).toHaveLength(m.cache.hits);
      // The ok rows' latencies are results.json's samples, in the same order: the same percentiles.
      expect(ok.map((r) => r.latencyMs)).toEqual(run.samples.latencyMs);
      const latency = summarize(ok.map((r) => r.latencyMs));
      const exact = m.latencyMs;
      for (const key of ['p50', 'p90', 'p99', 'max', 'min'] as const) {
        expect(latency[key]).toBe(Math.round((exact?.[key] ?? 0) * 1000) / 1000);
      }
      const sorted = Float64Array.from(ok.map((r) => r.latencyMs)).sort();
      expect(percentileSorted(sorted, 50)).toBe(summarize(run.samples.latencyMs).p50);
      // Started and ended in the run's windows, every latency end − intended start.
      for (const r of mine) {
        expect(r.actualStartMs).toBeGreaterThanOrEqual(r.intendedStartMs);
        expect(Math.abs(r.endMs - r.intendedStartMs - r.latencyMs)).toBeLessThanOrEqual(0.002);
        expect(r.status).toBe(r.outcome === 'ok' ? 200 : r.outcome === 'overloaded' ? 529 : r.status);
      }
    }
    const retry = rows.filter((r) => r.strategy === 'retry');
    expect(retry.some((r) => r.attempts > 1)).toBe(true);
  });

  it('writes the same rows as CSV, with a header and quoted cell ids', () => {
    const lines = readFileSync(csv.file, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(REQUEST_COLUMNS.join(','));
    expect(lines).toHaveLength(1201);
    const first = rows[0] as RequestRow;
    expect(lines[1]).toBe(
      REQUEST_COLUMNS.map((c) =>
        first[c] === null ? '' : c === 'cell' ? `"${first[c]}"` : String(first[c]),
      ).join(','),
    );
  });

  it('refuses another extension, naming the flag and what it accepts', () => {
    expect(() => new RequestExport(path.join(dir, 'requests.txt'))).toThrow(InputError);
    expect(() => new RequestExport(path.join(dir, 'requests.txt'))).toThrow(
      /--export: .*requests\.txt: expected a \.jsonl or \.csv file name, got "\.txt"/,
    );
  });
});
