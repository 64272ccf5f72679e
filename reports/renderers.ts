import { InputError } from '../base/errors.ts';
import type { ResultsFile } from '../harness/results/ResultsFile.ts';
import { loadHtmlAssets } from './html/htmlAssets.ts';
import { renderHtml } from './html/renderHtml.ts';
import type { Renderer, RendererName, RenderOptions } from './Renderer.ts';
import { renderJson } from './renderJson.ts';
import { renderMarkdown } from './renderMarkdown.ts';
import { renderTable } from './renderTable.ts';

/** Every report format by name (`--format`). */
export const renderers: Readonly<Record<RendererName, Renderer>> = {
  table: renderTable,
  markdown: (results) => renderMarkdown(results),
  json: renderJson,
  html: (results) => renderHtml(results, loadHtmlAssets()),
};

/** Renders `results` in the named format; an unknown name is an InputError listing the formats. */
export function render(name: RendererName, results: ResultsFile, options: RenderOptions = {}): string {
  const renderer = Object.hasOwn(renderers, name) ? renderers[name] : undefined;
  if (renderer === undefined) {
    throw new InputError(
      `--format: unknown format ${JSON.stringify(name)}; formats: ${Object.keys(renderers).join(', ')}`,
    );
  }
  return renderer(results, options);
}
