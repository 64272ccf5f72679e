import { readResultsFile } from '../../../reports/io/readResultsFile.ts';
import { RENDERER_NAMES, type RendererName } from '../../../reports/Renderer.ts';
import { render } from '../../../reports/renderers.ts';
import { writeFileAtomic } from '../../results/writeResults.ts';
import type { BenchCommand } from '../command.ts';
import { terminalWidth } from '../terminalWidth.ts';

/** `bench report results.json [--format table|markdown|json|html] [--out FILE]`: re-renders saved results. */
export const reportCommand: BenchCommand = {
  command: 'report <results>',
  describe: 're-render a saved results.json as a table, markdown, json or a self-contained HTML page',
  builder: (y) =>
    y
      .positional('results', {
        type: 'string',
        describe: 'results.json written by `bench run`',
        demandOption: true,
      })
      .option('format', { choices: RENDERER_NAMES, default: 'table' as const, describe: 'report format' })
      .option('out', { type: 'string', describe: 'write the report to this file instead of stdout' }),
  run: async (args) => {
    const results = await readResultsFile(args.results as string);
    const text = render(args.format as RendererName, results, { widthColumns: terminalWidth() });
    const out = args.out as string | undefined;
    if (out === undefined) {
      process.stdout.write(text);
    } else {
      await writeFileAtomic(out, text);
      console.error(`report written to ${out}`);
    }
    return 0;
  },
};
