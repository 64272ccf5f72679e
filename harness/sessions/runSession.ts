import type { Clock } from '../../base/clock/Clock.ts';
import type { Random } from '../../base/random/Random.ts';
import { sampleTokens } from '../../mocks/models/sampleTokens.ts';
import type { Workload } from '../scenario/types.ts';
import type {
  AnswerBlock,
  ApiMessage,
  ApiRequest,
  Outcome,
  TextBlock,
  ToolDefinition,
  ToolResultBlock,
} from '../transport/Transport.ts';
import type { SessionWorkload } from './SessionWorkload.ts';
import { textOfTokens } from './sessionText.ts';

/** One turn of a session as it happened: sent at `sentAtMs`, answered at `endMs`. */
export interface TurnRecord {
  /** 0-based turn index within its session. */
  index: number;
  sentAtMs: number;
  endMs: number;
  outcome: Outcome;
}

/** Sends one turn through the strategy; resolves with its outcome (never rejects). */
export type SendTurn = (request: ApiRequest, turnIndex: number) => Promise<Outcome>;

/** How one session ended. */
export interface SessionEnd {
  startMs: number;
  endMs: number;
  /** Turns sent (the failed last one included). */
  turns: number;
  /** False when a turn failed (after the strategy's own retries): the agent gave up. */
  completed: boolean;
}

export interface SessionSetup {
  workload: Workload;
  sessions: SessionWorkload;
  tools: readonly ToolDefinition[];
  system?: string | readonly TextBlock[];
  clock: Clock;
  /** The session's own random stream (forked per session index, so sessions do not shift each other). */
  random: Random;
  signal: AbortSignal;
  send: SendTurn;
}

/**
 * Runs one agent session: a user message, then turns that each send the whole history (system,
 * tools, every earlier user, assistant and tool_result block). An answer with `tool_use` blocks is
 * followed, after the tools ran (parallel calls at once: the longest of their drawn times, a
 * virtual sleep in simulated mode), by a user turn of `tool_result` blocks; an answer without one
 * ends an `until: no-tool-use` session, or else is followed, after the user's think time, by a new
 * user message. A failed turn ends the session as not completed. Every draw comes from the
 * session's own random stream, in turn order.
 */
export async function runSession(setup: SessionSetup): Promise<SessionEnd> {
  const { workload, sessions, clock, random, signal } = setup;
  const startMs = clock.now();
  const maxTurns =
    sessions.turns.type === 'count' ? sampleTokens(sessions.turns.distribution, random) : sessions.turns.max;
  const history: ApiMessage[] = [{ role: 'user', content: userMessage(sessions, random) }];
  let turns = 0;
  let completed = true;
  while (turns < maxTurns && !signal.aborted) {
    const request: ApiRequest = {
      model: workload.model,
      maxTokens: workload.maxTokens,
      messages: history.slice(),
      stream: workload.stream,
    };
    if (setup.system !== undefined) request.system = setup.system;
    if (setup.tools.length > 0) request.tools = setup.tools;
    if (sessions.thinkingBudgetTokens !== undefined)
      request.thinking = { type: 'enabled', budget_tokens: sessions.thinkingBudgetTokens };
    if (workload.temperature !== undefined && sessions.thinkingBudgetTokens === undefined)
      request.temperature = workload.temperature;
    const outcome = await setup.send(request, turns);
    turns++;
    if (outcome.kind !== 'ok') {
      completed = false;
      break;
    }
    const content = answerContent(outcome.content, outcome.text);
    history.push({ role: 'assistant', content });
    const uses = content.filter((block) => block.type === 'tool_use');
    if (uses.length > 0) {
      let toolMs = 0;
      const results: ToolResultBlock[] = [];
      for (const use of uses) {
        toolMs = Math.max(toolMs, Math.max(0, sampleMs(sessions.toolTimeMs, random)));
        results.push({
          type: 'tool_result',
          tool_use_id: use.id,
          content: textOfTokens(sampleTokens(sessions.toolResultTokens, random), random),
        });
      }
      if (turns >= maxTurns) break;
      if (toolMs > 0 && !(await sleep(clock, toolMs, signal))) break;
      history.push({ role: 'user', content: results });
      continue;
    }
    if (sessions.turns.type === 'untilNoToolUse' || turns >= maxTurns) break;
    const thinkMs = sampleMs(sessions.thinkTimeMs, random);
    if (thinkMs > 0 && !(await sleep(clock, thinkMs, signal))) break;
    history.push({ role: 'user', content: userMessage(sessions, random) });
  }
  return { startMs, endMs: clock.now(), turns, completed: completed && !signal.aborted };
}

function userMessage(sessions: SessionWorkload, random: Random): string {
  return textOfTokens(sampleTokens(sessions.userTokens, random), random, 'Task: ');
}

/** The answer's blocks as the next turn sends them back; an empty answer becomes one text block (the API rejects empty content). */
function answerContent(content: readonly AnswerBlock[] | undefined, text: string): readonly AnswerBlock[] {
  if (content !== undefined && content.length > 0) return content;
  return [{ type: 'text', text: text === '' ? '…' : text }];
}

/** A duration draw (ms, not rounded to tokens: 0 stays 0). */
function sampleMs(distribution: SessionWorkload['toolTimeMs'], random: Random): number {
  if (distribution.type === 'fixed') return distribution.value;
  return Math.max(0, sampleTokens(distribution, random));
}

async function sleep(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await clock.sleep(ms, signal);
    return true;
  } catch {
    return false;
  }
}
