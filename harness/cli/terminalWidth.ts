import { DEFAULT_WIDTH_COLUMNS } from '../../reports/terminal/wrapLine.ts';

/**
 * The width text printed to `stream` should fit, in columns: `COLUMNS` from the environment when
 * it is a whole number ≥ 20 (so `COLUMNS=80 bench …` works on any terminal), else the terminal's
 * own width, else 80 (a pipe or a CI log).
 */
export function terminalWidth(
  stream: { columns?: number | undefined } = process.stdout,
  env: Readonly<Record<string, string | undefined>> = process.env,
): number {
  const fromEnv = Number(env.COLUMNS);
  if (Number.isInteger(fromEnv) && fromEnv >= 20) return fromEnv;
  const columns = stream.columns;
  return columns !== undefined && columns > 0 ? columns : DEFAULT_WIDTH_COLUMNS;
}
