import { DEFAULT_MODELS, defaultPrices } from '../../mocks/config/catalog.ts';
import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import { suggestion } from './didYouMean.ts';
import type { ProblemList } from './ProblemList.ts';
import type { ScenarioParsed } from './scenarioSchema.ts';
import type { Price } from './types.ts';
import type { FieldPath } from './YamlLocator.ts';

/**
 * The price table (USD per million tokens): the mock catalog's prices (its default catalog, or the
 * scenario's `mock.models`), then the file's `prices:` on top (a model with a known price may give
 * only `input` or `output`). Every workload model must have a price, or cost figures would silently
 * read 0; when the local mock serves the run, every model must also be one it serves.
 * `modelsListed`: the file wrote `model:` as a list (for the problems' positions).
 */
export function resolvePrices(
  written: ScenarioParsed['prices'],
  mock: MockConfig | undefined,
  usesMock: boolean,
  models: readonly string[],
  modelsListed: boolean,
  problems: ProblemList,
): Record<string, Price> {
  const prices: Record<string, Price> = mock?.models === undefined ? defaultPrices() : {};
  const served = new Set<string>();
  for (const model of mock?.models ?? DEFAULT_MODELS) {
    const price = { inputPerMTok: model.inputPerMTok, outputPerMTok: model.outputPerMTok };
    for (const id of [model.id, ...(model.aliases ?? [])]) {
      prices[id] = { ...price };
      served.add(id);
    }
  }
  for (const [model, price] of Object.entries(written ?? {})) {
    const known = prices[model];
    const inputPerMTok = price.input ?? known?.inputPerMTok;
    const outputPerMTok = price.output ?? known?.outputPerMTok;
    if (inputPerMTok === undefined || outputPerMTok === undefined) {
      problems.add(
        ['prices', model],
        `${model} has no default price: give both input and output (USD per million tokens)`,
      );
      continue;
    }
    const resolved: Price = { inputPerMTok, outputPerMTok };
    // Prompt-cache prices are kept only when written; unset, cost.ts derives them from the input price.
    if (price.cacheWrite !== undefined) resolved.cacheWritePerMTok = price.cacheWrite;
    if (price.cacheWrite1h !== undefined) resolved.cacheWrite1hPerMTok = price.cacheWrite1h;
    if (price.cacheRead !== undefined) resolved.cacheReadPerMTok = price.cacheRead;
    prices[model] = resolved;
  }
  models.forEach((model, index) => {
    const path: FieldPath = ['workload', 'model', ...(modelsListed ? [index] : [])];
    if (usesMock && !served.has(model)) {
      const list = [...served].filter((id) => !/-\d{8}$/.test(id));
      problems.add(
        path,
        `the mock does not serve model "${model}"${suggestion(model, served)}; it serves ${list.join(', ')} (add more under mock.models)`,
      );
    } else if (prices[model] === undefined) {
      problems.add(
        path,
        `no price for model "${model}": add prices: { ${model}: { input: <USD per MTok>, output: <USD per MTok> } }`,
      );
    }
  });
  return prices;
}
