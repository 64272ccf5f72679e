import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's install commands, checked against the package they install (tarball.test.ts runs the
// same tarball route end to end): nothing to guess, and the names the commands use are the real ones.

const README = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
const pkg = JSON.parse(readFileSync(path.join(process.cwd(), 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
};

/** The shell commands of the README's "In your own project" section. */
function installCommands(): string[] {
  const section = README.slice(README.indexOf('### In your own project'), README.indexOf('Run the tests'));
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => (m[1] ?? '').trim().split('\n'));
}

describe('README install instructions', () => {
  it('have no placeholder to guess in a command but the clearly marked URL of your own repository', () => {
    const commands = installCommands();
    expect(commands.length).toBeGreaterThan(4);
    for (const line of commands) {
      const command = line.replace(/\s+#.*$/, '');
      expect(command).not.toMatch(/<[^>]*>/);
      if (command.includes('YOUR-ORG')) expect(line).toContain('replace with your repository');
    }
  });

  it('install the tarball npm pack writes (name-version.tgz) and run the bin the package names', () => {
    const commands = installCommands();
    expect(commands[0]).toMatch(/^cd claude-bench && npm pack\b/);
    const install = commands.find((c) => c.includes('npm install --save-dev ../claude-bench/'));
    const glob = /\.\.\/claude-bench\/(\S+)/.exec(install ?? '')?.[1] ?? '';
    const packed = `${pkg.name}-${pkg.version}.tgz`;
    expect(new RegExp(`^${glob.replaceAll('.', '\\.').replaceAll('*', '[^/]*')}$`).test(packed)).toBe(true);
    expect(Object.keys(pkg.bin)).toContain('claude-bench');
    expect(commands).toContain('npx claude-bench --version');
  });
});
