import type { BenchCommand } from '../command.ts';

/** Placeholder until the `report` command lands. */
export const reportCommand: BenchCommand = {
  command: 'report',
  describe: 'report (not implemented yet)',
  builder: (y) => y,
  run: async () => {
    console.error('bench report: not implemented yet');
    return 2;
  },
};
