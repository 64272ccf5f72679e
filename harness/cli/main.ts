import { createRequire } from 'node:module';
import type yargsType from 'yargs';
import { BenchError, InputError } from '../../base/errors.ts';
import { toolVersion } from '../runner/environment.ts';
import { ignoreBrokenPipe } from './brokenPipe.ts';
import type { BenchCommand } from './command.ts';
import type { CommandName } from './commandName.ts';
import { compareCommand } from './commands/compare.ts';
import { initCommand } from './commands/init.ts';
import { mergeCommand } from './commands/merge.ts';
import { mockCommand } from './commands/mock.ts';
import { reportCommand } from './commands/report.ts';
import { runCommand } from './commands/run.ts';
import { validateCommand } from './commands/validate.ts';

const COMMANDS: readonly BenchCommand[] = [
  runCommand,
  validateCommand,
  mockCommand,
  reportCommand,
  compareCommand,
  mergeCommand,
  initCommand,
];

// yargs's ESM build wraps help text every N characters, mid-word (its cliui shim); the CommonJS
// build wraps at word boundaries (wrap-ansi). Same package, same API.
const yargs = createRequire(import.meta.url)('yargs') as typeof yargsType;

/** Help text width: the terminal's (stdout), at most 120 columns; 80 when stdout is not a terminal. */
export function helpWidth(columns: number | undefined = process.stdout.columns): number {
  return Math.min(120, columns ?? 80);
}

/** A flag or argument yargs rejected. */
class UsageError extends Error {}

/**
 * Runs the command line `argv` (without node and the script). `name` is the command as invoked
 * (`bench` or `claude-bench`, see commandName.ts; default `bench`), shown in help and usage errors.
 * Exit codes: 0 ok, 1 a gate failed, 2 invalid input or usage, 3 no valid measurement, 130 interrupted.
 */
export async function main(argv: readonly string[], name: CommandName = 'bench'): Promise<number> {
  ignoreBrokenPipe(process.stdout);
  ignoreBrokenPipe(process.stderr);
  let exitCode = 0;
  let cli = yargs([...argv])
    .scriptName(name)
    .usage(`${name} <scenario.yaml> [options]  run a scenario, as \`${name} run\``)
    .strict()
    .help()
    .alias('h', 'help')
    // Our own --version (yargs's would call process.exit, and main is also called in-process).
    .version(false)
    .option('version', { type: 'boolean', describe: 'print the version of claude-bench and exit' })
    .wrap(helpWidth())
    .fail((message, error) => {
      // Throwing here stops yargs before it runs the command's handler with invalid arguments.
      if (error !== undefined && error !== null) throw error;
      throw new UsageError(message);
    });
  for (const c of COMMANDS) {
    cli = cli.command(
      c.command as string | string[],
      c.describe,
      (y) => c.builder(y),
      async (args) => {
        exitCode = await c.run(args as Record<string, unknown>);
      },
    );
  }
  const beforeDashDash = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (beforeDashDash.includes('--version')) {
    console.log(toolVersion());
    return 0;
  }
  if (argv.length === 0) {
    console.error(
      `${await cli.getHelp()}\n\n${name}: give a scenario file, e.g. \`${name} scenarios/quickstart.yaml\``,
    );
    return 2;
  }
  try {
    await cli.parseAsync();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${name}: ${error.message}\nRun \`${name} --help\` for usage.`);
      return 2;
    }
    return reportError(error, name);
  }
  return exitCode;
}

/** Prints an error the way users should see it (prefixed with the command's name), and returns the exit code it deserves. */
export function reportError(error: unknown, name: CommandName = 'bench'): number {
  if (error instanceof InputError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof BenchError) {
    console.error(`${name}: ${error.message}`);
    return 1;
  }
  console.error(`${name}: internal error (please report it):`);
  console.error(error);
  return 1;
}
