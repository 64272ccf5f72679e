import { abortReason, type Clock } from '../../base/clock/Clock.ts';
import type { Random } from '../../base/random/Random.ts';
import { DEFAULT_MODELS } from '../config/catalog.ts';
import { type MockConfig, type ModelSpec, mockConfigSchema } from '../config/MockConfig.ts';
import { Capacity } from '../models/Capacity.ts';
import { FaultModel, type ScriptedFault } from '../models/FaultModel.ts';
import { LatencyModel } from '../models/LatencyModel.ts';
import { MODEL_CLASSES, type ModelClass, modelClassOf } from '../models/modelClass.ts';
import { OutputModel } from '../models/OutputModel.ts';
import { PromptCache } from '../models/PromptCache.ts';
import { RateLimiter } from '../models/RateLimiter.ts';
import { RatePool } from '../models/RatePool.ts';
import { SpendMeter } from '../models/SpendMeter.ts';
import { TextGenerator } from '../models/TextGenerator.ts';
import { TurnModel } from '../models/TurnModel.ts';
import { NO_CACHE } from '../protocol/cachePrefix.ts';
import { type ApiProblem, injectedProblem, invalidRequest } from '../protocol/errors.ts';
import { IdGenerator } from '../protocol/ids.ts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, ModelIndex } from '../protocol/ModelIndex.ts';
import { parseChatRequest } from '../protocol/parseChatRequest.ts';
import {
  API_VERSIONS,
  isProblem,
  type PromptRequest,
  parseMessagesRequest,
} from '../protocol/parseMessagesRequest.ts';
import { contentKey } from '../protocol/promptHash.ts';
import { RateLimitHeaders } from '../protocol/RateLimitHeaders.ts';
import { bearer, isBodyProblem, readJsonBody } from '../protocol/readJsonBody.ts';
import { ThinkingSigner } from '../protocol/thinkingSignature.ts';
import { type ClassLimits, Generation } from './Generation.ts';
import { type ApiFormat, Responder } from './Responder.ts';
import { StatsCounter } from './StatsCounter.ts';
import type { MockRequest, MockResponse, MockServer, MockStats } from './types.ts';

/** What {@link createMockServer} needs. */
export interface MockServerOptions {
  /** The resolved configuration (see `resolveMockConfig`). */
  config: MockConfig;
  /** The only source of time: virtual for simulated runs, real for `bench mock`. */
  clock: Clock;
  /** The server forks its own named streams from it (`ids`, `latency`, `faults`, `output`, `corpus`). */
  random: Random;
}

/** The mock core; `config` is exposed so bindings can read `maxBodyBytes`. */
export interface MockCoreServer extends MockServer {
  readonly config: MockConfig;
}

const NOT_FOUND: ApiProblem = { status: 404, type: 'not_found_error', message: 'Not Found' };
const SUPPORTED_VERSIONS: ReadonlySet<string> = new Set(API_VERSIONS);

/**
 * The mock Claude API as one function from a plain request to a plain response (mocks/core/types.ts).
 * Routes: `POST /v1/messages` (JSON and SSE), `POST /v1/messages/count_tokens`, `GET /v1/models`,
 * `GET /v1/models/{id}`, `POST /v1/chat/completions` (OpenAI-compatible; also under `/api/v1`),
 * `GET /healthz`. A Messages request goes through, in order: auth (401) and `anthropic-version`
 * (400), body size (413) and JSON (400), validation (400/404), the monthly spend limit (400), the
 * fault script (`faults.script`: the first requests' errors, in order), an outage window, injected
 * 429/529/500/504, the prompt cache lookup (`cache_control`), the Priority Tier (`priorityTier`: a
 * `service_tier: auto` request it has room for skips the standard limits and says
 * `usage.service_tier: priority`), the duplicate window, the rate limits of the model class's pool
 * and the acceleration limit (429 + retry-after; cache reads do not count toward input tokens),
 * capacity (queue or 529), then
 * generation. Errors and non-generating answers arrive after `latency.overheadMs`.
 */
export function createMockServer(options: MockServerOptions): MockCoreServer {
  return new MockCore(options);
}

class MockCore implements MockCoreServer {
  readonly config: MockConfig;
  readonly #clock: Clock;
  readonly #models: ModelIndex;
  readonly #stats = new StatsCounter();
  readonly #limiter: RateLimiter;
  /** The organisation's pool, and each model class's (the organisation's unless it has its own). */
  readonly #orgLimits: ClassLimits;
  readonly #classLimits: Record<ModelClass, ClassLimits>;
  readonly #limitsByModel = new Map<string, ClassLimits>();
  /** The Priority Tier's pool (`priorityTier`), reported by every pool's headers; unset: none. */
  readonly #priority: RatePool | undefined;
  readonly #spend: SpendMeter;
  readonly #capacity: Capacity;
  readonly #faults: FaultModel;
  readonly #responder: Responder;
  readonly #generation: Generation;
  readonly #promptCache: PromptCache;
  readonly #apiKeys: ReadonlySet<string> | undefined;
  readonly #signer: ThinkingSigner;

  constructor({ config, clock, random }: MockServerOptions) {
    this.config = config;
    this.#clock = clock;
    const nowMs = clock.now();
    this.#models = new ModelIndex(config.models ?? resolvedDefaultModels());
    this.#apiKeys = config.apiKeys === undefined ? undefined : new Set(config.apiKeys);
    const ids = new IdGenerator(random.fork('ids'));
    this.#limiter = new RateLimiter(config.rateLimits, nowMs);
    this.#capacity = new Capacity(config.capacity);
    this.#faults = new FaultModel(config.faults, random.fork('faults'));
    this.#promptCache = new PromptCache(config.promptCache);
    this.#spend = new SpendMeter(config.monthlySpendLimitUsd);
    const priority = config.priorityTier === undefined ? undefined : new RatePool(config.priorityTier, nowMs);
    this.#priority = priority;
    this.#orgLimits = {
      pool: this.#limiter.pool,
      headers: new RateLimitHeaders(this.#limiter.pool, priority),
    };
    const classLimits = {} as Record<ModelClass, ClassLimits>;
    for (const modelClass of MODEL_CLASSES) {
      const pool = this.#limiter.poolFor(modelClass);
      classLimits[modelClass] =
        pool === this.#limiter.pool
          ? this.#orgLimits
          : { pool, headers: new RateLimitHeaders(pool, priority) };
    }
    this.#classLimits = classLimits;
    this.#responder = new Responder(
      clock,
      ids,
      this.#orgLimits.headers,
      this.#stats,
      config.latency.overheadMs,
      config.retryHeaders,
    );
    this.#signer = new ThinkingSigner(config.thinking.signingSecret);
    const text = new TextGenerator(random.fork('corpus'));
    this.#generation = new Generation({
      config,
      clock,
      ids,
      capacity: this.#capacity,
      latency: new LatencyModel(config.latency, random.fork('latency'), nowMs),
      output: new OutputModel(config.output, text, random.fork('output')),
      turns: new TurnModel({
        tools: config.tools,
        thinking: config.thinking,
        deterministic: config.output.deterministic,
        text,
        random: random.fork('turns'),
        ids,
        signer: this.#signer,
      }),
      faults: this.#faults,
      stats: this.#stats,
      spend: this.#spend,
      responder: this.#responder,
    });
  }

  stats(): MockStats {
    return this.#stats.snapshot(this.#capacity.inFlight);
  }

  handle(request: MockRequest): Promise<MockResponse> {
    this.#stats.requests++;
    if (request.signal?.aborted) return Promise.reject(abortReason(request.signal));
    const path = request.path;
    if (request.method === 'POST') {
      if (path === '/v1/messages') return this.#messages(request, false);
      if (path === '/v1/messages/count_tokens') return this.#messages(request, true);
      if (path === '/v1/chat/completions' || path === '/api/v1/chat/completions') return this.#chat(request);
    } else if (request.method === 'GET') {
      if (path === '/healthz') return this.#responder.deliver(this.#responder.json({ status: 'ok' }), 0);
      if (path === '/v1/models' || path.startsWith('/v1/models/')) return this.#listModels(request);
    }
    return this.#responder.fail('anthropic', NOT_FOUND, request.signal);
  }

  #messages(request: MockRequest, countTokens: boolean): Promise<MockResponse> {
    const responder = this.#responder;
    const signal = request.signal;
    const version = request.headers['anthropic-version'];
    const problem = this.#anthropicAuth(request, version);
    if (problem !== undefined) return responder.fail('anthropic', problem, signal);
    const body = readJsonBody(request, this.config.maxBodyBytes);
    if (isBodyProblem(body)) return responder.fail('anthropic', body.problem, signal);
    const parsed = parseMessagesRequest(body, {
      models: this.#models,
      apiVersion: version as string,
      countTokens,
      signer: this.#signer,
    });
    if (isProblem(parsed)) return responder.fail('anthropic', parsed, signal);
    if (countTokens) {
      return responder.deliver(
        responder.json({ input_tokens: parsed.inputTokens }),
        responder.overheadMs,
        signal,
      );
    }
    return this.#admit(parsed, 'anthropic', false, signal);
  }

  #chat(request: MockRequest): Promise<MockResponse> {
    const responder = this.#responder;
    const signal = request.signal;
    const key = bearer(request.headers.authorization);
    if (key === undefined) {
      return responder.fail(
        'openai',
        { status: 401, type: 'authentication_error', message: 'No auth credentials found' },
        signal,
      );
    }
    if (this.#apiKeys !== undefined && !this.#apiKeys.has(key)) {
      return responder.fail(
        'openai',
        { status: 401, type: 'authentication_error', message: 'Invalid API key' },
        signal,
      );
    }
    const body = readJsonBody(request, this.config.maxBodyBytes);
    if (isBodyProblem(body)) return responder.fail('openai', body.problem, signal);
    const parsed = parseChatRequest(body, this.#models);
    if (isProblem(parsed)) return responder.fail('openai', parsed, signal);
    return this.#admit(parsed, 'openai', parsed.includeUsage, signal);
  }

  /** Outage, injected errors, rate limits; then generation. */
  #admit(
    prompt: PromptRequest,
    format: ApiFormat,
    includeUsage: boolean,
    signal: AbortSignal | undefined,
  ): Promise<MockResponse> {
    const nowMs = this.#clock.now();
    const overSpend = this.#spend.refusal(this.#clock.epochMs());
    if (overSpend !== undefined) return this.#responder.fail(format, invalidRequest(overSpend), signal);
    const scripted = this.#faults.scripted();
    if (scripted !== undefined) return this.#responder.fail(format, scriptedProblem(scripted), signal);
    const outage = this.#faults.outage(nowMs);
    if (outage !== undefined) {
      const problem = injectedProblem(outage.status, outage.retryAfterSec);
      if (outage.retryAfterMs !== undefined) problem.retryAfterMs = outage.retryAfterMs;
      return this.#responder.fail(format, problem, signal);
    }
    const injected = this.#faults.requestFault();
    if (injected !== undefined) {
      return this.#responder.fail(
        format,
        injectedProblem(injected, injected === 429 ? 1 : undefined),
        signal,
      );
    }
    const prefix = prompt.cachePrefix;
    const cache = prefix === undefined ? NO_CACHE : this.#promptCache.lookup(prefix, prompt.model.id, nowMs);
    const limits = this.#limitsFor(prompt.model.id);
    const chargedInput = prompt.inputTokens - cache.readTokens;
    const priority = this.#priority;
    if (
      priority !== undefined &&
      prompt.serviceTier === 'auto' &&
      format === 'anthropic' &&
      takePriority(priority, chargedInput, prompt.maxTokens, nowMs)
    ) {
      if (prefix !== undefined) this.#promptCache.commit(prefix, cache, nowMs);
      return this.#generation.run({
        prompt,
        format,
        includeUsage,
        signal,
        cache,
        limits: { pool: priority, headers: limits.headers },
        serviceTier: 'priority',
      });
    }
    // Cache-aware ITPM (anthropic-wire.md §3.3): reads do not count, writes do.
    const admission = this.#limiter.admit(
      chargedInput,
      prompt.maxTokens,
      contentKey(prompt.promptHash, prompt.inputTokens),
      nowMs,
      limits.pool,
    );
    if (admission.kind === 'limited') {
      this.#stats.rateLimited(admission.limit);
      return this.#responder.fail(
        format,
        {
          status: 429,
          type: 'rate_limit_error',
          message: admission.message,
          retryAfterSec: admission.retryAfterSec,
          retryAfterMs: admission.waitMs,
        },
        signal,
        limits.headers,
      );
    }
    if (prefix !== undefined) this.#promptCache.commit(prefix, cache, nowMs);
    return this.#generation.run({
      prompt,
      format,
      includeUsage,
      signal,
      cache,
      limits,
      serviceTier: 'standard',
    });
  }

  /** The rate-limit pool of a catalog model: its class's (`opus`, `sonnet`, `haiku` in its id), else the organisation's. */
  #limitsFor(modelId: string): ClassLimits {
    let limits = this.#limitsByModel.get(modelId);
    if (limits === undefined) {
      const modelClass = modelClassOf(modelId);
      limits = modelClass === undefined ? this.#orgLimits : this.#classLimits[modelClass];
      this.#limitsByModel.set(modelId, limits);
    }
    return limits;
  }

  #anthropicAuth(request: MockRequest, version: string | undefined): ApiProblem | undefined {
    const headers = request.headers;
    const key = headers['x-api-key'] || bearer(headers.authorization);
    if (key === undefined || key === '') {
      return { status: 401, type: 'authentication_error', message: 'x-api-key header is required' };
    }
    if (this.#apiKeys !== undefined && !this.#apiKeys.has(key)) {
      return { status: 401, type: 'authentication_error', message: 'invalid x-api-key' };
    }
    if (version === undefined || version === '')
      return invalidRequest('anthropic-version: header is required');
    if (!SUPPORTED_VERSIONS.has(version)) {
      return invalidRequest(
        `anthropic-version: "${version}" is not a valid version; accepted: ${API_VERSIONS.join(', ')}`,
      );
    }
    return undefined;
  }

  #listModels(request: MockRequest): Promise<MockResponse> {
    const responder = this.#responder;
    const problem = this.#anthropicAuth(request, request.headers['anthropic-version']);
    if (problem !== undefined) return responder.fail('anthropic', problem, request.signal);
    if (request.path !== '/v1/models') {
      const id = decodeURIComponent(request.path.slice('/v1/models/'.length));
      const info = this.#models.info(id);
      if (info === undefined) {
        return responder.fail(
          'anthropic',
          { status: 404, type: 'not_found_error', message: `model: ${id}` },
          request.signal,
        );
      }
      return responder.deliver(responder.json(info), responder.overheadMs, request.signal);
    }
    const query = request.query;
    const rawLimit = query?.get('limit');
    const limit = rawLimit === null || rawLimit === undefined ? DEFAULT_PAGE_LIMIT : Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
      return responder.fail(
        'anthropic',
        invalidRequest(
          `limit: Input should be an integer from 1 to ${MAX_PAGE_LIMIT}, got ${JSON.stringify(rawLimit)}`,
        ),
        request.signal,
      );
    }
    const page: { limit: number; afterId?: string; beforeId?: string } = { limit };
    const afterId = query?.get('after_id');
    const beforeId = query?.get('before_id');
    if (afterId !== null && afterId !== undefined) page.afterId = afterId;
    if (beforeId !== null && beforeId !== undefined) page.beforeId = beforeId;
    return responder.deliver(responder.json(this.#models.page(page)), responder.overheadMs, request.signal);
  }
}

/** The answer of a `faults.script` entry: the injected error, with its wait as retry-after and retry-after-ms. */
function scriptedProblem(entry: ScriptedFault): ApiProblem {
  const waitMs = entry.retryAfterMs ?? (entry.status === 429 ? 1000 : undefined);
  const problem = injectedProblem(
    entry.status,
    waitMs === undefined ? undefined : Math.max(1, Math.ceil(waitMs / 1000)),
  );
  if (waitMs !== undefined) {
    problem.retryAfterMs = waitMs;
    problem.exactWait = true;
  }
  return problem;
}

/**
 * Serves a request from the Priority Tier when both its buckets can pay now (input tokens, and
 * `max_tokens` of output, refunded in part at the end as in the standard pools); charges them.
 */
function takePriority(pool: RatePool, inputTokens: number, maxTokens: number, nowMs: number): boolean {
  const { input, output } = pool;
  if (input !== undefined && input.waitMs(inputTokens, nowMs) > 0) return false;
  if (output !== undefined && output.waitMs(maxTokens, nowMs) > 0) return false;
  input?.take(inputTokens, nowMs);
  output?.take(maxTokens, nowMs);
  return true;
}

let defaultModels: ModelSpec[] | undefined;

/** The default catalog, resolved by the config schema once per process. */
function resolvedDefaultModels(): ModelSpec[] {
  defaultModels ??= mockConfigSchema.shape.models.unwrap().parse(DEFAULT_MODELS);
  return defaultModels;
}
