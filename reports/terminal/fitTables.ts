// Terminal layout: tables and lines that fit the terminal's width (pure; the CLI passes the width).
import Table from 'cli-table3';
import { columnsOf, DEFAULT_WIDTH_COLUMNS } from './wrapLine.ts';

/** One column of a table that may be split: its header, alignment, and the group it belongs to. */
export interface FitColumn {
  header: string;
  align: 'left' | 'right';
  /** Columns of one group stay in one table when they fit together (e.g. `latency`, `cost`). */
  group: string;
}

/** What {@link fitTables} lays out: key columns repeated in every table, then the other columns. */
export interface FitInput {
  /** Leading columns (e.g. the strategy) that every table repeats so each row reads on its own. */
  keys: readonly FitColumn[];
  columns: readonly FitColumn[];
  /** Rows of already formatted cells: the keys' cells, then the columns'. */
  rows: readonly (readonly string[])[];
}

const PLAIN = { head: [], border: [], compact: true };

/** Columns a cli-table3 column takes: its widest cell, 1 of padding each side, and its right border. */
function columnWidth(header: string, cells: readonly string[]): number {
  return Math.max(columnsOf(header), ...cells.map(columnsOf)) + 3;
}

/**
 * The rows as one cli-table3 table when it fits in `widthColumns`, else as several tables one
 * under another, each repeating the key columns: whole groups are packed into a table in order
 * while they fit, a group too wide for a table of its own is split column by column, and a single
 * column too wide for any width still gets a table. No colours (CI logs read the same).
 */
export function fitTables(input: FitInput, widthColumns: number = DEFAULT_WIDTH_COLUMNS): string[] {
  const k = input.keys.length;
  const widthOf = (i: number, column: FitColumn): number =>
    columnWidth(
      column.header,
      input.rows.map((row) => row[i] ?? ''),
    );
  const keyWidth = 1 + input.keys.reduce((sum, key, i) => sum + widthOf(i, key), 0);
  const widths = input.columns.map((column, j) => widthOf(k + j, column));
  const tables: number[][] = [];
  let current: number[] = [];
  let used = keyWidth;
  const add = (j: number): void => {
    current.push(j);
    used += widths[j] as number;
  };
  const flush = (): void => {
    if (current.length > 0) tables.push(current);
    current = [];
    used = keyWidth;
  };
  const groups: number[][] = [];
  input.columns.forEach((column, j) => {
    const last = groups.at(-1);
    if (last !== undefined && input.columns[last[0] as number]?.group === column.group) last.push(j);
    else groups.push([j]);
  });
  for (const group of groups) {
    const groupWidth = group.reduce((sum, j) => sum + (widths[j] as number), 0);
    if (used + groupWidth <= widthColumns) {
      for (const j of group) add(j);
      continue;
    }
    if (current.length > 0) flush();
    for (const j of group) {
      if (current.length > 0 && used + (widths[j] as number) > widthColumns) flush();
      add(j);
    }
  }
  flush();
  return tables.map((picked) => {
    const table = new Table({
      head: [...input.keys.map((c) => c.header), ...picked.map((j) => input.columns[j]?.header ?? '')],
      style: PLAIN,
      colAligns: [...input.keys.map((c) => c.align), ...picked.map((j) => input.columns[j]?.align ?? 'left')],
    });
    for (const row of input.rows) table.push([...row.slice(0, k), ...picked.map((j) => row[k + j] ?? '')]);
    return table.toString();
  });
}
