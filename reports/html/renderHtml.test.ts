import { describe, expect, it } from 'vitest';
import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { loadFixture } from '../../test/fixtures/results/loadFixture.ts';
import { makeRun } from '../../test/fixtures/results/makeRun.ts';
import { cdfCharts, latencyRange, runCdf } from './cdfCharts.ts';
import { heatmaps } from './heatmapSvg.ts';
import { loadHtmlAssets } from './htmlAssets.ts';
import type { LineChart } from './LineChart.ts';
import { NOT_IN_FILE, renderHtml } from './renderHtml.ts';
import { placeLabels } from './scatterSvg.ts';
import { timeSeriesCharts } from './timeSeriesCharts.ts';
import { readVerdicts } from './verdicts.ts';

const assets = loadHtmlAssets();
const RECIPE = { cellId: 'c', windowMs: 10_000, inputTokens: 100, outputTokens: 100 };

/** The line charts the page embeds for client.js. */
function embeddedCharts(html: string): LineChart[] {
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1];
  return (JSON.parse(json ?? '{}') as { charts: LineChart[] }).charts;
}

/** Two runs (direct, retry) of one cell with 2 windows of 1 s each. */
function withTimeSeries(): ResultsFile {
  const results = loadFixture('simulated.json');
  results.runs = results.runs.slice(0, 2);
  (results.scenario.resolved as { mock: { rateLimits: object } }).mock.rateLimits = {
    requests: 0.5,
    outputTokens: 100,
  };
  results.runs.forEach((run, i) => {
    Object.assign(run, {
      timeSeries: {
        windowMs: 2000,
        windows: [
          { startMs: 0, started: 4, completed: 2 + i, status429: i, inFlight: 2, outputTokens: 100 },
          { startMs: 2000, started: 0, completed: 4, status429: 0, inFlight: 0, outputTokens: 300 },
        ],
      },
    });
  });
  return results;
}

describe('renderHtml', () => {
  const simulated = loadFixture('simulated.json');
  const html = renderHtml(simulated, assets);

  it('is one page with the chart library, its script and styles inlined, and no URL to load', () => {
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).toContain(assets.uplotJs);
    expect(html).toContain(assets.clientJs);
    expect(html).toContain(assets.reportCss);
    expect(html).not.toMatch(/\s(src|href)\s*=\s*["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).toContain(`content="default-src 'none'; script-src 'unsafe-inline'`);
  });

  it('says the verdicts and the time series are not in this results file when it has none', () => {
    expect(html).toContain(`<p class="absent" id="verdicts-absent">Verdicts: ${NOT_IN_FILE}.</p>`);
    expect(html).toContain(`<p class="absent" id="time-series-absent">Time series: ${NOT_IN_FILE}.</p>`);
    expect(timeSeriesCharts(simulated)).toEqual([]);
  });

  it('shows the verdict lines of results.json first, in their order, with the summary across cells', () => {
    const results = {
      ...simulated,
      verdicts: {
        cells: [
          {
            cellId: 'maxTokens=256',
            winner: 'cached+batched',
            text: 'maxTokens=256: cached+batched: goodput +56% vs direct',
          },
          {
            cellId: 'maxTokens=1024',
            winner: null,
            line: 'maxTokens=1024: no strategy meets the thresholds',
          },
        ],
        summary: 'cached+batched wins in every cell that has a winner',
      },
    } as unknown as ResultsFile;
    expect(readVerdicts(results)).toEqual({
      cells: [
        {
          cellId: 'maxTokens=256',
          winner: 'cached+batched',
          text: 'maxTokens=256: cached+batched: goodput +56% vs direct',
        },
        { cellId: 'maxTokens=1024', text: 'maxTokens=1024: no strategy meets the thresholds' },
      ],
      summary: ['cached+batched wins in every cell that has a winner'],
    });
    const page = renderHtml(results, assets);
    expect([...page.matchAll(/<li class="verdict">(.*?)<\/li>/g)].map((m) => m[1])).toEqual([
      'maxTokens=256: cached+batched: goodput +56% vs direct',
      'maxTokens=1024: no strategy meets the thresholds',
    ]);
    expect(page.indexOf('id="verdict"')).toBeLessThan(page.indexOf('id="tables"'));
    expect(page).not.toContain(`Verdicts: ${NOT_IN_FILE}`);
    // A plain array of sentences reads too.
    expect(readVerdicts({ ...simulated, verdicts: ['a wins'] } as unknown as ResultsFile)).toEqual({
      cells: [{ text: 'a wins' }],
      summary: [],
    });
  });

  it('draws a time-series chart per measured field, strategies overlaid, rates per second and the limit line', () => {
    const results = withTimeSeries();
    const [cell] = timeSeriesCharts(results);
    expect(cell?.cellId).toBe('maxTokens=256');
    expect(cell?.charts.map((c) => c.id)).toEqual([
      'ts-0-throughput',
      'ts-0-started',
      'ts-0-status429',
      'ts-0-inFlight',
      'ts-0-outputTokens',
    ]);
    const throughput = cell?.charts[0];
    expect(throughput?.x).toEqual([0, 2]);
    // 2 and 3 completions in 2 s windows: 1 and 1.5 per second; the limit 0.5/s as a line.
    expect(throughput?.series.map((s) => [s.label, s.values])).toEqual([
      ['direct', [1, 2]],
      ['retry', [1.5, 2]],
      ['limit', [0.5, 0.5]],
    ]);
    const tokens = cell?.charts[4];
    // 100 and 300 tokens in 2 s: 3000 and 9000 a minute; the limit 100/s = 6000/min.
    expect(tokens?.series.map((s) => s.values)).toEqual([
      [3000, 9000],
      [3000, 9000],
      [6000, 6000],
    ]);
    const page = renderHtml(results, assets);
    expect(page).not.toContain(`Time series: ${NOT_IN_FILE}`);
    expect(embeddedCharts(page).filter((c) => c.id.startsWith('ts-')).length).toBe(5);
  });

  it('ignores a time series it cannot read instead of failing', () => {
    const results = loadFixture('simulated.json');
    Object.assign(results.runs[0] as object, { timeSeries: { windowMs: 'soon', windows: [] } });
    Object.assign(results.runs[1] as object, { timeSeries: { windowMs: 1000, windows: ['soon', null] } });
    expect(timeSeriesCharts(results)).toEqual([]);
  });

  it('computes each CDF from the samples, and from the percentiles when a file has none', () => {
    const run = makeRun({ ...RECIPE, strategy: 'a', latencyMs: [400, 100, 300, 200] });
    const cdf = runCdf(run);
    expect([50, 100, 250, 400, 500].map((ms) => cdf?.(ms))).toEqual([0, 0.25, 0.5, 1, 1]);
    // 1..100 ms: p50 50, p99 99, max 100 (nearest rank).
    const hundred = makeRun({
      ...RECIPE,
      strategy: 'b',
      latencyMs: Array.from({ length: 100 }, (_, i) => i + 1),
    });
    const fromSummary = runCdf({ ...hundred, samples: { latencyMs: [] } });
    const s = hundred.metrics.latencyMs;
    expect([s?.min, s?.p50, s?.p99, s?.max].map((ms) => fromSummary?.(ms ?? 0))).toEqual([0, 0.5, 0.99, 1]);
    // Cache hits (0 ms) do not stretch the log axis: it starts at half the fastest request of 1 ms or more.
    expect(latencyRange([makeRun({ ...RECIPE, strategy: 'c', latencyMs: [0, 0, 730, 1900] })])).toEqual([
      200, 2000,
    ]);
  });

  it('embeds one CDF per cell with a line per strategy on a log axis', () => {
    const charts = cdfCharts(simulated);
    expect(charts.map((c) => [c.id, c.title, c.xLog, c.series.map((s) => s.label)])).toEqual([
      ['cdf-0', 'Latency CDF, maxTokens=256', true, ['direct', 'retry', 'batched', 'cached+batched']],
      ['cdf-1', 'Latency CDF, maxTokens=1024', true, ['direct', 'retry', 'batched', 'cached+batched']],
    ]);
    for (const chart of charts) for (const s of chart.series) expect(s.values.at(-1)).toBe(1);
    expect(embeddedCharts(html).map((c) => c.id)).toEqual(['cdf-0', 'cdf-1']);
  });

  it('gives table cells the raw number to sort by, so 1.5% sorts below 12%', () => {
    const run = simulated.runs[0];
    expect(html).toContain(`<td data-sort="${run?.metrics.errorRate}">`);
    expect(html).toContain(`<td data-sort="${run?.metrics.latencyMs?.p99}">`);
    expect((html.match(/<table class="sortable">/g) ?? []).length).toBe(2);
  });

  it('colours heatmaps on one scale per metric, brighter is better, over the swept values', () => {
    const maps = heatmaps(simulated);
    expect(maps.map((m) => [m.metric, m.better])).toEqual([
      ['latencyMs.p99', 'lower'],
      ['throughput.requestsPerMin', 'higher'],
      ['errorRate', 'lower'],
      ['costUsd', 'lower'],
    ]);
    expect(maps[0]?.strategies.map((s) => s.strategy)).toEqual([
      'direct',
      'retry',
      'batched',
      'cached+batched',
    ]);
    expect((maps[0]?.strategies[0]?.svg.match(/<rect x=/g) ?? []).length).toBe(2);
  });

  it('escapes what the results say: a scenario name cannot close the script or inject markup', () => {
    const results = { ...simulated, scenario: { ...simulated.scenario, name: '</script><b>x</b>' } };
    const page = renderHtml(results, assets);
    expect(page).toContain('<title>Benchmark: &lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</title>');
    expect(page).not.toContain('<b>x</b>');
  });
});

describe('placeLabels', () => {
  it('moves a label that would cover another below it, and leaves apart ones alone', () => {
    const labels = [
      { ly: 100, x0: 0, x1: 50 },
      { ly: 105, x0: 10, x1: 60 },
      { ly: 100, x0: 200, x1: 250 },
    ];
    placeLabels(labels);
    expect(labels.map((l) => l.ly)).toEqual([100, 114, 100]);
  });
});
