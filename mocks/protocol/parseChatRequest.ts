import { type ApiProblem, invalidRequest } from './errors.ts';
import { isRecord } from './isRecord.ts';
import type { ModelIndex } from './ModelIndex.ts';
import type { PromptRequest } from './parseMessagesRequest.ts';
import { foldMessage, foldText, PROMPT_HASH_SEED } from './promptHash.ts';
import { contentText, estimateInputTokens } from './tokens.ts';

/** A validated OpenAI-compatible chat completion request. */
export interface ChatRequest extends PromptRequest {
  /** `stream_options.include_usage`: send a usage chunk before `[DONE]`. */
  includeUsage: boolean;
}

/** `max_tokens` when a chat request gives neither `max_tokens` nor `max_completion_tokens` (capped by the model's limit). */
export const DEFAULT_CHAT_MAX_TOKENS = 4096;

const CHAT_ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/**
 * Validates a `POST /v1/chat/completions` body (OpenRouter's flavour of the OpenAI API) and maps it
 * onto the Messages model: `system`/`developer` messages become the system text, `tool` messages
 * count as user turns. Token counts and the output key therefore match a Messages request with
 * the same texts. `stop` (a string or a list of strings, null meaning none) becomes the stop
 * sequences; the answer is cut as a Messages answer is and ends with `finish_reason: "stop"`.
 * Problems are rendered in OpenRouter's error shape by the caller.
 */
export function parseChatRequest(body: unknown, models: ModelIndex): ChatRequest | ApiProblem {
  if (!isRecord(body)) return invalidRequest('body: expected a JSON object');
  const modelName = body.model;
  if (typeof modelName !== 'string' || modelName === '') {
    return invalidRequest('model: a model id (string) is required');
  }
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return invalidRequest('messages: a non-empty list of messages is required');
  }
  let system = '';
  const turns: { role: string; content: string }[] = [];
  let hash = PROMPT_HASH_SEED;
  let lastUserText = '';
  for (let i = 0; i < messages.length; i++) {
    const m: unknown = messages[i];
    if (!isRecord(m) || typeof m.role !== 'string' || !CHAT_ROLES.has(m.role)) {
      return invalidRequest(`messages[${i}].role: expected one of system, developer, user, assistant, tool`);
    }
    const text = contentText(m.content);
    if (m.role === 'system' || m.role === 'developer') {
      system = system === '' ? text : `${system}\n${text}`;
      continue;
    }
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    turns.push({ role, content: text });
    hash = foldMessage(hash, role, text);
    if (role === 'user') lastUserText = text;
  }
  if (system !== '') hash = foldText(hash, system);
  const model = models.find(modelName);
  if (model === undefined)
    return { status: 400, type: 'invalid_request_error', message: `${modelName} is not a valid model ID` };
  const raw = body.max_completion_tokens ?? body.max_tokens;
  let maxTokens = Math.min(DEFAULT_CHAT_MAX_TOKENS, model.maxOutputTokens);
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 1) {
      return invalidRequest(`max_tokens: expected a positive integer, got ${JSON.stringify(raw)}`);
    }
    if (raw > model.maxOutputTokens) {
      return invalidRequest(`max_tokens: ${raw} > ${model.maxOutputTokens}, the maximum for ${model.id}`);
    }
    maxTokens = raw;
  }
  const stream = body.stream;
  if (stream !== undefined && stream !== null && typeof stream !== 'boolean') {
    return invalidRequest('stream: expected a boolean');
  }
  const stop = body.stop;
  let stopSequences: readonly string[] | undefined;
  if (stop !== undefined && stop !== null) {
    if (typeof stop === 'string') {
      if (stop !== '') stopSequences = [stop];
    } else {
      if (!Array.isArray(stop)) {
        return invalidRequest(`stop: expected a string or a list of strings, got ${JSON.stringify(stop)}`);
      }
      for (let i = 0; i < stop.length; i++) {
        const item: unknown = stop[i];
        if (typeof item !== 'string') {
          return invalidRequest(`stop[${i}]: expected a string, got ${JSON.stringify(item)}`);
        }
      }
      if (stop.length > 0) stopSequences = stop as readonly string[];
    }
  }
  const inputTokens = estimateInputTokens(system === '' ? { messages: turns } : { system, messages: turns });
  if (inputTokens + maxTokens > model.contextTokens) {
    return invalidRequest(
      `This endpoint's maximum context length is ${model.contextTokens} tokens. However, you requested about ${inputTokens + maxTokens} tokens (${inputTokens} of text input, ${maxTokens} in the output). Please reduce the length of either one.`,
    );
  }
  const options = body.stream_options;
  return {
    model,
    modelName,
    maxTokens,
    stream: stream === true,
    inputTokens,
    promptHash: hash,
    lastUserText,
    turns: turns.length,
    stopSequences,
    // Relays' OpenAI-compatible endpoint has no service tiers.
    serviceTier: 'standard_only',
    cachePrefix: undefined,
    agent: undefined,
    systemText: system === '' ? undefined : system,
    includeUsage: isRecord(options) && options.include_usage === true,
  };
}
