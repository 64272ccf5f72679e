import type { Distribution } from '../scenario/types.ts';

/**
 * `workload.sessions` resolved (durations in ms, rates per second). A session is one agent's
 * conversation: a user message, then turns (API calls) that each send the whole history; a
 * `tool_use` answer is followed by the tools' results, an answer without one by the user's next
 * message after a think time.
 */
export interface SessionWorkload {
  /** Sessions to run; unset when the workload is bounded by `workload.duration` instead. */
  count?: number;
  arrival: /** N agents, each starting its next session when its previous one ended. */
    | { type: 'closed'; concurrency: number }
    /** Session starts on a Poisson schedule (sessions per second), regardless of completions. */
    | { type: 'poisson'; ratePerSec: number };
  turns: /** API calls per session, drawn once per session (rounded, at least 1). */
    | { type: 'count'; distribution: Distribution }
    /** Until the model answers without calling a tool, at most `max` calls. */
    | { type: 'untilNoToolUse'; max: number };
  tools: /** `count` generated definitions of about `tokens` tokens each (name, description, input_schema). */
    | { type: 'generated'; count: number; tokens: number }
    /** Definitions read from a JSON file (an array of `{ name, description?, input_schema }`); absolute path. */
    | { type: 'file'; path: string };
  /** Time one tool call takes to run (ms); parallel calls of one answer run at once. */
  toolTimeMs: Distribution;
  /** The user's pause before a new message, after an answer without tool calls (ms). */
  thinkTimeMs: Distribution;
  /** Tokens of one tool result. */
  toolResultTokens: Distribution;
  /** Tokens of a user message. */
  userTokens: Distribution;
  /** `thinking.budget_tokens` of every turn; unset: no extended thinking. */
  thinkingBudgetTokens?: number;
}

/** Defaults of what `workload.sessions` leaves out. */
export const SESSION_DEFAULTS = {
  concurrency: 1,
  turns: { type: 'uniform', min: 5, max: 20 },
  toolCount: 10,
  toolTokens: 150,
  toolTimeMs: { type: 'fixed', value: 1000 },
  thinkTimeMs: { type: 'fixed', value: 0 },
  toolResultTokens: { type: 'lognormal', median: 300, sigma: 0.5 },
  userTokens: { type: 'lognormal', median: 80, sigma: 0.5 },
} as const;
