#!/usr/bin/env node
// The `bench` and `claude-bench` command. Sources are TypeScript; tsx compiles them on load (and lets users hand us
// `module: ./client.ts` strategy files), so there is no build step between `npm ci` and a run.
// Both of tsx's hooks, as `node --import tsx` installs them: the ESM hook alone leaves a `.ts` or
// `.js` client with `export` syntax in a folder without package.json, or in a CommonJS package, to
// Node's require(esm), which fails (`Cannot require() ES Module … in a cycle`).
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

registerCjs();
registerEsm();
const { main } = await import('../harness/cli/main.ts');
const { commandName } = await import('../harness/cli/commandName.ts');
// Help and usage errors name the command as it was invoked: `bench` or `claude-bench`.
process.exitCode = await main(process.argv.slice(2), commandName(process.argv[1]));
