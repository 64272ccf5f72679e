import { INIT_FILES, initProject } from '../../init/initProject.ts';
import type { BenchCommand } from '../command.ts';

/** `bench init`: writes a starter scenario, a client module and a CI workflow into the current directory. */
export const initCommand: BenchCommand = {
  command: 'init',
  describe: 'write a starter scenario, a client module and a CI workflow into the current directory',
  builder: (y) =>
    y.option('force', { type: 'boolean', default: false, describe: 'overwrite files that already exist' }),
  run: async (args) => {
    const written = initProject(process.cwd(), { force: args.force === true });
    for (const file of written) console.log(`wrote ${file}`);
    console.log(
      `\nNext: npx claude-bench ${INIT_FILES.scenario}\n` +
        `(claude-bench must be a dev dependency of this project for the CI workflow: see its README)`,
    );
    return 0;
  },
};
