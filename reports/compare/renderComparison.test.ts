import { describe, expect, it } from 'vitest';
import { compareResults } from '../../harness/stats/compare/compareResults.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { renderComparisonMarkdown } from './renderComparisonMarkdown.ts';
import { renderComparisonTable } from './renderComparisonTable.ts';

describe('comparison renderers', () => {
  it('leave out interval and p columns for a deterministic comparison and list only changes first', () => {
    const c = compareResults(loadFixture('simulated.json'), loadFixture('simulated-improved.json'));
    const md = renderComparisonMarkdown(c);
    expect(md).toContain('**Result: no regression.** 0 regressed, 6 improved, 34 unchanged, 0 inconclusive.');
    expect(md).toContain('Deterministic comparison (simulated, seed 42)');
    expect(md).toContain(
      '| strategy | cell           | metric                    | baseline | current |      Δ | verdict  | why',
    );
    expect(md).toContain('<summary>All 40 compared metrics</summary>');
    expect(md).not.toContain('interval');
  });

  it('list unmatched runs and warnings in both views', () => {
    const c = compareResults(loadFixture('shard-a.json'), loadFixture('shard-b.json'), { resamples: 200 });
    const text = renderComparisonTable(c, 1000);
    expect(text).toContain('only in head (added): batched in concurrency=5');
    expect(text).toContain(
      'MISSING from head (in base only; fails the comparison, --allow-missing accepts it): retry in concurrency=5',
    );
    expect(text).toContain('95% interval of Δ');
    const md = renderComparisonMarkdown(c);
    expect(md).toContain('Only in head (added): batched in concurrency=5.');
  });
});
