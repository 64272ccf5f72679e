import type { ResultsFile } from '../../harness/results/ResultsFile.ts';
import type {
  Distribution,
  PromptSource,
  ResolvedScenario,
  WorkloadSweep,
} from '../../harness/scenario/types.ts';
import type { MockConfig } from '../../mocks/config/MockConfig.ts';
import { formatDuration, formatMs, formatPercent, formatQuantity } from '../format.ts';
import { baselineStrategy, groupByCell, strategyOrder } from '../model/cells.ts';
import { resolvedScenario } from '../model/resolvedScenario.ts';
import { sloText } from '../model/sloText.ts';

function list(values: readonly unknown[] | undefined): string {
  return (values ?? []).map((v) => (typeof v === 'number' ? formatQuantity(v) : String(v))).join(' / ');
}

function durations(values: readonly number[]): string {
  return values.map((ms) => formatDuration(ms)).join(' / ');
}

function describeDistribution(d: Distribution | undefined): string {
  switch (d?.type) {
    case 'fixed':
      return formatQuantity(d.value);
    case 'uniform':
      return `uniform ${formatQuantity(d.min)}–${formatQuantity(d.max)}`;
    case 'normal':
      return `normal (mean ${formatQuantity(d.mean)}, sd ${formatQuantity(d.stdDev)})`;
    case 'lognormal':
      return `lognormal (median ${formatQuantity(d.median)}, σ ${formatQuantity(d.sigma)})`;
    default:
      return 'unknown';
  }
}

function describePrompts(p: PromptSource | undefined): string {
  if (p === undefined) return '';
  const popularity =
    p.popularity.type === 'zipf'
      ? `zipf popularity, exponent ${p.popularity.exponent}`
      : `${p.popularity.type} order`;
  if (p.type === 'file') return `prompts from ${p.path} (${popularity})`;
  return `${p.unique} distinct generated prompts (${popularity}), input ${describeDistribution(p.inputTokens)} tokens`;
}

function describeWorkload(w: WorkloadSweep | undefined): string {
  if (w === undefined) return '';
  const parts: string[] = [];
  const amount =
    w.requests !== undefined ? `${w.requests} requests per run` : `${formatDuration(w.durationMs)} per run`;
  const warmups = [
    w.warmupRequests > 0 ? `${w.warmupRequests} warm-up requests` : '',
    w.warmupMs > 0 ? `${formatDuration(w.warmupMs)} warm-up` : '',
  ].filter((x) => x !== '');
  parts.push(warmups.length > 0 ? `${amount} after ${warmups.join(' and ')}` : amount);
  const a = w.arrival;
  if (a.type === 'closed') {
    const think = a.thinkTimeMs.some((t) => t > 0)
      ? `think time ${durations(a.thinkTimeMs)}`
      : 'no think time';
    parts.push(`closed loop with ${list(a.concurrency)} clients (${think})`);
  } else {
    const cap = a.maxConcurrency === undefined ? '' : `, at most ${a.maxConcurrency} in flight`;
    parts.push(
      `open loop, ${a.process} arrivals at ${a.ratePerSec.map((r) => formatQuantity(r * 60)).join(' / ')} requests/min${cap}`,
    );
  }
  parts.push(describePrompts(w.prompts));
  parts.push(`max_tokens ${list(w.maxTokens)}`);
  const stream =
    w.stream.length > 1 ? 'streamed and not streamed' : w.stream[0] ? 'streamed' : 'not streamed';
  parts.push(stream, `model ${list(w.model)}`);
  return parts.filter((p) => p !== '').join(', ');
}

function describeMock(mock: MockConfig | undefined, preset: string | undefined): string {
  const parts = [`preset \`${preset ?? 'unknown'}\``];
  if (mock === undefined) return parts[0] as string;
  const l = mock.latency;
  parts.push(
    `TTFT ${formatMs(l.ttftMs)} ms + ${formatQuantity(l.perInputTokenMs)} ms per input token, ${formatQuantity(l.outputTokensPerSec)} output tokens/s`,
  );
  const r = mock.rateLimits;
  const limits = [
    r.requests === undefined ? '' : `${formatQuantity(r.requests * 60)} requests/min`,
    r.inputTokens === undefined ? '' : `${formatQuantity(r.inputTokens * 60)} input tokens/min`,
    r.outputTokens === undefined ? '' : `${formatQuantity(r.outputTokens * 60)} output tokens/min`,
    r.duplicateWindowMs === undefined
      ? ''
      : `429 on duplicates within ${formatDuration(r.duplicateWindowMs)}`,
  ].filter((x) => x !== '');
  parts.push(limits.length > 0 ? `limits ${limits.join(', ')}` : 'no rate limits');
  if (mock.capacity.maxConcurrent !== undefined) {
    parts.push(`capacity ${mock.capacity.maxConcurrent} concurrent (${mock.capacity.overflow} beyond)`);
  }
  const f = mock.faults;
  const faults = (
    [
      [f.error429, '429'],
      [f.error529, '529'],
      [f.error500, '500'],
      [f.error504, '504'],
      [f.streamErrorEvent, 'mid-stream errors'],
      [f.streamDrop, 'dropped streams'],
      [f.streamCleanClose, 'truncated streams'],
      [f.streamStall, 'stalled streams'],
    ] as const
  )
    .filter(([p]) => p > 0)
    .map(([p, what]) => `${formatPercent(p)} ${what}`);
  for (const o of f.outages)
    faults.push(`all ${o.status} from ${formatDuration(o.fromMs)} to ${formatDuration(o.toMs)}`);
  parts.push(faults.length > 0 ? `faults ${faults.join(', ')}` : 'no faults');
  return parts.join('; ');
}

function describeMode(results: ResultsFile, scenario: Partial<ResolvedScenario>): string {
  if (results.mode === 'simulated')
    return `simulated mode (virtual clock: the same seed gives the same numbers), seed ${results.seed}`;
  const target = scenario.target === undefined ? 'the local mock' : scenario.target.baseUrl;
  return `realtime mode (wall clock) against ${target}, seed ${results.seed}`;
}

/** The scenario in one paragraph: mode, seed, mock conditions, workload, strategies and matrix. */
export function scenarioSummary(results: ResultsFile): string {
  const s = resolvedScenario(results);
  const baseline = baselineStrategy(results);
  const strategies = strategyOrder(results).map((name) => (name === baseline ? `${name} (baseline)` : name));
  const cells = groupByCell(results.runs).length;
  const sentences = [
    `**Scenario.** \`${results.scenario.name}\`${s.description === undefined ? '' : `: ${s.description.replace(/\.$/, '')}`}.`,
    `Run in ${describeMode(results, s)}.`,
  ];
  if (s.target === undefined && s.mock !== undefined)
    sentences.push(`Mock: ${describeMock(s.mock, s.mockPreset)}.`);
  const workload = describeWorkload(s.workload);
  if (workload !== '') sentences.push(`Workload: ${workload}.`);
  const slo = sloText(results);
  if (slo !== undefined) sentences.push(`SLO (goodput counts successful requests within it): ${slo}.`);
  sentences.push(
    `Strategies: ${strategies.join(', ')}; ${cells} matrix cell${cells === 1 ? '' : 's'}, ${results.runs.length} runs.`,
  );
  return sentences.join(' ');
}
