import path from 'node:path';

/** The names the package installs its command under (package.json `bin`). */
export type CommandName = 'bench' | 'claude-bench';

/**
 * The name the command was invoked as, from the path of the script that started it
 * (`process.argv[1]`: `node_modules/.bin/claude-bench`, `bin/bench.js`, `claude-bench.cmd`):
 * `claude-bench` when that is its base name, else `bench` (also when it is unknown). Help and
 * usage messages then show the command the user typed.
 */
export function commandName(scriptPath: string | undefined): CommandName {
  if (scriptPath === undefined) return 'bench';
  const base = path.basename(scriptPath).replace(/\.(?:c?m?js|cmd|ps1)$/i, '');
  return base === 'claude-bench' ? 'claude-bench' : 'bench';
}
