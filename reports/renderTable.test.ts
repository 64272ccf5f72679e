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
  const text = renderTable(results);

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

  it('lists thresholds with measured value, bound and pass/fail, and counts them', () => {
    expect(text).toContain(
      '│ p99 < 1.5 x direct │ retry          │ maxTokens=256  │  2115 ms │ 1400 ms │ FAIL   │',
    );
    expect(text).toContain(
      '│ errorRate < 2%     │ retry          │ maxTokens=256  │    0.50% │   2.00% │ pass   │',
    );
    expect(text).toContain('thresholds: 10 passed, 4 failed');
  });

  it('flags invalid runs and partial results, and draws no colour codes', () => {
    const broken = loadFixture('simulated.json');
    broken.partial = true;
    const run = broken.runs[1]!;
    run.valid = false;
    run.invalidReasons = ['achieved 3.9/s of the 5/s target'];
    const out = renderTable(broken);
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
    const lines = renderTable(streamed).split('\n');
    const header = lines.find((line) => line.includes('TTFT p50 (ms)'));
    expect(
      header
        ?.split('│')
        .map((c) => c.trim())
        .slice(1, 7),
    ).toEqual(['strategy', 'mean (ms)', 'p50 (ms)', 'p99 (ms)', 'TTFT p50 (ms)', 'TTFT p99 (ms)']);
    expect(tableRow(lines.join('\n'), `cell ${run.cellId}`, run.strategy).slice(4, 6)).toEqual([
      '301',
      '312',
    ]);
    expect(lines.filter((line) => line.includes('TTFT p50 (ms)'))).toHaveLength(1);
  });
});
