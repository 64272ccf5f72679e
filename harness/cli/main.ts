import yargs from 'yargs';
import { BenchError, InputError } from '../errors.ts';
import type { BenchCommand } from './command.ts';
import { compareCommand } from './commands/compare.ts';
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
];

/** Exit codes: 0 ok, 1 a gate failed, 2 invalid input or usage, 130 interrupted. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  let usageError: string | undefined;
  let cli = yargs([...argv])
    .scriptName('bench')
    .usage('$0 <scenario.yaml> [options]    run a scenario (same as `bench run`)')
    .strict()
    .help()
    .alias('h', 'help')
    .version(false)
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .fail((message, error) => {
      if (error !== undefined && error !== null) throw error;
      usageError = message;
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
  try {
    await cli.parseAsync();
  } catch (error) {
    return reportError(error);
  }
  if (usageError !== undefined) {
    console.error(`bench: ${usageError}\nRun \`bench --help\` for usage.`);
    return 2;
  }
  return exitCode;
}

/** Prints an error the way users should see it, and returns the exit code it deserves. */
export function reportError(error: unknown): number {
  if (error instanceof InputError) {
    console.error(error.message);
    return 2;
  }
  if (error instanceof BenchError) {
    console.error(`bench: ${error.message}`);
    return 1;
  }
  console.error('bench: internal error (please report it):');
  console.error(error);
  return 1;
}
