import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../harness/scenario/loadScenario.ts';
import { REPO_ROOT, scenarioFiles } from '../../scripts/run-scenarios.ts';

const files = await scenarioFiles();
/** The quickstart, the drills and the realtime scenarios: those this library documents one by one. */
const documented = files.filter((f) => /^(quickstart|drill-.*|realtime-.*)\.yaml$/.test(path.basename(f)));
/** Scenarios that measure over real HTTP: the realtime ones and the drill of a saturated generator. */
const REALTIME = new Set([
  'drill-saturated-generator.yaml',
  'realtime-closed-loop.yaml',
  'realtime-loopback.yaml',
]);

describe('the scenario library (scenarios/*.yaml)', () => {
  it('holds the quickstart and the drills the library promises', () => {
    expect(documented.map((f) => path.basename(f))).toEqual([
      'drill-429-storm.yaml',
      'drill-529-brownout.yaml',
      'drill-acceleration.yaml',
      'drill-cache-uniform.yaml',
      'drill-cache-zipf.yaml',
      'drill-cold-start.yaml',
      'drill-max-tokens.yaml',
      'drill-prompt-cache.yaml',
      'drill-saturated-generator.yaml',
      'drill-sdk-client.yaml',
      'drill-stream-drops.yaml',
      'drill-tier-sweep.yaml',
      'quickstart.yaml',
      'realtime-closed-loop.yaml',
      'realtime-loopback.yaml',
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
    '%s is in its mode (simulated, or realtime for the realtime ones), named after its file, says what it teaches and checks it',
    async (name, file) => {
      const scenario = await loadScenario(file);
      expect(scenario.mode).toBe(REALTIME.has(name) ? 'realtime' : 'simulated');
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
