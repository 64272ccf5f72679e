import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, exampleScenarioFiles, generateExamples } from '../../scripts/generate-examples.ts';
import { REPO_ROOT } from '../../scripts/run-scenarios.ts';

describe('example reports (reports/examples)', () => {
  it('cover the quickstart, every seed reproduction and the chosen drills', async () => {
    const names = (await exampleScenarioFiles()).map((f) => path.basename(f));
    expect(names[0]).toBe('quickstart.yaml');
    const seeds = (await readdir(path.join(REPO_ROOT, 'scenarios'))).filter((n) => /^seed-.*\.yaml$/.test(n));
    expect(names).toEqual(expect.arrayContaining([...seeds, 'drill-tier-sweep.yaml']));
  });

  // Regenerates every example in memory (simulated runs, a few seconds) and compares it with the
  // committed file: a change to the mock, the strategies, the runner or the report that moves a
  // number or a line makes this fail until `npm run examples` is run and the result committed.
  it('are current: a fresh simulated run renders the committed bytes', { timeout: 60_000 }, async () => {
    const generated = await generateExamples();
    const stale: string[] = [];
    for (const { path: file, content } of generated) {
      const committed = await readFile(file, 'utf8').catch(() => '');
      if (committed !== content) stale.push(path.relative(EXAMPLES_DIR, file));
    }
    expect(stale, 'out of date: run `npm run examples` and commit reports/examples').toEqual([]);
  });
});
