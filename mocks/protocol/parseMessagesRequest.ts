import type { ModelSpec } from '../config/MockConfig.ts';
import {
  type CacheBreakpoint,
  type CachePrefix,
  cachePrefix,
  checkCacheControl,
  isTtl,
} from './cachePrefix.ts';
import { BLOCK_TYPES, checkTurns, unknownBlockType } from './checkTurns.ts';
import { type ApiProblem, invalidRequest } from './errors.ts';
import { isRecord } from './isRecord.ts';
import type { ModelIndex } from './ModelIndex.ts';
import { foldMessage, foldText, PROMPT_HASH_SEED } from './promptHash.ts';
import type { ThinkingSigner } from './thinkingSignature.ts';
import { contentText, estimateInputTokens } from './tokens.ts';
import {
  type AgentRequest,
  isApiProblem,
  parseThinking,
  parseToolChoice,
  parseTools,
} from './toolsRequest.ts';

/** API versions the mock accepts in `anthropic-version`. */
export const API_VERSIONS = ['2023-06-01', '2026-10-21'] as const;
/** The version that rejects sampling parameters and some content blocks. */
export const API_VERSION_2026 = '2026-10-21';

/** A validated generation request, in the form the core's models need (Messages or chat completions). */
export interface PromptRequest {
  model: ModelSpec;
  /** The model name as the client sent it (echoed in responses). */
  modelName: string;
  maxTokens: number;
  stream: boolean;
  /** `usage.input_tokens`, by the shared estimator. */
  inputTokens: number;
  /** FNV-1a of the system text and every message (role and text): the key of deterministic output. */
  promptHash: number;
  /** Text of the last user message: where batched tasks are counted. */
  lastUserText: string;
  /** Messages in the prompt, and the system text, if any: a one-message prompt's tasks are hashed alone. */
  turns: number;
  /** The system text; undefined without one (the key is always there: one shape for every request). */
  systemText: string | undefined;
  /**
   * `stop_sequences` (chat completions: `stop`): the answer ends before the first one its text
   * completes. Undefined when absent or empty, and for count_tokens. The key is always there, so
   * requests with and without stop sequences have the same shape.
   */
  stopSequences: readonly string[] | undefined;
  /** `service_tier`: `auto` (the default: priority capacity when there is some) or `standard_only`. */
  serviceTier: 'auto' | 'standard_only';
  /**
   * The cacheable prefix closed by the request's last `cache_control` breakpoint (on a tool, a
   * system block, a message block, or top-level for automatic caching). Undefined without
   * `cache_control`, for count_tokens and for chat completions; the key is always there.
   */
  cachePrefix: CachePrefix | undefined;
  /**
   * Tools, `tool_choice` and the thinking budget, when the request offers tools or enables
   * thinking; undefined otherwise and for chat completions (the key is always there).
   */
  agent: AgentRequest | undefined;
}

/** What `parseMessagesRequest` checks besides the body. */
export interface ParseOptions {
  models: ModelIndex;
  /** The request's `anthropic-version`. */
  apiVersion: string;
  /** `count_tokens`: no `max_tokens`, no `stream`. */
  countTokens?: boolean;
  /** Verifies the signatures of thinking blocks sent back; without it any signature is accepted. */
  signer?: ThinkingSigner | undefined;
}

const SAMPLING_PARAMS = ['temperature', 'top_p', 'top_k'] as const;
const NON_WHITESPACE = /\S/;

/**
 * Validates a Messages (or count_tokens) body the way the API does: one problem, its message
 * naming the field path first (`max_tokens: Field required`, `messages.1.role: ...`). An unknown
 * model is a 404 `model: <id>`; a prompt over the context window is `prompt is too long: N tokens >
 * M maximum`. `stop_sequences` is checked (a list of non-empty strings that are not all
 * whitespace) and kept, except by count_tokens, which ignores it. `tools`, `tool_choice` and
 * `thinking` are checked (toolsRequest.ts), content block types must be known, and the tool-use
 * and thinking turns must follow the API's rules (checkTurns.ts). Other optional fields are
 * accepted and ignored.
 */
export function parseMessagesRequest(body: unknown, options: ParseOptions): PromptRequest | ApiProblem {
  if (!isRecord(body)) return invalidRequest('body: Input should be a valid dictionary');
  const modelName = body.model;
  if (modelName === undefined) return invalidRequest('model: Field required');
  if (typeof modelName !== 'string') return invalidRequest('model: Input should be a valid string');
  let maxTokens = 0;
  if (options.countTokens !== true) {
    const raw = body.max_tokens;
    if (raw === undefined) return invalidRequest('max_tokens: Field required');
    if (typeof raw !== 'number' || !Number.isInteger(raw)) {
      return invalidRequest('max_tokens: Input should be a valid integer');
    }
    if (raw < 1) return invalidRequest('max_tokens: Input should be greater than or equal to 1');
    maxTokens = raw;
  }
  const messages = body.messages;
  if (messages === undefined) return invalidRequest('messages: Field required');
  if (!Array.isArray(messages)) return invalidRequest('messages: Input should be a valid list');
  if (messages.length === 0) return invalidRequest('messages: at least one message is required');
  const strict = options.apiVersion === API_VERSION_2026;
  let breakpoint: CacheBreakpoint | undefined;
  const tools = body.tools;
  const toolSpecs = parseTools(tools);
  if (isApiProblem(toolSpecs)) return toolSpecs;
  const toolChoice = parseToolChoice(body.tool_choice, toolSpecs);
  if (isApiProblem(toolChoice)) return toolChoice;
  const thinkingBudget = parseThinking(body.thinking, options.countTokens === true ? undefined : maxTokens);
  if (isApiProblem(thinkingBudget)) return thinkingBudget;
  if (thinkingBudget !== undefined && (toolChoice.type === 'any' || toolChoice.type === 'tool')) {
    // The API's message, as captured in public 400s.
    return invalidRequest('Thinking may not be enabled when tool_choice forces tool use.');
  }
  if (Array.isArray(tools)) {
    const found = findListBreakpoint(tools, 'tools');
    if (found !== undefined) {
      if (!isBreakpoint(found)) return found;
      breakpoint = found;
    }
  }
  let hash = PROMPT_HASH_SEED;
  let lastUserText = '';
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isRecord(m)) return invalidRequest(`messages.${i}: Input should be a valid dictionary`);
    const role = m.role;
    if (role !== 'user' && role !== 'assistant') {
      return invalidRequest(`messages.${i}.role: Input should be 'user' or 'assistant'`);
    }
    const content = m.content;
    if (content === undefined) return invalidRequest(`messages.${i}.content: Field required`);
    if (typeof content !== 'string') {
      if (!Array.isArray(content)) {
        return invalidRequest(
          `messages.${i}.content: Input should be a valid string or a list of content blocks`,
        );
      }
      const found = checkBlocks(content, `messages.${i}.content`, role, strict, i);
      if (found !== undefined) {
        if (!isBreakpoint(found)) return found;
        breakpoint = found;
      }
    }
    const text = contentText(content);
    hash = foldMessage(hash, role, text);
    if (role === 'user') lastUserText = text;
  }
  const turnProblem = checkTurns(messages, options.signer);
  if (turnProblem !== undefined) return turnProblem;
  const system = body.system;
  let systemText: string | undefined;
  if (system !== undefined) {
    if (typeof system !== 'string' && !Array.isArray(system)) {
      return invalidRequest('system: Input should be a valid string or a list of text blocks');
    }
    if (Array.isArray(system)) {
      const found = findListBreakpoint(system, 'system');
      if (found !== undefined) {
        if (!isBreakpoint(found)) return found;
        // The system comes before the messages: a breakpoint there closes a longer prefix.
        if (breakpoint?.section !== 'messages') breakpoint = found;
      }
    }
    systemText = contentText(system);
    hash = foldText(hash, systemText);
  }
  const topLevel = body.cache_control;
  if (topLevel !== undefined) {
    // Automatic caching: the breakpoint is the last block of the last message.
    const ttl = checkCacheControl(topLevel, 'cache_control');
    if (!isTtl(ttl)) return ttl;
    breakpoint = { section: 'messages', index: messages.length - 1, block: -1, ttl };
  }
  const stream = body.stream;
  if (stream !== undefined && typeof stream !== 'boolean') {
    return invalidRequest('stream: Input should be a valid boolean');
  }
  let stopSequences: readonly string[] | undefined;
  if (options.countTokens !== true) {
    const stops = body.stop_sequences;
    if (stops !== undefined) {
      const problem = checkStopSequences(stops);
      if (problem !== undefined) return problem;
      const list = stops as readonly string[];
      if (list.length > 0) stopSequences = list;
    }
  }
  const sampling = checkSampling(body, strict);
  if (sampling !== undefined) return sampling;
  const serviceTier = body.service_tier;
  if (serviceTier !== undefined && serviceTier !== 'auto' && serviceTier !== 'standard_only') {
    return invalidRequest(
      `service_tier: Input should be 'auto' or 'standard_only', got ${JSON.stringify(serviceTier)}`,
    );
  }

  const model = options.models.find(modelName);
  if (model === undefined) return { status: 404, type: 'not_found_error', message: `model: ${modelName}` };
  if (maxTokens > model.maxOutputTokens) {
    return invalidRequest(
      `max_tokens: ${maxTokens} > ${model.maxOutputTokens}, which is the maximum allowed number of output tokens for ${model.id}`,
    );
  }
  const inputTokens = estimateInputTokens(body);
  const contextTokens = model.contextTokens;
  if (inputTokens > contextTokens) {
    return invalidRequest(`prompt is too long: ${inputTokens} tokens > ${contextTokens} maximum`);
  }
  if (inputTokens + maxTokens > contextTokens) {
    return invalidRequest(
      `input length and \`max_tokens\` exceed context limit: ${inputTokens} + ${maxTokens} > ${contextTokens}, decrease input length or \`max_tokens\` and try again`,
    );
  }
  return {
    model,
    modelName,
    maxTokens,
    stream: stream === true,
    inputTokens,
    promptHash: hash,
    lastUserText,
    turns: messages.length,
    stopSequences,
    serviceTier: serviceTier === 'standard_only' ? 'standard_only' : 'auto',
    cachePrefix:
      breakpoint === undefined || options.countTokens === true
        ? undefined
        : cachePrefix(body, model.id, breakpoint),
    systemText,
    agent:
      toolSpecs.length === 0 && thinkingBudget === undefined
        ? undefined
        : { tools: toolSpecs, toolChoice, thinkingBudget },
  };
}

function isBreakpoint(found: CacheBreakpoint | ApiProblem): found is CacheBreakpoint {
  return (found as CacheBreakpoint).section !== undefined;
}

/**
 * Checks a message's content blocks; answers a problem, the message's last `cache_control`
 * breakpoint (message `index`), or undefined.
 */
function checkBlocks(
  blocks: unknown[],
  path: string,
  role: string,
  strict: boolean,
  index: number,
): ApiProblem | CacheBreakpoint | undefined {
  let breakpoint: CacheBreakpoint | undefined;
  for (let j = 0; j < blocks.length; j++) {
    const block: unknown = blocks[j];
    if (!isRecord(block)) return invalidRequest(`${path}.${j}: Input should be a valid dictionary`);
    if (typeof block.type !== 'string') return invalidRequest(`${path}.${j}.type: Field required`);
    if (!BLOCK_TYPES.has(block.type)) return unknownBlockType(`${path}.${j}`, block.type);
    if (block.cache_control !== undefined) {
      const ttl = checkCacheControl(block.cache_control, `${path}.${j}.cache_control`);
      if (!isTtl(ttl)) return ttl;
      breakpoint = { section: 'messages', index, block: j, ttl };
    }
    if (!strict) continue;
    // API version 2026-10-21 (platform.claude.com versioning page).
    if (role === 'assistant' && block.type === 'document') {
      return invalidRequest(
        `${path}.${j}: document blocks are not accepted in assistant messages with anthropic-version ${API_VERSION_2026}`,
      );
    }
    if (
      role === 'user' &&
      block.type === 'text' &&
      Array.isArray(block.citations) &&
      block.citations.length > 0
    ) {
      return invalidRequest(`${path}.${j}.citations: Extra inputs are not permitted`);
    }
  }
  return breakpoint;
}

/**
 * The last `cache_control` of the `tools` list or of a `system` list of text blocks (entries that
 * are not dictionaries are left to their own checks), or its problem.
 */
function findListBreakpoint(
  list: unknown[],
  section: 'tools' | 'system',
): ApiProblem | CacheBreakpoint | undefined {
  let breakpoint: CacheBreakpoint | undefined;
  for (let j = 0; j < list.length; j++) {
    const entry: unknown = list[j];
    if (!isRecord(entry) || entry.cache_control === undefined) continue;
    const ttl = checkCacheControl(entry.cache_control, `${section}.${j}.cache_control`);
    if (!isTtl(ttl)) return ttl;
    breakpoint = { section, index: j, block: -1, ttl };
  }
  return breakpoint;
}

/** A list of strings, each with something besides whitespace (the API's own messages). */
function checkStopSequences(stops: unknown): ApiProblem | undefined {
  if (!Array.isArray(stops)) return invalidRequest('stop_sequences: Input should be a valid list');
  for (let i = 0; i < stops.length; i++) {
    const stop: unknown = stops[i];
    if (typeof stop !== 'string')
      return invalidRequest(`stop_sequences.${i}: Input should be a valid string`);
    if (stop === '') return invalidRequest('stop_sequences: each stop sequence must be non-empty');
    if (!NON_WHITESPACE.test(stop)) {
      return invalidRequest('stop_sequences: each stop sequence must contain non-whitespace');
    }
  }
  return undefined;
}

function checkSampling(body: Record<string, unknown>, strict: boolean): ApiProblem | undefined {
  for (const name of SAMPLING_PARAMS) {
    const value = body[name];
    if (value === undefined) continue;
    // 2026-10-21 rejects them even at their default values.
    if (strict) return invalidRequest(`${name}: Extra inputs are not permitted`);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return invalidRequest(`${name}: Input should be a valid number`);
    }
    if (name !== 'top_k' && (value < 0 || value > 1)) {
      return invalidRequest(
        `${name}: Input should be ${value < 0 ? 'greater than or equal to 0' : 'less than or equal to 1'}`,
      );
    }
    if (name === 'top_k' && (!Number.isInteger(value) || value < 0)) {
      return invalidRequest('top_k: Input should be a non-negative integer');
    }
  }
  return undefined;
}

/** Type guard: did parsing fail? */
export function isProblem(value: PromptRequest | ApiProblem): value is ApiProblem {
  return (value as ApiProblem).status !== undefined;
}
