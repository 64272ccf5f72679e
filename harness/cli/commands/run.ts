import path from 'node:path';
import { InputError, type InputProblem } from '../../../base/errors.ts';
import { render } from '../../../reports/index.ts';
import { wrapLines } from '../../../reports/terminal/wrapLine.ts';
import { RequestExport, type RequestRow } from '../../export/RequestExport.ts';
import { limitWarnings } from '../../loadCheck/offeredLoad.ts';
import { portableResults } from '../../results/portableResults.ts';
import { writeFileAtomic } from '../../results/writeResults.ts';
import { runScenario } from '../../runner/runScenario.ts';
import { loadScenario } from '../../scenario/loadScenario.ts';
import { thresholdExitCode } from '../../thresholds/evaluateThresholds.ts';
import type { BenchCommand } from '../command.ts';
import { interruptHandler } from '../interrupt.ts';
import { ProgressLog } from '../ProgressLog.ts';
import { ProgressView } from '../ProgressView.ts';
import { terminalWidth } from '../terminalWidth.ts';

/** Folder name for a scenario's results: its name, lower-case, with runs of other characters as `-`. */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'scenario'
  );
}

export const runCommand: BenchCommand = {
  command: ['$0 <scenario>', 'run <scenario>'],
  describe:
    'run a scenario: every strategy in every matrix cell; writes results.json, report.md and report.html',
  builder: (y) =>
    y
      .positional('scenario', { type: 'string', describe: 'scenario file (YAML)', demandOption: true })
      .option('out', { type: 'string', describe: 'output folder [default: bench-results/<scenario-name>/]' })
      .option('format', {
        choices: ['table', 'markdown', 'json'] as const,
        default: 'table' as const,
        describe: 'what to print on stdout',
      })
      .option('seed', { type: 'number', describe: "override the scenario's seed" })
      .option('mode', {
        choices: ['simulated', 'realtime'] as const,
        describe: "override the scenario's mode",
      })
      .option('export', {
        type: 'string',
        describe: 'write one row per measured request to FILE (.jsonl or .csv), streamed as the run goes',
      })
      .option('quiet', {
        type: 'boolean',
        default: false,
        alias: 'q',
        describe: 'no progress bar, no tables',
      }),
  run: async (args) => {
    const file = args.scenario as string;
    const environment: InputProblem[] = [];
    const scenario = await loadScenario(file, { onEnvironmentProblem: (p) => environment.push(p) });
    if (args.seed !== undefined) {
      if (!Number.isInteger(args.seed))
        throw new InputError(`--seed: expected a whole number, got ${String(args.seed)}`);
      scenario.seed = args.seed as number;
    }
    if (args.mode !== undefined) scenario.mode = args.mode as 'simulated' | 'realtime';
    if (scenario.mode === 'realtime' && environment.length > 0) throw new InputError(environment);
    const outDir = (args.out as string | undefined) ?? path.join('bench-results', slug(scenario.name));
    const quiet = args.quiet === true;
    // Before the run: cells whose offered load is over the mock's limits will meet 429s.
    for (const line of wrapLines(limitWarnings(scenario), terminalWidth(process.stderr))) console.error(line);

    const exported = args.export === undefined ? undefined : new RequestExport(String(args.export));
    const controller = new AbortController();
    // A bar redrawn twice a second on a terminal; in a log (CI), a plain line every 5 s while a run is under way.
    const progress = quiet ? undefined : process.stderr.isTTY ? new ProgressView() : new ProgressLog();
    const onSigint = interruptHandler({
      abort: () => controller.abort(new Error('interrupted')),
      stopProgress: () => progress?.stop(),
    });
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigint);
    let results: Awaited<ReturnType<typeof runScenario>>;
    try {
      results = await runScenario(scenario, {
        signal: controller.signal,
        onEvent: (event) => progress?.on(event),
        artifactsDir: outDir,
        ...(exported !== undefined ? { onRequest: (row: RequestRow) => exported.write(row) } : {}),
      });
    } finally {
      exported?.close();
      progress?.stop();
      process.off('SIGINT', onSigint);
      process.off('SIGTERM', onSigint);
    }

    const portable = portableResults(results);
    const resultsFile = path.join(outDir, 'results.json');
    await writeFileAtomic(resultsFile, `${JSON.stringify(portable, null, 2)}\n`);
    await writeFileAtomic(path.join(outDir, 'report.md'), render('markdown', portable));
    await writeFileAtomic(path.join(outDir, 'report.html'), render('html', portable));
    if (!quiet || args.format !== 'table') {
      process.stdout.write(render(args.format as 'table', portable, { widthColumns: terminalWidth() }));
    }
    console.error(
      `${results.partial ? 'partial results' : 'results'} written to ${resultsFile}, report.md and report.html`,
    );
    if (exported !== undefined) console.error(`${exported.rows} requests exported to ${exported.file}`);
    if (results.failure !== undefined) {
      console.error(`bench: the scenario stopped early: ${results.failure}`);
      return 3;
    }
    if (results.partial) return 130;
    return thresholdExitCode(portable);
  },
};
