import { InputError } from '../../../base/errors.ts';
import { renderComparisonMarkdown } from '../../../reports/compare/renderComparisonMarkdown.ts';
import { renderComparisonTable } from '../../../reports/compare/renderComparisonTable.ts';
import { readResultsFile } from '../../../reports/io/readResultsFile.ts';
import { writeFileAtomic } from '../../results/writeResults.ts';
import { comparisonExitCode, DEFAULT_COMPARE_METRICS } from '../../stats/compare/Comparison.ts';
import { compareResults } from '../../stats/compare/compareResults.ts';
import type { BenchCommand } from '../command.ts';
import { terminalWidth } from '../terminalWidth.ts';

/** `5%` or `0.05` → 0.05; anything else is an InputError naming the flag. */
export function parseFraction(flag: string, value: unknown, max = 1): number {
  const text = String(value).trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text);
  const fraction = pct !== null ? Number(pct[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(fraction > 0 && fraction < max)) {
    throw new InputError(
      `${flag}: expected a percentage such as 5% or a fraction such as 0.05 (above 0, below ${max * 100}%), got ${JSON.stringify(value)}`,
    );
  }
  return fraction;
}

/**
 * `bench compare BASE.json HEAD.json`: matches runs by strategy + cell and judges a few headline
 * metrics (deterministically for same-seed simulated runs, statistically otherwise). Prints a
 * table; `--markdown FILE` writes a PR-ready summary. Exit 1 on a regression or when head lacks
 * runs (strategy + cell) of base, unless `--allow-missing` (`--fail-on none`: never 1); 2 on bad
 * input; 3 when base or head holds a run judged invalid (not a valid measurement; 3 wins over 1).
 */
export const compareCommand: BenchCommand = {
  command: 'compare <base> <head>',
  describe: 'compare two results files: improved / regressed / unchanged / inconclusive per headline metric',
  builder: (y) =>
    y
      .positional('base', {
        type: 'string',
        describe: 'baseline results.json (e.g. from the main branch)',
        demandOption: true,
      })
      .positional('head', {
        type: 'string',
        describe: 'results.json to judge (e.g. from the pull request)',
        demandOption: true,
      })
      .option('markdown', {
        type: 'string',
        describe: 'also write a markdown summary to this file (e.g. for $GITHUB_STEP_SUMMARY)',
      })
      .option('fail-on', {
        choices: ['regression', 'none'] as const,
        default: 'regression' as const,
        describe: 'exit 1 when any metric regressed (or head lacks runs of base), or never',
      })
      .option('allow-missing', {
        type: 'boolean',
        default: false,
        describe: 'accept strategies or cells of base that head lacks (by default they fail the comparison)',
      })
      .option('metrics', {
        type: 'string',
        describe: `comma-separated metric paths or names (p99, mean, throughput, errors, cost, ...) [default: ${DEFAULT_COMPARE_METRICS.join(',')}]`,
      })
      .option('noise', {
        type: 'string',
        describe:
          'practical-effect threshold: smaller changes never count [default: 5% in a statistical comparison; none in a deterministic one, where every real change counts]',
      })
      .option('alpha', {
        type: 'string',
        default: '0.05',
        describe: 'significance level, Holm-corrected across metrics',
      }),
  run: async (args) => {
    const failOn = args['fail-on'] as string;
    if (failOn !== 'regression' && failOn !== 'none') {
      throw new InputError(`--fail-on: expected regression or none, got ${JSON.stringify(failOn)}`);
    }
    const noise = args.noise === undefined ? undefined : parseFraction('--noise', args.noise);
    const alpha = parseFraction('--alpha', args.alpha ?? '0.05', 0.5);
    const metrics =
      args.metrics === undefined
        ? undefined
        : String(args.metrics)
            .split(',')
            .map((m) => m.trim())
            .filter((m) => m !== '');
    const [base, head] = await Promise.all([
      readResultsFile(args.base as string),
      readResultsFile(args.head as string),
    ]);
    const comparison = compareResults(base, head, {
      alpha,
      allowMissing: args['allow-missing'] === true,
      ...(noise === undefined ? {} : { noise }),
      ...(metrics === undefined ? {} : { metrics }),
    });
    process.stdout.write(renderComparisonTable(comparison, terminalWidth()));
    const markdown = args.markdown as string | undefined;
    if (markdown !== undefined) {
      await writeFileAtomic(markdown, renderComparisonMarkdown(comparison));
      console.error(`markdown summary written to ${markdown}`);
    }
    return comparisonExitCode(comparison, failOn);
  },
};
