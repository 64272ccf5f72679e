import { listenAbort, unlistenAbort } from '../../base/clock/abortListeners.ts';
import { abortReason, type Clock } from '../../base/clock/Clock.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import type { Capacity } from '../models/Capacity.ts';
import { chunkText } from '../models/chunkText.ts';
import type { FaultModel } from '../models/FaultModel.ts';
import type { LatencyModel, LatencyPlan } from '../models/LatencyModel.ts';
import type { GeneratedOutput, OutputModel } from '../models/OutputModel.ts';
import type { RatePool } from '../models/RatePool.ts';
import type { SpendMeter } from '../models/SpendMeter.ts';
import type { TurnModel } from '../models/TurnModel.ts';
import type { CacheUsage } from '../protocol/cachePrefix.ts';
import { injectedProblem } from '../protocol/errors.ts';
import type { IdGenerator } from '../protocol/ids.ts';
import type { PromptRequest } from '../protocol/parseMessagesRequest.ts';
import type { RateLimitHeaders } from '../protocol/RateLimitHeaders.ts';
import { chatCompletionBody, messageBody, type ServiceTier } from '../protocol/shapes.ts';
import { blockChunks } from './blockChunks.ts';
import { ANTHROPIC_SSE_TYPE, type ApiFormat, OPENAI_SSE_TYPE, type Responder } from './Responder.ts';
import type { StatsCounter } from './StatsCounter.ts';
import { anthropicEvents, openAiEvents, planStream, tokensSentBy } from './streamPlan.ts';
import type { MockResponse, MockStreamResponse } from './types.ts';

/** A request that passed validation, outages, injected faults and the rate limits. */
export interface AdmittedRequest {
  prompt: PromptRequest;
  format: ApiFormat;
  /** OpenAI streams: send the usage chunk. */
  includeUsage: boolean;
  signal: AbortSignal | undefined;
  /** What the prompt cache did for it (`NO_CACHE` without `cache_control`). */
  cache: CacheUsage;
  /** The rate-limit pool it was charged to (its model class's, the organisation's, or the Priority Tier's). */
  limits: ClassLimits;
  /** `usage.service_tier`: `priority` when the Priority Tier's capacity served it, else `standard`. */
  serviceTier: ServiceTier;
}

/** A rate-limit pool and the headers that report it. */
export interface ClassLimits {
  pool: RatePool;
  headers: RateLimitHeaders;
}

/** The parts of the server a generation touches. */
export interface GenerationParts {
  config: MockConfig;
  clock: Clock;
  ids: IdGenerator;
  capacity: Capacity;
  latency: LatencyModel;
  output: OutputModel;
  /** Answers to requests with tools or thinking. */
  turns: TurnModel;
  faults: FaultModel;
  stats: StatsCounter;
  /** The organisation's monthly spend, charged for every billed answer. */
  spend: SpendMeter;
  responder: Responder;
}

/**
 * The life of an admitted request: a generation slot (start, queue or 529), the answer and its
 * latency plan at the moment it starts, then either a JSON answer delivered when generation ends
 * or a stream whose headers are delivered after `headersMs`. The slot is released at the end time
 * (one clock timer), or earlier when the client aborts or cancels the stream; then unused
 * `max_tokens` go back to the output-token bucket and delivered tokens are billed in the stats.
 */
export class Generation {
  readonly #p: GenerationParts;

  constructor(parts: GenerationParts) {
    this.#p = parts;
  }

  run(request: AdmittedRequest): Promise<MockResponse> {
    const p = this.#p;
    const decision = p.capacity.arrive();
    if (decision === 'start') return this.#start(request);
    const maxTokens = request.prompt.maxTokens;
    const limits = request.limits;
    if (decision === 'reject') {
      limits.pool.refundOutput(maxTokens, p.clock.now());
      return p.responder.fail(request.format, injectedProblem(529), request.signal, limits.headers);
    }
    const signal = request.signal;
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        leave();
        limits.pool.refundOutput(maxTokens, p.clock.now());
        reject(abortReason(signal as AbortSignal));
      };
      const leave = p.capacity.enqueue(() => {
        if (signal !== undefined) unlistenAbort(signal, onAbort);
        this.#start(request).then(resolve, reject);
      });
      if (signal !== undefined) listenAbort(signal, onAbort);
    });
  }

  #start(request: AdmittedRequest): Promise<MockResponse> {
    const p = this.#p;
    const prompt = request.prompt;
    const nowMs = p.clock.now();
    const agent = prompt.agent;
    const output =
      agent === undefined ? p.output.generate(prompt) : p.turns.generate({ ...prompt, agent }, p.output);
    const plan = p.latency.plan({
      nowMs,
      inputTokens: prompt.inputTokens,
      cachedInputTokens: request.cache.readTokens,
      outputTokens: output.outputTokens,
      inFlight: p.capacity.inFlight,
      latencyFactor: prompt.model.latencyFactor,
      modelId: prompt.model.id,
    });
    return prompt.stream ? this.#stream(request, output, plan, nowMs) : this.#json(request, output, plan);
  }

  #release(pool: RatePool, maxTokens: number, billedOutputTokens: number): void {
    const p = this.#p;
    const nowMs = p.clock.now();
    p.latency.ended(nowMs);
    pool.refundOutput(maxTokens - billedOutputTokens, nowMs);
    p.capacity.release();
  }

  #json(request: AdmittedRequest, output: GeneratedOutput, plan: LatencyPlan): Promise<MockResponse> {
    const p = this.#p;
    const prompt = request.prompt;
    const body =
      request.format === 'anthropic'
        ? messageBody(
            p.ids.messageId(),
            prompt.modelName,
            output.text,
            output.stopReason,
            output.stopSequence,
            prompt.inputTokens,
            output.outputTokens,
            request.cache,
            output.blocks,
            request.serviceTier,
          )
        : chatCompletionBody(
            p.ids.completionId(),
            Math.floor(p.clock.epochMs() / 1000),
            prompt.modelName,
            output.text,
            output.stopReason,
            prompt.inputTokens,
            output.outputTokens,
          );
    const totalMs = plan.ttftMs + plan.generationMs;
    if (totalMs <= 0) return Promise.resolve(this.#finishJson(request, output, body));
    const signal = request.signal;
    return new Promise((resolve, reject) => {
      let onAbort: (() => void) | undefined;
      const cancel = p.clock.setTimer(totalMs, () => {
        if (onAbort !== undefined) unlistenAbort(signal as AbortSignal, onAbort);
        resolve(this.#finishJson(request, output, body));
      });
      if (signal !== undefined) {
        // Built by a method, not `const f = () => ...`: the TypeScript loader's keepNames renames
        // such per-request closures, a measurable cost here.
        onAbort = this.#abortJson(signal, cancel, request, reject);
        listenAbort(signal, onAbort);
      }
    });
  }

  /** The abort listener of a JSON generation: stop its timer, free its slot, reject. */
  #abortJson(
    signal: AbortSignal,
    cancel: () => void,
    request: AdmittedRequest,
    reject: (reason: unknown) => void,
  ): () => void {
    return () => {
      cancel();
      this.#release(request.limits.pool, request.prompt.maxTokens, 0);
      reject(abortReason(signal));
    };
  }

  /** Generation ended: free the slot, bill the tokens, answer with the rate limits as they are now. */
  #finishJson(request: AdmittedRequest, output: GeneratedOutput, body: unknown): MockResponse {
    const p = this.#p;
    this.#release(request.limits.pool, request.prompt.maxTokens, output.outputTokens);
    this.#bill(request, output.outputTokens);
    const response = p.responder.json(body, 200, request.limits.headers);
    p.responder.count(response);
    return response;
  }

  /**
   * Bills an answer in the stats (uncached input, cache reads and writes, `outputTokens` delivered)
   * and in the organisation's monthly spend.
   */
  #bill(request: AdmittedRequest, outputTokens: number): void {
    const p = this.#p;
    const stats = p.stats;
    const cache = request.cache;
    const written = cache.write5mTokens + cache.write1hTokens;
    const inputTokens = request.prompt.inputTokens - cache.readTokens - written;
    stats.inputTokens += inputTokens;
    stats.cacheReadTokens += cache.readTokens;
    stats.cacheWriteTokens += written;
    stats.cacheWrite1hTokens += cache.write1hTokens;
    stats.outputTokens += outputTokens;
    p.spend.charge(
      request.prompt.model,
      {
        inputTokens,
        cacheReadTokens: cache.readTokens,
        cacheWrite5mTokens: cache.write5mTokens,
        cacheWrite1hTokens: cache.write1hTokens,
        outputTokens,
      },
      p.clock.epochMs(),
    );
  }

  #stream(
    request: AdmittedRequest,
    output: GeneratedOutput,
    plan: LatencyPlan,
    startMs: number,
  ): Promise<MockResponse> {
    const p = this.#p;
    const prompt = request.prompt;
    const chunkTokens = p.config.latency.chunkTokens;
    const content = output.blocks;
    const layout =
      content === undefined ? undefined : blockChunks(content, output.blockTokens ?? [], chunkTokens);
    const chunks = layout === undefined ? chunkText(output.text, chunkTokens, output.narrow) : layout.pieces;
    const fault = p.faults.streamFault();
    const sp = planStream(
      startMs,
      plan,
      chunks,
      output.outputTokens,
      chunkTokens,
      output.narrow,
      fault,
      layout?.tokens,
    );
    const meta = {
      model: prompt.modelName,
      inputTokens: prompt.inputTokens,
      cache: request.cache,
      outputTokens: output.outputTokens,
      stopReason: output.stopReason,
      stopSequence: output.stopSequence,
      blocks: content === undefined || layout === undefined ? undefined : { content, layout },
      serviceTier: request.serviceTier,
    };
    const anthropic = request.format === 'anthropic';
    const { events, end } = anthropic
      ? anthropicEvents(sp, { ...meta, id: p.ids.messageId() })
      : openAiEvents(sp, {
          ...meta,
          id: p.ids.completionId(),
          createdSec: Math.floor(p.clock.epochMs() / 1000),
          includeUsage: request.includeUsage,
        });
    const signal = request.signal;
    let released = false;
    let cancelEndTimer: (() => void) | undefined;
    const release = (): void => {
      if (released) return;
      released = true;
      cancelEndTimer?.();
      signal?.removeEventListener('abort', release);
      const nowMs = p.clock.now();
      const sentUntilMs = sp.fault === undefined ? nowMs : Math.min(nowMs, sp.fault.atMs);
      const billed = tokensSentBy(sp, sentUntilMs);
      if (nowMs >= sp.headersAtMs) {
        this.#bill(request, billed);
      }
      if (sp.fault !== undefined && nowMs >= sp.fault.atMs) p.stats.streamFault(sp.fault.kind);
      this.#release(request.limits.pool, prompt.maxTokens, billed);
    };
    const response: MockStreamResponse = {
      kind: 'stream',
      status: 200,
      headers: p.responder.headers(
        anthropic ? ANTHROPIC_SSE_TYPE : OPENAI_SSE_TYPE,
        p.ids.requestId(),
        request.limits.headers,
      ),
      format: request.format,
      events,
      end,
      cancel: release,
    };
    response.headers['cache-control'] = 'no-cache';
    const endInMs = end.atMs - startMs;
    if (endInMs > 0) cancelEndTimer = p.clock.setTimer(endInMs, release);
    else release();
    if (!released && signal !== undefined) listenAbort(signal, release);
    return p.responder.deliver(response, plan.headersMs, signal);
  }
}
