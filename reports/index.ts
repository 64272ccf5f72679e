export { formatDeltaPct, formatMetric, formatMs, formatPercent, formatRate, formatUsd } from './format.ts';
export { type HtmlAssets, loadHtmlAssets } from './html/htmlAssets.ts';
export { type HtmlOptions, renderHtml } from './html/renderHtml.ts';
export { RENDERER_NAMES, type Renderer, type RendererName, type RenderOptions } from './Renderer.ts';
export { render, renderers } from './renderers.ts';
export { renderJson } from './renderJson.ts';
export { type MarkdownOptions, renderMarkdown } from './renderMarkdown.ts';
export { renderTable } from './renderTable.ts';
