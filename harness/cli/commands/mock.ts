import type { BenchCommand } from '../command.ts';

/** Placeholder until the `mock` command lands. */
export const mockCommand: BenchCommand = {
  command: 'mock',
  describe: 'mock (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench mock: not implemented yet');
    return 2;
  },
};
