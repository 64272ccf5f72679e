import { z } from 'zod';
import { distribution, positiveInt, probability } from '../../base/units/units.ts';

/**
 * How the mock answers requests that offer tools (MockConfig `tools`) or enable extended thinking
 * (MockConfig `thinking`). Every draw comes from the server's seeded generator (with
 * `output.deterministic`, from the prompt's own stream), so the same seed gives the same turns.
 */

export const toolsSchema = z.strictObject({
  useProbability: probability
    .default(0.5)
    .describe(
      'Chance that a turn offered tools with tool_choice auto answers with tool_use blocks and stop_reason tool_use; tool_choice any or tool always calls, none never does (a probability: 1%, 0.01). Default 0.5.',
    ),
  parallelProbability: probability
    .default(0.2)
    .describe(
      'Chance that a tool-calling turn makes parallel calls, 2 to maxParallel tool_use blocks, unless tool_choice sets disable_parallel_tool_use (a probability: 1%, 0.01). Default 0.2.',
    ),
  maxParallel: positiveInt
    .default(3)
    .describe('Most tool_use blocks in one answer; 1 makes every call single. Default 3.'),
  preambleTokens: distribution
    .default({ type: 'fixed', value: 12 })
    .describe(
      'Length (tokens) of the short text block before the tool_use blocks under tool_choice auto (forced calls have none, as in the API): a number or a distribution. Default 12.',
    ),
});

export const thinkingSchema = z.strictObject({
  tokens: distribution
    .default({ type: 'lognormal', median: 400, sigma: 0.6 })
    .describe(
      'Thinking length (tokens) the model wants, capped at budget_tokens and max_tokens - 1: a number or a distribution. Thinking tokens are output tokens: billed, charged to the output-token limit, generated at the output rate. Default { type: lognormal, median: 400, sigma: 0.6 }.',
    ),
  redactedProbability: probability
    .default(0.01)
    .describe(
      'Chance that the thinking comes back as a redacted_thinking block instead (a probability: 1%, 0.01). Default 0.01.',
    ),
  signingSecret: z
    .string()
    .min(1)
    .default('claude-bench-mock-thinking')
    .describe(
      'HMAC-SHA256 key of thinking signatures (and redacted_thinking data): a thinking block sent back must match it. Default claude-bench-mock-thinking.',
    ),
});
