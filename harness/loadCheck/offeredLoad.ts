// Offered load vs the mock's rate limits: a warning before a run that is bound to meet 429s.
import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import { formatApprox } from '../../reports/format.ts';
import { expandMatrix } from '../scenario/expandMatrix.ts';
import type { Distribution, ResolvedScenario, Workload } from '../scenario/types.ts';

/** The mean of a token-count distribution (lognormal: median × e^(σ²/2)), floored at 0. */
export function meanOf(d: Distribution): number {
  switch (d.type) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return (d.min + d.max) / 2;
    case 'normal':
      return Math.max(0, d.mean);
    case 'lognormal':
      return d.median * Math.exp((d.sigma * d.sigma) / 2);
  }
}

/** What one cell's workload asks of the API per minute, as a strategy without batching or cache sends it. */
export interface OfferedLoad {
  /** Requests a minute: exact for an open loop, an estimate for a closed one. */
  requestsPerMin: number;
  /** True for a closed loop, whose rate depends on latency and is estimated. */
  estimated: boolean;
  /** Undefined for prompts from a file (their length is not known before the run). */
  inputTokensPerMin?: number;
  outputTokensPerMin: number;
}

/**
 * The load a cell offers, per minute. Open loop: the arrival rate. Closed loop: each client sends
 * once per (think time + expected latency), the latency from the mock's latency model at its
 * medians (TTFT + input cost up to and beyond the knee + output tokens at its generation speed;
 * no jitter, cold start, contention or model latencyFactor; no input cost for prompts from a
 * file), so it is an estimate. Output tokens: the
 * mock's mean answer length, capped at max_tokens.
 */
export function offeredLoad(workload: Workload, mock: MockConfig): OfferedLoad {
  const inputTokens =
    workload.prompts.type === 'generated'
      ? meanOf(workload.prompts.inputTokens) + (workload.systemTokens ?? 0)
      : undefined;
  const outputTokens = Math.min(meanOf(mock.output.tokens), workload.maxTokens);
  const a = workload.arrival;
  let requestsPerMin: number;
  if (a.type === 'open') {
    requestsPerMin = a.ratePerSec * 60;
  } else {
    const l = mock.latency;
    const input = inputTokens ?? 0;
    const latencyMs =
      l.ttftMs +
      Math.min(input, l.inputKneeTokens) * l.perInputTokenMs +
      Math.max(0, input - l.inputKneeTokens) * l.perInputTokenAboveKneeMs +
      (outputTokens * 1000) / l.outputTokensPerSec;
    requestsPerMin = (a.concurrency * 60_000) / (a.thinkTimeMs + latencyMs);
  }
  return {
    requestsPerMin,
    estimated: a.type !== 'open',
    ...(inputTokens !== undefined ? { inputTokensPerMin: requestsPerMin * inputTokens } : {}),
    outputTokensPerMin: requestsPerMin * outputTokens,
  };
}

/**
 * Token figures are means: prompts from a distribution, answers of the mock's mean length.
 * One line per matrix cell whose offered load exceeds a rate limit of the mock (requests, input or
 * output tokens a minute), between a heading line and a note; empty when every cell fits, and
 * always for a `target:` run (its limits are not known).
 */
export function limitWarnings(
  scenario: Pick<ResolvedScenario, 'mock' | 'mockPreset' | 'target' | 'workload'>,
): string[] {
  if (scenario.target !== undefined) return [];
  const limits = scenario.mock.rateLimits;
  const lines: string[] = [];
  let estimated = false;
  for (const cell of expandMatrix(scenario)) {
    const load = offeredLoad(cell.workload, scenario.mock);
    const over = [
      over1(load.requestsPerMin, limits.requests, 'requests', load.estimated),
      over1(load.inputTokensPerMin, limits.inputTokens, 'input tokens', load.estimated),
      over1(load.outputTokensPerMin, limits.outputTokens, 'output tokens', load.estimated),
    ].filter((x) => x !== '');
    if (over.length === 0) continue;
    estimated ||= load.estimated;
    lines.push(`  ${cell.id}: ${over.join('; ')}`);
  }
  if (lines.length === 0) return [];
  return [
    `warning: the offered load exceeds the mock's rate limits (preset ${scenario.mockPreset}), so 429s are expected:`,
    ...lines,
    estimated
      ? "  (~ a closed loop's estimate from the mock's median latency; batching and caching send less)"
      : '  (batching and caching send less)',
  ];
}

/** `120 requests/min (limit 50)` when the load is over the limit (per second); '' otherwise. */
function over1(
  perMin: number | undefined,
  limitPerSec: number | undefined,
  what: string,
  estimated: boolean,
): string {
  if (perMin === undefined || limitPerSec === undefined || perMin <= limitPerSec * 60) return '';
  return `${estimated ? '~' : ''}${formatApprox(perMin)} ${what}/min (limit ${formatApprox(limitPerSec * 60)})`;
}
