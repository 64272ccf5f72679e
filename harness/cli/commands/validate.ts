import type { BenchCommand } from '../command.ts';

/** Placeholder until the `validate` command lands. */
export const validateCommand: BenchCommand = {
  command: 'validate',
  describe: 'validate (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench validate: not implemented yet');
    return 2;
  },
};
