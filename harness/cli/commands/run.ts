import type { BenchCommand } from '../command.ts';

/** Placeholder until the `run` command lands. */
export const runCommand: BenchCommand = {
  command: 'run',
  describe: 'run (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench run: not implemented yet');
    return 2;
  },
};
