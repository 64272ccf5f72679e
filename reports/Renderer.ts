import type { ResultsFile } from '../harness/results/ResultsFile.ts';

/** A report format: a pure function of the results, no I/O (house style rule 7). */
export type Renderer = (results: ResultsFile) => string;

/** The formats `bench run --format` and `bench report --format` accept. */
export const RENDERER_NAMES = ['table', 'markdown', 'json'] as const;
export type RendererName = (typeof RENDERER_NAMES)[number];
