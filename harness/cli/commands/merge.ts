import { InputError } from '../../../base/errors.ts';
import { readResultsFile } from '../../../reports/io/readResultsFile.ts';
import { writeFileAtomic } from '../../results/writeResults.ts';
import { mergeResults } from '../../stats/mergeResults.ts';
import type { BenchCommand } from '../command.ts';

/**
 * `bench merge A.json B.json ... --out FILE`: combines shards of one scenario run on several
 * machines. Latency percentiles are recomputed from the raw samples, counters summed, rates
 * summed (the shards ran at the same time). Validity is carried (an invalid shard makes its run
 * invalid) and judged again on the merged runs; each invalid merged run is named on stderr (exit
 * still 0: the file was written). Exit 2 when the shards are not of one experiment
 * (scenario name, seed, mode, claude-bench version or resolved scenario differ).
 */
export const mergeCommand: BenchCommand = {
  command: 'merge <files..>',
  describe:
    'merge results files of one scenario run in shards (same scenario, seed, mode and claude-bench version) into one',
  builder: (y) =>
    y
      .positional('files', {
        type: 'string',
        array: true,
        describe: 'results.json of each shard',
        demandOption: true,
      })
      .option('out', { type: 'string', demandOption: true, describe: 'merged results file to write' }),
  run: async (args) => {
    const files = (args.files as string[] | undefined) ?? [];
    const out = args.out as string | undefined;
    if (typeof out !== 'string' || out === '')
      throw new InputError('--out: expected the path of the merged results file');
    if (files.length < 2)
      throw new InputError(`merge: expected at least two results files, got ${files.length}`);
    const shards = await Promise.all(
      files.map(async (file) => ({ file, results: await readResultsFile(file) })),
    );
    const merged = mergeResults(shards);
    await writeFileAtomic(out, `${JSON.stringify(merged, null, 2)}\n`);
    const runCount = shards.reduce((n, s) => n + s.results.runs.length, 0);
    console.error(`merged ${files.length} shards (${runCount} runs) into ${merged.runs.length} runs: ${out}`);
    for (const run of merged.runs.filter((r) => !r.valid)) {
      console.error(
        `warning: ${run.strategy} in ${run.cellId} is not a valid measurement (its thresholds are not evaluated; bench compare exits 3 on it): ${(run.invalidReasons ?? []).join('; ') || 'no reason given'}`,
      );
    }
    return 0;
  },
};
