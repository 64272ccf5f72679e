import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What the HTML report inlines besides the results: the chart library (uPlot's minified build and
 * its stylesheet, from node_modules), the page's own script and stylesheet. Read from disk once
 * here, so {@link renderHtml} stays a pure function of the results and these strings.
 */
export interface HtmlAssets {
  uplotJs: string;
  uplotCss: string;
  clientJs: string;
  reportCss: string;
}

let cached: HtmlAssets | undefined;

/** Reads (once per process) the files the HTML report inlines. */
export function loadHtmlAssets(): HtmlAssets {
  if (cached !== undefined) return cached;
  const require = createRequire(import.meta.url);
  const read = (file: string | URL): string => readFileSync(file, 'utf8');
  cached = {
    uplotJs: read(require.resolve('uplot/dist/uPlot.iife.min.js')),
    uplotCss: read(require.resolve('uplot/dist/uPlot.min.css')),
    clientJs: read(new URL('./client.js', import.meta.url)),
    reportCss: read(new URL('./report.css', import.meta.url)),
  };
  return cached;
}
