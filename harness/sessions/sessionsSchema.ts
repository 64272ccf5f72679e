import { z } from 'zod';
import { distribution, duration, rate } from '../../base/units/units.ts';
import { wholeNumber } from '../scenario/fields.ts';

/** A duration, or a distribution of durations: `2s`, `{ type: uniform, min: 1s, max: 3s }`, `{ type: lognormal, median: 2s, sigma: 0.5 }`. Resolves to ms. */
export const durationDistribution = z.union([
  duration.transform((value) => ({ type: 'fixed' as const, value })),
  z.strictObject({
    type: z.literal('fixed').describe('Always the same duration.'),
    value: duration.describe('The duration, e.g. 2s.'),
  }),
  z
    .strictObject({
      type: z.literal('uniform').describe('Uniform between min and max.'),
      min: duration.describe('Shortest, e.g. 1s.'),
      max: duration.describe('Longest, e.g. 3s.'),
    })
    .refine((d) => d.max >= d.min, { message: 'uniform: max must be ≥ min' }),
  z.strictObject({
    type: z.literal('normal').describe('Normal, cut at 0.'),
    mean: duration.describe('Mean, e.g. 2s.'),
    stdDev: duration.describe('Standard deviation, e.g. 500ms.'),
  }),
  z.strictObject({
    type: z.literal('lognormal').describe('Lognormal: a long tail of slow calls.'),
    median: duration.describe('Median, e.g. 2s.'),
    sigma: z.number().nonnegative().describe('Spread of the log, e.g. 0.5.'),
  }),
]);

const toolsSchema = z
  .strictObject({
    count: wholeNumber(0).optional().describe('Generated tool definitions offered every turn. Default 10.'),
    tokens: wholeNumber(1)
      .optional()
      .describe('Tokens of one generated definition (name, description, input_schema). Default 150.'),
    file: z
      .string()
      .min(1)
      .optional()
      .describe(
        'JSON file of tool definitions [{ name, description?, input_schema }], relative to the scenario; not with count or tokens.',
      ),
  })
  .describe('The tools offered: { count, tokens } to generate, or { file }.');

export const sessionsSchema = z
  .strictObject({
    count: wholeNumber(1)
      .optional()
      .describe('Sessions to run. Exactly one of sessions.count and workload.duration.'),
    arrival: z
      .strictObject({
        type: z.enum(['closed', 'poisson']).optional().describe('Default closed.'),
        concurrency: wholeNumber(1)
          .optional()
          .describe('Closed: agents, each starting a new session when its last one ended. Default 1.'),
        rate: rate.optional().describe('Poisson: session starts, e.g. 2/min. Required for poisson.'),
      })
      .optional()
      .describe('closed: { concurrency } agents in a loop; poisson: { rate } session starts.'),
    turns: z
      .union([
        distribution,
        z.strictObject({
          until: z.literal('no-tool-use').describe('End the session at the first answer without tool_use.'),
          max: wholeNumber(1).describe('Calls at most.'),
        }),
      ])
      .optional()
      .describe(
        'API calls per session: a number or distribution drawn per session, or { until: no-tool-use, max }. Default { type: uniform, min: 5, max: 20 }.',
      ),
    tools: toolsSchema.optional(),
    toolTime: durationDistribution
      .optional()
      .describe('Time one tool call runs (virtual in simulated mode), e.g. 2s. Default 1s.'),
    thinkTime: durationDistribution
      .optional()
      .describe("The user's pause before a new message, after an answer without tool calls. Default 0s."),
    toolResultTokens: distribution
      .optional()
      .describe('Tokens of one tool result. Default { type: lognormal, median: 300, sigma: 0.5 }.'),
    userTokens: distribution
      .optional()
      .describe('Tokens of a user message. Default { type: lognormal, median: 80, sigma: 0.5 }.'),
    thinking: wholeNumber(1024)
      .optional()
      .describe('Extended thinking budget_tokens of every turn (below maxTokens). Default: no thinking.'),
  })
  .describe('Multi-turn agent sessions instead of single requests: each turn sends the whole history.');

export type SessionsParsed = z.output<typeof sessionsSchema>;
