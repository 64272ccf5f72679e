import type { Argv } from 'yargs';

/**
 * A `bench` subcommand. `run` returns the process exit code: 0 success, 1 a failed gate
 * (threshold, regression), 2 invalid input or usage, 3 the run produced no valid measurement
 * (generator outside its `validity:` limits, nothing measured), 130 interrupted. Errors that are the user's
 * (an `InputError`) are printed by main without a stack trace.
 */
export interface BenchCommand {
  /** yargs command string, e.g. `compare <base> <head>`. */
  command: string | readonly string[];
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: Record<string, unknown>) => Promise<number>;
}
