import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { REPO_ROOT, scenarioFiles } from '../../scripts/run-scenarios.ts';

const files = await scenarioFiles();
/** The quickstart and the drills: the scenarios this library documents one by one. */
const documented = files.filter((f) => /^(quickstart|drill-.*)\.yaml$/.test(path.basename(f)));

describe('the scenario library (scenarios/*.yaml)', () => {
  it('holds the quickstart and the drills the library promises', () => {
    expect(documented.map((f) => path.basename(f))).toEqual([
      'drill-429-storm.yaml',
      'drill-529-brownout.yaml',
      'drill-cache-uniform.yaml',
      'drill-cache-zipf.yaml',
      'drill-cold-start.yaml',
      'drill-max-tokens.yaml',
      'drill-prompt-cache.yaml',
      'drill-sdk-client.yaml',
      'drill-stream-drops.yaml',
      'drill-tier-sweep.yaml',
      'quickstart.yaml',
    ]);
  });

  it.each(files.map((f) => [path.relative(REPO_ROOT, f), f]))(
    '%s loads without a problem',
    async (_, file) => {
      const scenario = await loadScenario(file);
      expect(scenario.strategies.length).toBeGreaterThan(0);
    },
  );

  it.each(documented.map((f) => [path.basename(f), f]))(
    '%s is simulated, named after its file, says what it teaches and checks it',
    async (_, file) => {
      const scenario = await loadScenario(file);
      expect(scenario.mode).toBe('simulated');
      expect(scenario.name).toBe(path.basename(file, '.yaml'));
      expect((scenario.description ?? '').length).toBeGreaterThan(80);
      expect(scenario.thresholds.length).toBeGreaterThan(0);
    },
  );

  it('documents every drill and the quickstart in scenarios/README.md', async () => {
    const readme = await readFile(path.join(REPO_ROOT, 'scenarios', 'README.md'), 'utf8');
    const missing = documented.map((f) => path.basename(f)).filter((name) => !readme.includes(`](${name})`));
    expect(missing).toEqual([]);
  });
});
