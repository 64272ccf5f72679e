import type { ResultsFile } from '../harness/results/ResultsFile.ts';

/** How a report is laid out where that depends on where it is shown. */
export interface RenderOptions {
  /** Terminal formats: the width the text must fit, in columns. Default 80. */
  widthColumns?: number;
}

/** A report format: a pure function of the results (and options), no I/O (house style rule 7). */
export type Renderer = (results: ResultsFile, options?: RenderOptions) => string;

/** The formats `bench run --format` and `bench report --format` accept. */
export const RENDERER_NAMES = ['table', 'markdown', 'json', 'html'] as const;
export type RendererName = (typeof RENDERER_NAMES)[number];
