/**
 * `npm run conformance [-- FIXTURE]`: replays a conformance fixture's probes against the mock
 * (in-process, virtual clock) and prints every difference from the documented answers. Default
 * fixture: mocks/conformance/fixtures/anthropic-wire.json (built from the shared wire reference).
 * Exit 0 when there are none (known ones aside), 1 when there are, 2 for a bad fixture.
 */
import path from 'node:path';
import { InputError } from '../base/errors.ts';
import { checkConformance } from '../mocks/conformance/checkConformance.ts';
import { loadFixture } from '../mocks/conformance/fixture.ts';
import { mockTarget } from '../mocks/conformance/mockTarget.ts';
import { conforms, renderReport } from '../mocks/conformance/renderReport.ts';

const file = process.argv[2] ?? 'mocks/conformance/fixtures/anthropic-wire.json';
try {
  const report = await checkConformance(loadFixture(file), mockTarget());
  process.stdout.write(
    renderReport(report, `${path.relative(process.cwd(), path.resolve(file))} against the mock`),
  );
  process.exitCode = conforms(report) ? 0 : 1;
} catch (error) {
  if (!(error instanceof InputError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 2;
}
