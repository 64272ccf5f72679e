import { formatProblem, InputError, type InputProblem } from '../../../base/errors.ts';
import { wrapLines } from '../../../reports/terminal/wrapLine.ts';
import { limitWarnings } from '../../loadCheck/offeredLoad.ts';
import { expandMatrix } from '../../scenario/expandMatrix.ts';
import { loadScenario } from '../../scenario/loadScenario.ts';
import type { BenchCommand } from '../command.ts';
import { terminalWidth } from '../terminalWidth.ts';

/**
 * `bench validate FILE...`: checks scenario files without running them. Prints
 * `FILE: ok (N cells × M strategies = K runs)` for each valid file and every problem of the others
 * (file:line:column: path: message), and on stderr a warning per matrix cell whose offered load is
 * over the mock's rate limits (429s expected; not an error). Exit 0 when all are valid, 2 otherwise.
 * Problems of the environment, not of the file (an unset `target.apiKeyEnv`), are printed as
 * `warning: ...` and do not fail validation: CI often validates where the secret is not given;
 * `bench run` refuses them.
 */
export const validateCommand: BenchCommand = {
  command: 'validate <files..>',
  describe: 'check scenario files (every problem, with its line and column) without running them',
  builder: (y) =>
    y.positional('files', {
      type: 'string',
      array: true,
      describe: 'scenario YAML files',
      demandOption: true,
    }),
  run: async (args) => {
    const files = (args.files as string[] | undefined) ?? [];
    let exitCode = 0;
    for (const file of files) {
      try {
        const warnings: InputProblem[] = [];
        const scenario = await loadScenario(file, { onEnvironmentProblem: (p) => warnings.push(p) });
        for (const w of warnings) console.error(`warning: ${formatProblem(w)}`);
        const cells = expandMatrix(scenario).length;
        const strategies = scenario.strategies.length;
        const runs = cells * strategies;
        console.log(
          `${file}: ok (${count(cells, 'cell')} × ${count(strategies, 'strategy', 'strategies')} = ${count(runs, 'run')})`,
        );
        for (const line of wrapLines(limitWarnings(scenario), terminalWidth(process.stderr)))
          console.error(line);
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        console.error(error.message);
        const count = error.problems.length;
        if (count > 1) console.error(`${file}: ${count} problems`);
        exitCode = 2;
      }
    }
    return exitCode;
  },
};

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
