// The HTML report (report.html): one self-contained page, the chart library inlined, no network at view time.
import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import { formatDuration } from '../format.ts';
import { scenarioSummary } from '../markdown/scenarioSummary.ts';
import { strategyOrder } from '../model/cells.ts';
import { cdfCharts } from './cdfCharts.ts';
import { cellTables } from './cellTables.ts';
import { escapeHtml, scriptJson } from './escapeHtml.ts';
import { heatmaps } from './heatmapSvg.ts';
import type { HtmlAssets } from './htmlAssets.ts';
import type { LineChart } from './LineChart.ts';
import { strategyColour } from './palette.ts';
import { bubbleKey, scatterSvgs } from './scatterSvg.ts';
import { thresholdsHtml } from './thresholdsHtml.ts';
import { timeSeriesCharts } from './timeSeriesCharts.ts';
import { readVerdicts } from './verdicts.ts';

/** What a section says when the results file predates the data it draws. */
export const NOT_IN_FILE = 'not in this results file';

/** The scenario paragraph of report.md (markdown) as HTML: `**bold**` and `` `code` `` only. */
function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/`([^`]+)`/g, '<code>$1</code>');
}

function lineFigure(chart: LineChart): string {
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption><div class="line-chart" id="${escapeHtml(chart.id)}" data-chart="line"></div></figure>`;
}

function legend(results: ResultsFile): string {
  return `<div class="legend" aria-label="strategies">${strategyOrder(results)
    .map(
      (s, i) =>
        `<span><span class="swatch" style="background:${strategyColour(i)}"></span>${escapeHtml(s)}</span>`,
    )
    .join('')}</div>`;
}

function verdictSection(results: ResultsFile): string {
  const verdicts = readVerdicts(results);
  if (verdicts === undefined) return `<p class="absent" id="verdicts-absent">Verdicts: ${NOT_IN_FILE}.</p>`;
  const cells = verdicts.cells.map((v) => `<li class="verdict">${escapeHtml(v.text)}</li>`).join('');
  const summary = verdicts.summary.map((s) => `<p class="verdict-summary">${escapeHtml(s)}</p>`).join('');
  return `<div class="verdicts">${cells === '' ? '' : `<ul>${cells}</ul>`}${summary}</div>`;
}

function banners(results: ResultsFile): string {
  const parts: string[] = [];
  if (results.partial) {
    const skipped = results.skipped ?? [];
    parts.push(
      `<p class="banner"><strong>Partial results:</strong> the run was interrupted; only the runs below were measured.${skipped.length === 0 ? '' : ` Never started: ${escapeHtml(skipped.map((r) => `${r.strategy} in ${r.cellId}`).join(', '))}.`}</p>`,
    );
  }
  const invalid = results.runs.filter((r) => !r.valid);
  if (invalid.length > 0) {
    parts.push(
      `<p class="banner"><strong>${invalid.length} invalid measurement${invalid.length === 1 ? '' : 's'}:</strong> ${escapeHtml(invalid.map((r) => `${r.strategy} in ${r.cellId}`).join(', '))} (reasons under their tables).</p>`,
    );
  }
  return parts.join('\n');
}

function footer(results: ResultsFile, environment: boolean): string {
  const e = results.environment;
  const durationMs = Date.parse(results.finishedAt) - Date.parse(results.startedAt);
  const env = environment
    ? ` · Node ${e.node} · ${e.platform} ${e.arch} · ${e.cpu} (${e.cores} cores) · started ${results.startedAt}, took ${Number.isFinite(durationMs) ? formatDuration(durationMs) : 'unknown'}`
    : '';
  return `<footer>${escapeHtml(`${results.tool.name} ${results.tool.version} · ${results.mode} · seed ${results.seed}${env}`)}${results.scenario.file === undefined ? '' : ` · scenario file <code>${escapeHtml(results.scenario.file)}</code>`}</footer>`;
}

/** Options of {@link renderHtml}. */
export interface HtmlOptions {
  /** Page title and heading. Default `Benchmark: <scenario name>`. */
  title?: string;
  /** Include the machine, Node version and dates in the footer. Default true. */
  environment?: boolean;
}

/**
 * The HTML report: verdicts first (when the file has them), cost against p99 (bubble area = error
 * rate), latency CDFs per strategy (log x), heatmaps of a metric across the swept matrix, per-cell
 * tables with sortable columns, time series (when the file has them) and thresholds, as one
 * page with uPlot, the script and the styles inlined: it opens from disk with no network. Pure:
 * the results and the assets' text in, the page out.
 */
export function renderHtml(results: ResultsFile, assets: HtmlAssets, options: HtmlOptions = {}): string {
  const title = options.title ?? `Benchmark: ${results.scenario.name}`;
  const cdfs = cdfCharts(results);
  const series = timeSeriesCharts(results);
  const maps = heatmaps(results);
  const scatters = scatterSvgs(results);
  const thresholds = thresholdsHtml(results);
  const charts: LineChart[] = [...cdfs, ...series.flatMap((s) => s.charts)];

  const sections: string[] = [];
  sections.push(`<section id="verdict"><h2>Verdict</h2>${verdictSection(results)}</section>`);
  sections.push(
    `<section id="tradeoff"><h2>Cost against p99 latency</h2><p class="caption">One bubble per strategy; bubble area grows with the error rate. Best is bottom left and small.</p><div class="controls">${bubbleKey()}</div><div class="grid-2">${scatters
      .map(
        (s) =>
          `<figure><figcaption>${escapeHtml(s.cellId)}</figcaption>${s.svg}${s.missing.length === 0 ? '' : `<p class="note">Not drawn (no successful request): ${escapeHtml(s.missing.join(', '))}.</p>`}</figure>`,
      )
      .join('')}</div></section>`,
  );
  sections.push(
    `<section id="latency"><h2>Latency distribution</h2><p class="caption">Share of successful requests (y) answered within a latency (x, log scale), one line per strategy: further left is faster; a line that ends below 100% on the right has a long tail.</p>${legend(results)}<div class="grid-2">${cdfs.map(lineFigure).join('')}</div>${cdfs.length === 0 ? '<p class="absent">No request succeeded: no latency to draw.</p>' : ''}</section>`,
  );
  if (maps.length > 0) {
    const select = `<p class="controls"><label>Metric: <select id="heatmap-metric">${maps
      .map((m) => `<option value="${escapeHtml(m.metric)}">${escapeHtml(m.title)}</option>`)
      .join('')}</select></label></p>`;
    const groups = maps
      .map(
        (m, i) =>
          `<div class="heatmap-group${i === 0 ? ' active' : ''}" data-metric="${escapeHtml(m.metric)}"><p class="caption">${escapeHtml(m.title)}: ${m.better} is better; brighter squares are better, on one scale for every strategy.</p><div class="heatmap-row">${m.strategies
            .map((s) => `<figure><figcaption>${escapeHtml(s.strategy)}</figcaption>${s.svg}</figure>`)
            .join('')}</div></div>`,
      )
      .join('');
    sections.push(`<section id="matrix"><h2>Across the matrix</h2>${select}${groups}</section>`);
  }
  sections.push(`<section id="tables"><h2>Results by cell</h2>${cellTables(results)}</section>`);
  sections.push(
    `<section id="time-series"><h2>Over time</h2>${
      series.length === 0
        ? `<p class="absent" id="time-series-absent">Time series: ${NOT_IN_FILE}.</p>`
        : `${legend(results)}${series
            .map(
              (cell) =>
                `<h3>Cell <code>${escapeHtml(cell.cellId)}</code></h3><div class="grid-2">${cell.charts.map(lineFigure).join('')}</div>`,
            )
            .join('')}`
    }</section>`,
  );
  if (thresholds !== '') sections.push(`<section id="thresholds"><h2>Thresholds</h2>${thresholds}</section>`);

  const toc = [
    ['verdict', 'Verdict'],
    ['tradeoff', 'Cost vs p99'],
    ['latency', 'Latency'],
    ...(maps.length > 0 ? [['matrix', 'Matrix']] : []),
    ['tables', 'Tables'],
    ['time-series', 'Over time'],
    ...(thresholds !== '' ? [['thresholds', 'Thresholds']] : []),
  ]
    .map(([id, text]) => `<a href="#${id}">${text}</a>`)
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${assets.uplotCss}</style>
<style>${assets.reportCss}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1>
<p class="subtitle">${inlineMarkdown(scenarioSummary(results))}</p>
<nav class="toc">${toc}</nav>
${banners(results)}
</header>
<main>
${sections.join('\n')}
</main>
${footer(results, options.environment ?? true)}
<script type="application/json" id="report-data">${scriptJson({ charts })}</script>
<script>${assets.uplotJs}</script>
<script>${assets.clientJs}</script>
</body>
</html>
`;
}
