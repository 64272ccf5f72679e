import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import type { ProblemList } from './ProblemList.ts';
import type { ScenarioParsed } from './scenarioSchema.ts';
import type { Price } from './types.ts';

/**
 * List prices (USD per million tokens) of current Claude models, used for `costUsd` unless a
 * scenario's `prices:` or its mock's model catalog says otherwise.
 */
export const DEFAULT_PRICES: Readonly<Record<string, Price>> = {
  'claude-opus-4-5': { inputPerMTok: 5, outputPerMTok: 25 },
  'claude-opus-4-1': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-opus-4-0': { inputPerMTok: 15, outputPerMTok: 75 },
  'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-5': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-sonnet-4-0': { inputPerMTok: 3, outputPerMTok: 15 },
  'claude-haiku-4-5': { inputPerMTok: 1, outputPerMTok: 5 },
  'claude-3-5-haiku-latest': { inputPerMTok: 0.8, outputPerMTok: 4 },
};

/**
 * The price table: defaults, then the mock catalog's prices (when the scenario defines models),
 * then the file's `prices:` (a model with a default may give only `input` or `output`). Every model
 * the workload uses must have a price, or cost figures would silently read 0. `modelsListed`: the
 * file wrote `model:` as a list (for the problem's position).
 */
export function resolvePrices(
  written: ScenarioParsed['prices'],
  mock: MockConfig | undefined,
  models: readonly string[],
  modelsListed: boolean,
  problems: ProblemList,
): Record<string, Price> {
  const prices: Record<string, Price> = { ...DEFAULT_PRICES };
  for (const model of mock?.models ?? []) {
    const price = { inputPerMTok: model.inputPerMTok, outputPerMTok: model.outputPerMTok };
    for (const id of [model.id, ...model.aliases]) prices[id] = price;
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
    prices[model] = { inputPerMTok, outputPerMTok };
  }
  models.forEach((model, index) => {
    if (prices[model] !== undefined) return;
    problems.add(
      ['workload', 'model', ...(modelsListed ? [index] : [])],
      `no price for model "${model}": add prices: { ${model}: { input: <USD per MTok>, output: <USD per MTok> } }`,
    );
  });
  return prices;
}
