import type { ResultsFile } from '../../harness/results/ResultsFile.ts';

/** One cell's verdict as the report shows it: the cell, the winning strategy when there is one, the sentence. */
export interface VerdictLine {
  cellId?: string;
  winner?: string;
  text: string;
}

/** The verdicts of a results file: one line per cell and the summary across cells. */
export interface Verdicts {
  cells: VerdictLine[];
  summary: string[];
}

function text(x: unknown): string | undefined {
  return typeof x === 'string' && x.trim() !== '' ? x : undefined;
}

function readLine(item: unknown): VerdictLine | undefined {
  if (typeof item === 'string') return text(item) === undefined ? undefined : { text: item };
  if (typeof item !== 'object' || item === null) return undefined;
  const v = item as Record<string, unknown>;
  const cellId = text(v.cellId);
  const winner = text(v.winner) ?? text(v.best) ?? text(v.strategy);
  const sentence = text(v.text) ?? text(v.line) ?? text(v.summary) ?? text(v.verdict) ?? text(v.message);
  if (sentence === undefined && cellId === undefined) return undefined;
  const fallback = `${cellId ?? 'cell'}: ${winner ?? 'no strategy meets the thresholds'}`;
  return {
    ...(cellId === undefined ? {} : { cellId }),
    ...(winner === undefined ? {} : { winner }),
    text: sentence ?? fallback,
  };
}

function lines(x: unknown): string[] {
  if (typeof x === 'string') return text(x) === undefined ? [] : [x];
  return Array.isArray(x) ? x.flatMap((s) => (text(s) === undefined ? [] : [s as string])) : [];
}

/**
 * The file's `verdicts`, read tolerantly: an array of per-cell entries (`{ cellId, winner, text }`,
 * `line` or `summary` for the sentence, or plain strings), or an object with such an array under
 * `cells` and the across-cells summary (a string or strings) under `summary` or `acrossCells`.
 * Undefined when the file has no verdicts (written before they existed).
 */
export function readVerdicts(results: ResultsFile): Verdicts | undefined {
  const raw = (results as { verdicts?: unknown }).verdicts;
  if (raw === undefined || raw === null) return undefined;
  if (Array.isArray(raw)) return { cells: raw.flatMap((i) => readLine(i) ?? []), summary: [] };
  if (typeof raw !== 'object') return undefined;
  const v = raw as Record<string, unknown>;
  const cellsRaw = v.cells ?? v.perCell ?? v.byCell;
  const cells = Array.isArray(cellsRaw) ? cellsRaw.flatMap((i) => readLine(i) ?? []) : [];
  const summary = lines(v.summary ?? v.acrossCells);
  return cells.length === 0 && summary.length === 0 ? undefined : { cells, summary };
}
