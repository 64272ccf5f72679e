import type { CellVerdict, ResultsFile } from '../../harness/results/ResultsFile.ts';
import { paramText } from '../../harness/scenario/expandMatrix.ts';
import { objectiveText, verdictsOf } from '../model/verdicts.ts';
import { markdownTable } from './markdownTable.ts';

function bestText(cell: CellVerdict): string {
  const names = cell.best.map((s) => `\`${s}\``).join(', ');
  switch (cell.kind) {
    case 'winner':
      return cell.best[0] === cell.baseline ? `${names} (the baseline)` : names;
    case 'tie':
      return `tie: ${names}`;
    case 'none-pass':
      return `none meets the thresholds (best: ${names})`;
    default:
      return 'no valid run';
  }
}

function versusText(cell: CellVerdict): string {
  if (cell.best.length !== 1 || cell.best[0] === cell.baseline) return '–';
  // The figures of the verdict line, which marks survivors-only latency changes.
  const cut = cell.text.lastIndexOf(': ');
  const figures = cell.text.slice(cut + 2).replace(/ vs \S+$/, '');
  return cell.vsBaseline.length === 0 || cut < 0 ? '–' : `${figures} vs \`${cell.baseline}\``;
}

/**
 * The verdict table that opens report.md: per cell the best strategy on the objective and how it
 * compares to the baseline, then where the winner changes across cells. Empty without runs.
 */
export function verdictSection(results: ResultsFile): string {
  const verdicts = verdictsOf(results);
  if (verdicts.cells.length === 0) return '';
  const rows = verdicts.cells.map((cell) => {
    const where = Object.entries(cell.params).map(([k, v]) => `${k}=${paramText(k, v)}`);
    return [where.length === 0 ? cell.cellId : where.join(', '), bestText(cell), versusText(cell)];
  });
  const out = [
    `Best strategy per cell on ${objectiveText(verdicts)} (values within 1% are tied):`,
    '',
    markdownTable(['cell', 'best', 'vs baseline'], rows),
  ];
  if (verdicts.summary !== '') out.push('', verdicts.summary);
  return `${out.join('\n')}\n`;
}
