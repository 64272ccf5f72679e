import type { BenchCommand } from '../command.ts';

/** Placeholder until the `compare` command lands. */
export const compareCommand: BenchCommand = {
  command: 'compare',
  describe: 'compare (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench compare: not implemented yet');
    return 2;
  },
};
