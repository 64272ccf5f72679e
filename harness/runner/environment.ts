import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ResultsFile } from '../results/ResultsFile.ts';

let cachedVersion: string | undefined;

/** This tool's version, from package.json. */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}

/** The machine a run happens on, for the results file and reports. */
export function describeEnvironment(): ResultsFile['environment'] {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: os.platform(),
    arch: os.arch(),
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryBytes: os.totalmem(),
  };
}
