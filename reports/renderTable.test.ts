import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test/fixtures/results/loadFixture.ts';
import { renderTable } from './renderTable.ts';

/** The cells of the row whose first cell is `label`, in the table that follows `heading`. */
function tableRow(text: string, heading: string, label: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  const row = lines.slice(start).find((line) => line.startsWith(`│ ${label} `));
  if (start < 0 || row === undefined) throw new Error(`no row ${label} after ${heading}`);
  return row
    .split('│')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('renderTable', () => {
  const results = loadFixture('simulated.json');
  // Wide enough for one table per cell; at 80 columns (the default) the tables split.
  const text = renderTable(results, { widthColumns: 200 });

  it('puts each strategy’s figures in the right columns of its cell’s table', () => {
    expect(tableRow(text, 'cell maxTokens=256', 'retry')).toEqual([
      'retry',
      '493',
      '448',
      '2115',
      '451',
      '0.50%',
      '17',
      '0.00%',
      '$0.8776',
    ]);
    expect(tableRow(text, 'cell maxTokens=1024', 'cached+batched')).toEqual([
      'cached+batched',
      '1212',
      '1387',
      '4078',
      '355',
      '0.50%',
      '2',
      '38.0%',
      '$1.234',
    ]);
    expect(tableRow(text, 'cell maxTokens=1024', 'direct')[0]).toBe('direct (baseline)');
  });

  it('marks the latency of a run above 5% errors and says why under its table, only there', () => {
    expect(tableRow(text, 'cell maxTokens=256', 'direct').slice(0, 6)).toEqual([
      'direct (baseline)',
      '429 †',
      '397 †',
      '933 †',
      '470',
      '6.00%',
    ]);
    const footnote = '† percentiles over survivors only (error rate above 5%): failures left out.';
    expect(text.split('\n').filter((line) => line === footnote)).toHaveLength(2);
    const fewErrors = loadFixture('simulated.json');
    for (const run of fewErrors.runs) run.metrics.errorRate = 0.05;
    expect(renderTable(fewErrors, { widthColumns: 200 })).not.toContain('†');
  });

  it('groups thresholds by check: failed cells first, then each strategy’s passes and its closest cell', () => {
    const at80 = renderTable(results);
    const lines = at80.slice(at80.indexOf('thresholds: ')).split('\n');
    expect(lines.slice(0, 8)).toEqual([
      'thresholds: 10 passed, 4 failed',
      'FAIL  p99 < 1.5 x direct',
      '  retry at maxTokens=256: 2115 ms, bound 1400 ms: FAIL',
      '  batched at maxTokens=256: 1482 ms, bound 1400 ms: FAIL',
      '  cached+batched passed in 2 cells, closest maxTokens=256:',
      '    1256 ms, bound 1400 ms',
      '  retry passed at maxTokens=1024: 4179 ms, bound 5348 ms',
      '  batched passed at maxTokens=1024: 4446 ms, bound 5348 ms',
    ]);
    expect(lines).toContain('  batched passed in 2 cells, closest maxTokens=256: 1.50%, bound 2.00%');

    expect(Math.max(...lines.map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('says "not evaluated" for the checks of an invalid run, with the reason', () => {
    const invalid = structuredClone(results);
    invalid.thresholds = [
      { ...invalid.thresholds[0]!, passed: false, notEvaluated: true, reason: 'run is not valid' },
    ];
    const lines = renderTable(invalid).split('\n');
    const at = lines.indexOf('thresholds: 0 passed, 0 failed, 1 not evaluated');
    expect(lines.slice(at + 1, at + 4)).toEqual([
      'not evaluated  p99 < 1.5 x direct',
      '  retry at maxTokens=256:',
      '    2115 ms, bound 1400 ms: not evaluated: run is not valid',
    ]);
  });

  it('flags invalid runs and partial results, and draws no colour codes', () => {
    const broken = loadFixture('simulated.json');
    broken.partial = true;
    const run = broken.runs[1]!;
    run.valid = false;
    run.invalidReasons = ['achieved 3.9/s of the 5/s target'];
    const out = renderTable(broken, { widthColumns: 200 });
    expect(out.split('\n')[0]).toBe('seed-000-strategies: simulated, seed 42, 8 runs (PARTIAL: interrupted)');
    expect(tableRow(out, 'cell maxTokens=256', 'retry')[0]).toBe('retry [invalid]');
    expect(out).toContain('  retry is not a valid measurement: achieved 3.9/s of the 5/s target');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that no ANSI escape is present
    expect(out).not.toMatch(/\u001b\[/);
  });

  it('adds TTFT p50 and p99 columns after p99 in a cell with streamed runs', () => {
    const streamed = structuredClone(results);
    const run = streamed.runs[0]!;
    run.metrics.ttftMs = {
      count: 3,
      mean: 300,
      stddev: 10,
      min: 290,
      p50: 301,
      p90: 310,
      p95: 311,
      p99: 312,
      max: 312,
    };
    const lines = renderTable(streamed, { widthColumns: 200 }).split('\n');
    const header = lines.find((line) => line.includes('TTFT p50 (ms)'));
    expect(
      header
        ?.split('│')
        .map((c) => c.trim())
        .slice(1, 7),
    ).toEqual(['strategy', 'mean (ms)', 'p50 (ms)', 'p99 (ms)', 'TTFT p50 (ms)', 'TTFT p99 (ms)']);
    // The fixture's direct run fails 6%: TTFT is over survivors only too.
    expect(tableRow(lines.join('\n'), `cell ${run.cellId}`, run.strategy).slice(4, 6)).toEqual([
      '301 †',
      '312 †',
    ]);
    expect(lines.filter((line) => line.includes('TTFT p50 (ms)'))).toHaveLength(1);
  });
});

describe('renderTable of a realtime run', () => {
  it('prints the load generator’s start lag and offered vs drawn rate under the cell, within 80 columns', () => {
    const results = loadFixture('realtime.json');
    const [direct, retry] = results.runs;
    if (direct === undefined || retry === undefined) throw new Error('fixture has two runs');
    direct.metrics.schedule = {
      loop: 'open',
      targetRatePerSec: 40,
      drawnRatePerSec: 41.43,
      achievedRatePerSec: 41.41,
      dispatchLagMs: {
        count: 400,
        mean: 0.4,
        stddev: 1,
        min: 0,
        p50: 0.12,
        p90: 0.9,
        p95: 1.5,
        p99: 2.81,
        max: 6.42,
      },
      lateStarts: 12,
    };
    retry.metrics.schedule = {
      loop: 'closed',
      achievedRatePerSec: 9.46,
      dispatchLagMs: {
        count: 300,
        mean: 0.4,
        stddev: 1,
        min: 0,
        p50: 0.1,
        p90: 0.9,
        p95: 1.5,
        p99: 3.5,
        max: 11.8,
      },
      lateStarts: 5,
    };
    const lines = renderTable(results).split('\n');
    const at = lines.findIndex((line) => line.startsWith('load generator'));
    expect(lines.slice(at, at + 3)).toEqual([
      'load generator (valid: lag p99 ≤ 10.0 ms, offered within 2.00% of drawn):',
      '  direct: start lag p50 0.1 / p99 2.8 / max 6.4 ms; offered 41.4/s, drawn 41.4/s',
      '  retry: start lag p50 0.1 / p99 3.5 / max 11.8 ms; offered 9.5/s (closed loop)',
    ]);
    expect(Math.max(...lines.slice(at, at + 3).map((l) => l.length))).toBeLessThanOrEqual(80);
  });

  it('prints no load-generator lines for a simulated run', () => {
    expect(renderTable(loadFixture('simulated.json'))).not.toContain('load generator');
  });
});

describe('renderTable at the terminal’s width', () => {
  const results = loadFixture('simulated.json');
  const headers = (text: string): string[][] =>
    text
      .split('\n')
      .filter((line) => line.startsWith('│ strategy '))
      .map((line) =>
        line
          .split('│')
          .slice(1, -1)
          .map((c) => c.trim()),
      );

  it('splits each cell’s table at 80 columns (the default) into latency and rate, then outcome and cost, each with the strategy', () => {
    const text = renderTable(results);
    expect(Math.max(...text.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(80);
    expect(headers(text).slice(0, 2)).toEqual([
      ['strategy', 'mean (ms)', 'p50 (ms)', 'p99 (ms)', 'req/min'],
      ['strategy', 'error rate', 'retries', 'cache hits', 'cost (USD)'],
    ]);
    const lines = text.split('\n');
    const second = lines.indexOf('│ strategy          │ error rate │ retries │ cache hits │ cost (USD) │');
    expect(lines.slice(second + 2, second + 4)).toEqual([
      '│ direct (baseline) │      6.00% │       0 │      0.00% │    $0.8291 │',
      '│ retry             │      0.50% │      17 │      0.00% │    $0.8776 │',
    ]);
  });

  it('keeps one table per cell when the terminal is wide enough (160 columns)', () => {
    const text = renderTable(results, { widthColumns: 160 });
    expect(headers(text)).toHaveLength(2);
    expect(headers(text)[0]).toHaveLength(9);
  });

  it('puts TTFT in a table of its own at 80 columns, and fits 40 columns by one column a table', () => {
    const streamed = structuredClone(results);
    for (const run of streamed.runs) run.metrics.ttftMs = { ...run.metrics.latencyMs!, p50: 301, p99: 312 };
    expect(headers(renderTable(streamed)).slice(0, 3)).toEqual([
      ['strategy', 'mean (ms)', 'p50 (ms)', 'p99 (ms)'],
      ['strategy', 'TTFT p50 (ms)', 'TTFT p99 (ms)', 'req/min'],
      ['strategy', 'error rate', 'retries', 'cache hits', 'cost (USD)'],
    ]);
    const narrow = renderTable(results, { widthColumns: 40 });
    expect(Math.max(...narrow.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(40);
    expect(headers(narrow).slice(0, 3)).toEqual([
      ['strategy', 'mean (ms)'],
      ['strategy', 'p50 (ms)'],
      ['strategy', 'p99 (ms)'],
    ]);
  });
});
