import type { BenchCommand } from '../command.ts';

/** Placeholder until the `merge` command lands. */
export const mergeCommand: BenchCommand = {
  command: 'merge',
  describe: 'merge (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench merge: not implemented yet');
    return 2;
  },
};
