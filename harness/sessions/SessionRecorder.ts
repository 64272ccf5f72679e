import { estimateTokens } from '../../mocks/protocol/tokens.ts';
import type { Summary } from '../results/ResultsFile.ts';
import type { BilledTokens } from '../runner/cost.ts';
import { SampleList } from '../runner/Recorder.ts';
import { EMPTY_SUMMARY, summarize } from '../stats/summarize.ts';
import type { RequestTrace } from '../strategies/Policy.ts';
import type { Outcome } from '../transport/Transport.ts';
import type { SessionEnd } from './runSession.ts';

/** Per-session figures of a session run (docs/metrics.md, "Sessions"). Token counts are sums over every session. */
export interface SessionMetrics {
  /** Sessions ended; `completed` ran all their turns, `failed` ended at a failed turn. */
  sessions: { total: number; completed: number; failed: number };
  /** Turns (API calls of the sessions, retries not counted) in all, and per session. */
  turns: { total: number; perSession: Summary };
  /** Session start → end of its last turn (ms), tool time and think time included. */
  durationMs: Summary;
  /**
   * Tokens the sessions' answers reported (`usage`): `input` uncached input, `cacheRead`,
   * `cacheWrite`, `output` (thinking included), and `thinking`, the estimate (shared estimator)
   * of the thinking blocks received, a part of `output`.
   */
  tokens: { input: number; cacheRead: number; cacheWrite: number; output: number; thinking: number };
  /** USD of those tokens in all, and per session (mean). */
  costUsd: { total: number; perSession: number };
  /** Upstream calls answered 429 during the sessions (retried ones included), and per session (mean). */
  rateLimited: { total: number; perSession: number };
  /**
   * Sessions that completed within `slo.session` (the scenario's session SLO): their share of all
   * sessions, and per minute of the run. Present when the scenario sets `slo.session`.
   */
  goodput?: { sloMs: number; ratio: number; sessionsPerMin: number };
}

/** The running figures of one session, until it ends. */
export class SessionState {
  readonly index: number;
  turns = 0;
  readonly tokens: BilledTokens = {
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
  };
  thinkingTokens = 0;
  rateLimited = 0;

  constructor(index: number) {
    this.index = index;
  }

  /** One turn answered (or failed), with the trace of its way through the strategy. */
  turn(_turnIndex: number, _sentAtMs: number, _endMs: number, outcome: Outcome, trace: RequestTrace): void {
    this.turns++;
    this.rateLimited += trace.rateLimited;
    const usage = outcome.usage;
    if (usage === undefined) return;
    const t = this.tokens;
    t.inputTokens += usage.inputTokens;
    t.outputTokens += usage.outputTokens;
    t.cacheReadTokens += usage.cacheReadTokens ?? 0;
    t.cacheWriteTokens += usage.cacheWriteTokens ?? 0;
    t.cacheWrite1hTokens += usage.cacheWrite1hTokens ?? 0;
    if (outcome.kind === 'ok' && outcome.content !== undefined) {
      for (const block of outcome.content) {
        if (block.type === 'thinking') this.thinkingTokens += estimateTokens(block.thinking);
        else if (block.type === 'redacted_thinking') this.thinkingTokens += estimateTokens(block.data);
      }
    }
  }
}

/**
 * Accumulates ended sessions into {@link SessionMetrics}. Only a duration and a turn count are
 * stored per session (8 bytes each, as floats); everything else is a running sum, so memory stays
 * flat in the number of sessions.
 */
export class SessionRecorder {
  readonly #durationMs = new SampleList();
  readonly #turns = new SampleList();
  readonly #cost: (tokens: BilledTokens) => number;
  readonly #sloMs: number | undefined;
  #completed = 0;
  #good = 0;
  #firstStartMs = Number.POSITIVE_INFINITY;
  #lastEndMs = Number.NEGATIVE_INFINITY;
  readonly #tokens = { input: 0, cacheRead: 0, cacheWrite: 0, output: 0, thinking: 0 };
  #costUsd = 0;
  #rateLimited = 0;

  /**
   * @param cost USD of a session's tokens (harness/runner/cost.ts at the model's price).
   * @param sloMs the session SLO (ms) for goodput; unset: no goodput figure.
   */
  constructor(cost: (tokens: BilledTokens) => number, sloMs?: number) {
    this.#cost = cost;
    this.#sloMs = sloMs;
  }

  /** Sessions ended so far. */
  get total(): number {
    return this.#durationMs.length;
  }

  start(index: number): SessionState {
    return new SessionState(index);
  }

  end(state: SessionState, end: SessionEnd): void {
    const durationMs = end.endMs - end.startMs;
    this.#durationMs.push(durationMs);
    this.#turns.push(state.turns);
    if (end.startMs < this.#firstStartMs) this.#firstStartMs = end.startMs;
    if (end.endMs > this.#lastEndMs) this.#lastEndMs = end.endMs;
    if (end.completed) {
      this.#completed++;
      if (this.#sloMs !== undefined && durationMs <= this.#sloMs) this.#good++;
    }
    const t = state.tokens;
    this.#tokens.input += t.inputTokens;
    this.#tokens.cacheRead += t.cacheReadTokens;
    this.#tokens.cacheWrite += t.cacheWriteTokens;
    this.#tokens.output += t.outputTokens;
    this.#tokens.thinking += state.thinkingTokens;
    this.#costUsd += this.#cost(t);
    this.#rateLimited += state.rateLimited;
  }

  finish(): SessionMetrics {
    const total = this.total;
    const per = (value: number): number => (total > 0 ? value / total : 0);
    let turns = 0;
    for (const n of this.#turns.view()) turns += n;
    const metrics: SessionMetrics = {
      sessions: { total, completed: this.#completed, failed: total - this.#completed },
      turns: { total: turns, perSession: total > 0 ? summarize(this.#turns.view()) : { ...EMPTY_SUMMARY } },
      durationMs: total > 0 ? summarize(this.#durationMs.view()) : { ...EMPTY_SUMMARY },
      tokens: { ...this.#tokens },
      costUsd: { total: this.#costUsd, perSession: per(this.#costUsd) },
      rateLimited: { total: this.#rateLimited, perSession: per(this.#rateLimited) },
    };
    if (this.#sloMs !== undefined) {
      const windowMs = total > 0 ? this.#lastEndMs - this.#firstStartMs : 0;
      metrics.goodput = {
        sloMs: this.#sloMs,
        ratio: per(this.#good),
        sessionsPerMin: windowMs > 0 ? (this.#good * 60_000) / windowMs : 0,
      };
    }
    return metrics;
  }
}
