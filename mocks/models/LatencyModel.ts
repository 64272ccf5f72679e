import type { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import { modelClassOf } from './modelClass.ts';

type LatencyProfile = NonNullable<MockConfig['latency']['byModelClass']['opus']>;

/** When a started request's events fall, relative to its start (ms). */
export interface LatencyPlan {
  /** Streams: the 200 headers (and message_start) are sent after this long. */
  headersMs: number;
  /** First content token, never before the headers. */
  ttftMs: number;
  /** From the first token to the last (output tokens at the effective generation speed). */
  generationMs: number;
  /** Part of `ttftMs` that is cold start (before jitter and latencyFactor); 0 when warm. */
  coldStartMs: number;
}

/** What the latency of one request depends on. */
export interface LatencyInput {
  nowMs: number;
  inputTokens: number;
  /** Part of `inputTokens` read from the prompt cache: each costs `cachedInputTokenFactor` of a token. */
  cachedInputTokens: number;
  outputTokens: number;
  /** Requests being generated, this one included. */
  inFlight: number;
  /** The model's multiplier (Haiku 0.6, Opus 1.4); not applied when its class has a profile. */
  latencyFactor: number;
  /** The catalog model id, for its class's profile (`latency.byModelClass`); optional. */
  modelId?: string;
}

/** Times are kept to the microsecond, so "instant" settings (the perfect preset) need no timer at all. */
function quantize(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/**
 * The latency model (MockConfig `latency`):
 *
 *   TTFT = (ttftMs + input cost + cold start + contention) × jitter × latencyFactor
 *
 * (with a class profile in `byModelClass`, its `ttftMs` and `outputTokensPerSec` and a factor of 1)
 *   generation = outputTokens / (outputTokensPerSec × generation jitter / (1 + slowdownPerRequest × extra)) × latencyFactor
 *
 * where input cost is `perInputTokenMs` per input token up to `inputKneeTokens` and
 * `perInputTokenAboveKneeMs` beyond it, a token read from the prompt cache counting as
 * `cachedInputTokenFactor` of one; cold start is uniform in `coldStart.minMs..maxMs` for the
 * first `coldStart.requests` requests and for a request arriving after `coldStart.idleMs` with
 * nothing in flight; `extra` is the number of in-flight requests (this one included) beyond
 * `contention.freeInFlight`, counted when the request starts (it keeps that speed to the end),
 * and contention is {@link contentionDelayMs} (linear, or saturating at `contention.maxMs`);
 * jitters are lognormal with median 1 (`jitterSigma`, `generationJitterSigma`; 0 draws nothing).
 * Holds only the cold-start state; every method takes the clock time.
 */
export class LatencyModel {
  readonly #config: MockConfig['latency'];
  readonly #random: Random;
  #started = 0;
  #lastActivityMs: number;
  /** Each model id's class profile (null: none), looked up once. */
  readonly #profiles = new Map<string, LatencyProfile | null>();

  constructor(config: MockConfig['latency'], random: Random, startMs: number) {
    this.#config = config;
    this.#random = random;
    this.#lastActivityMs = startMs;
  }

  /** Plans a request that starts generating now; counts it for the cold start. */
  plan(input: LatencyInput): LatencyPlan {
    const c = this.#config;
    const knee = c.inputKneeTokens;
    const cached = input.cachedInputTokens;
    const costTokens =
      cached === 0 ? input.inputTokens : input.inputTokens - cached * (1 - c.cachedInputTokenFactor);
    const inputCostMs =
      Math.min(costTokens, knee) * c.perInputTokenMs +
      Math.max(0, costTokens - knee) * c.perInputTokenAboveKneeMs;
    const coldStartMs = this.#coldStartMs(input);
    const extra = Math.max(0, input.inFlight - c.contention.freeInFlight);
    const contentionMs = contentionDelayMs(extra, c.contention);
    const profile = input.modelId === undefined ? undefined : this.#profile(input.modelId);
    const baseTtftMs = profile?.ttftMs ?? c.ttftMs;
    const baseTokensPerSec = profile?.outputTokensPerSec ?? c.outputTokensPerSec;
    const factor = profile === undefined ? input.latencyFactor : 1;
    const jitter = c.jitterSigma > 0 ? this.#random.lognormal(1, c.jitterSigma) : 1;
    const ttftMs = (baseTtftMs + inputCostMs + coldStartMs + contentionMs) * jitter * factor;
    let generationMs = 0;
    if (input.outputTokens > 0) {
      const genJitter = c.generationJitterSigma > 0 ? this.#random.lognormal(1, c.generationJitterSigma) : 1;
      const tokensPerSec = (baseTokensPerSec * genJitter) / (1 + c.contention.slowdownPerRequest * extra);
      generationMs = ((input.outputTokens * 1000) / tokensPerSec) * factor;
    }
    this.#started++;
    this.#lastActivityMs = input.nowMs;
    const headersMs = quantize(c.headersMs);
    return {
      headersMs,
      ttftMs: Math.max(headersMs, quantize(ttftMs)),
      generationMs: quantize(generationMs),
      coldStartMs,
    };
  }

  #profile(modelId: string): LatencyProfile | undefined {
    let profile = this.#profiles.get(modelId);
    if (profile === undefined) {
      const modelClass = modelClassOf(modelId);
      profile = (modelClass === undefined ? undefined : this.#config.byModelClass[modelClass]) ?? null;
      this.#profiles.set(modelId, profile);
    }
    return profile ?? undefined;
  }

  /** A request stopped generating (finished, failed or cancelled): traffic was seen now. */
  ended(nowMs: number): void {
    if (nowMs > this.#lastActivityMs) this.#lastActivityMs = nowMs;
  }

  #coldStartMs(input: LatencyInput): number {
    const cold = this.#config.coldStart;
    const first = this.#started < cold.requests;
    const idle =
      cold.idleMs !== undefined && input.inFlight <= 1 && input.nowMs - this.#lastActivityMs >= cold.idleMs;
    if (!first && !idle) return 0;
    return cold.maxMs > cold.minMs ? this.#random.uniform(cold.minMs, cold.maxMs) : cold.minMs;
  }
}

/**
 * The TTFT contention delay (ms) for `extra` in-flight requests beyond `freeInFlight`: linear,
 * `extra × perRequestMs`, or, with `maxMs` set, saturating, `maxMs × (1 − e^(−extra × perRequestMs /
 * maxMs))`: the same slope for the first extra requests, levelling off at `maxMs`.
 */
export function contentionDelayMs(
  extra: number,
  contention: Pick<MockConfig['latency']['contention'], 'perRequestMs' | 'maxMs'>,
): number {
  const linearMs = extra * contention.perRequestMs;
  const maxMs = contention.maxMs;
  return maxMs === undefined ? linearMs : maxMs * -Math.expm1(-linearMs / maxMs);
}
