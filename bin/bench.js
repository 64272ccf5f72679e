#!/usr/bin/env node
// The `bench` and `claude-bench` command. Sources are TypeScript; tsx compiles them on load (and lets users hand us
// `module: ./client.ts` strategy files), so there is no build step between `npm ci` and a run.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../harness/cli/main.ts');
const { commandName } = await import('../harness/cli/commandName.ts');
// Help and usage errors name the command as it was invoked: `bench` or `claude-bench`.
process.exitCode = await main(process.argv.slice(2), commandName(process.argv[1]));
