/**
 * Terminal text that fits the terminal: a long line broken at spaces into lines of at most
 * `widthColumns` characters, each continuation indented 4 columns deeper than the line itself.
 * Pure; the CLI passes the width (harness/cli/terminalWidth.ts).
 */

/** Terminal width assumed when none is known (not a terminal, no `COLUMNS`), in columns. */
export const DEFAULT_WIDTH_COLUMNS = 80;

/** How many columns continuation lines are indented beyond the line they continue. */
const CONTINUATION_INDENT = 4;

/** Columns `text` takes on a terminal: one per code point (what the reports print is all narrow). */
export function columnsOf(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * `line` broken at spaces so no piece is wider than `widthColumns` (a word wider than that stays
 * whole on its own line); continuations are indented by the line's own indent + 4. Returns the
 * pieces joined with `\n` (the line itself when it fits).
 */
export function wrapLine(line: string, widthColumns: number = DEFAULT_WIDTH_COLUMNS): string {
  if (columnsOf(line) <= widthColumns) return line;
  const lead = line.length - line.trimStart().length;
  const indent = ' '.repeat(lead + CONTINUATION_INDENT);
  const words = line.trimStart().split(' ');
  const out: string[] = [];
  let current = line.slice(0, lead);
  let empty = true;
  for (const word of words) {
    const candidate = empty ? `${current}${word}` : `${current} ${word}`;
    if (empty || columnsOf(candidate) <= widthColumns) {
      current = candidate;
      empty = false;
    } else {
      out.push(current);
      current = `${indent}${word}`;
    }
  }
  out.push(current);
  return out.join('\n');
}

/** Every line of `lines` wrapped with {@link wrapLine}, flattened into lines again. */
export function wrapLines(lines: readonly string[], widthColumns: number = DEFAULT_WIDTH_COLUMNS): string[] {
  return lines.flatMap((line) => wrapLine(line, widthColumns).split('\n'));
}
