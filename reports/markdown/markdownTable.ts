export type Align = 'left' | 'right';

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A GitHub-flavoured markdown table with its columns padded to equal width, so the source reads
 * as a table in plain text too. Columns are left-aligned unless `align` says `right`.
 */
export function markdownTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly Align[] = [],
): string {
  const cells = [head, ...rows].map((row) => head.map((_, i) => escapeCell(row[i] ?? '')));
  const widths = head.map((_, i) => Math.max(3, ...cells.map((row) => (row[i] as string).length)));
  const pad = (text: string, i: number): string =>
    align[i] === 'right' ? text.padStart(widths[i] as number) : text.padEnd(widths[i] as number);
  const line = (row: readonly string[]): string => `| ${row.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (align[i] === 'right' ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  const [first, ...rest] = cells;
  return [line(first as string[]), rule, ...rest.map(line)].join('\n');
}
