/**
 * The JSON bodies of successful answers: a Messages API `Message` (anthropic-wire.md §1.3) and an
 * OpenAI-compatible chat completion and its stream chunks (§7).
 */
import { type CacheUsage, NO_CACHE } from './cachePrefix.ts';

/** `usage` of a Message (anthropic-wire.md §1.3). */
export interface AnthropicUsage {
  input_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  /** The tier that served the request: `standard`, or `priority` (Priority Tier capacity). */
  service_tier: ServiceTier;
}

/** `usage.service_tier` of a Message (anthropic-wire.md §1.3; `batch` is the Batches API's). */
export type ServiceTier = 'standard' | 'priority' | 'batch';

/**
 * `usage` of a Message. `promptTokens` is the whole prompt; the prompt cache's reads and writes are
 * taken out of it, so `input_tokens` is what came after the cached prefix (the API's total input is
 * `input_tokens + cache_creation_input_tokens + cache_read_input_tokens`).
 */
export function anthropicUsage(
  promptTokens: number,
  outputTokens: number,
  cache: CacheUsage = NO_CACHE,
  serviceTier: ServiceTier = 'standard',
): AnthropicUsage {
  const written = cache.write5mTokens + cache.write1hTokens;
  return {
    input_tokens: promptTokens - cache.readTokens - written,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: cache.readTokens,
    cache_creation: {
      ephemeral_5m_input_tokens: cache.write5mTokens,
      ephemeral_1h_input_tokens: cache.write1hTokens,
    },
    output_tokens: outputTokens,
    service_tier: serviceTier,
  };
}

/** A content block of an answer (anthropic-wire.md §1.3), in the API's key order. */
export type AnswerBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown };

/**
 * A non-streamed Message with one text block, or with `blocks` when given (thinking, text, tool_use). Its own fields are exactly the JSON's, in the API's
 * order, so it travels as a plain object (the direct binding hands it over as is, `JSON.stringify`
 * gives the API's bytes); being a class lets the bindings that write bytes call {@link jsonText}
 * instead, which gives the same bytes in about half the time. Treat it as immutable.
 */
export class MessageBody {
  readonly id: string;
  readonly type: 'message';
  readonly role: 'assistant';
  readonly model: string;
  readonly content: readonly AnswerBlock[];
  readonly stop_reason: string;
  /** The stop sequence that ended the answer (stop_reason `stop_sequence`), else null. */
  readonly stop_sequence: string | null;
  readonly usage: AnthropicUsage;

  constructor(
    id: string,
    model: string,
    text: string,
    stopReason: string,
    stopSequence: string | null,
    inputTokens: number,
    outputTokens: number,
    cache: CacheUsage = NO_CACHE,
    blocks?: readonly AnswerBlock[],
    serviceTier: ServiceTier = 'standard',
  ) {
    // Assigned in declaration order: the order of the JSON keys.
    this.id = id;
    this.type = 'message';
    this.role = 'assistant';
    this.model = model;
    this.content = blocks ?? [{ type: 'text', text }];
    this.stop_reason = stopReason;
    this.stop_sequence = stopSequence;
    this.usage = anthropicUsage(inputTokens, outputTokens, cache, serviceTier);
  }

  /** `JSON.stringify(this)`, byte for byte, from a template. */
  jsonText(): string {
    const u = this.usage;
    const c = u.cache_creation;
    const first = this.content[0];
    const content =
      this.content.length === 1 && first?.type === 'text'
        ? `[{"type":"text","text":${JSON.stringify(first.text)}}]`
        : JSON.stringify(this.content);
    return `{"id":${JSON.stringify(this.id)},"type":"message","role":"assistant","model":${JSON.stringify(this.model)},"content":${content},"stop_reason":${JSON.stringify(this.stop_reason)},"stop_sequence":${this.stop_sequence === null ? 'null' : JSON.stringify(this.stop_sequence)},"usage":{"input_tokens":${u.input_tokens},"cache_creation_input_tokens":${u.cache_creation_input_tokens},"cache_read_input_tokens":${u.cache_read_input_tokens},"cache_creation":{"ephemeral_5m_input_tokens":${c.ephemeral_5m_input_tokens},"ephemeral_1h_input_tokens":${c.ephemeral_1h_input_tokens}},"output_tokens":${u.output_tokens},"service_tier":${JSON.stringify(u.service_tier)}}}`;
  }
}

/** A JSON response body as bytes-to-be: the fast template for a {@link MessageBody}, else `JSON.stringify`. */
export function bodyText(body: unknown): string {
  return body instanceof MessageBody ? body.jsonText() : JSON.stringify(body);
}

/**
 * A non-streamed Message; `stopSequence` is the matched stop sequence, or null; `inputTokens` is the
 * whole prompt, of which `cache` says what the prompt cache read or wrote; `blocks`, when given,
 * is the content instead of one text block of `text`.
 */
export function messageBody(
  id: string,
  model: string,
  text: string,
  stopReason: string,
  stopSequence: string | null,
  inputTokens: number,
  outputTokens: number,
  cache: CacheUsage = NO_CACHE,
  blocks?: readonly AnswerBlock[],
  serviceTier: ServiceTier = 'standard',
): MessageBody {
  return new MessageBody(
    id,
    model,
    text,
    stopReason,
    stopSequence,
    inputTokens,
    outputTokens,
    cache,
    blocks,
    serviceTier,
  );
}

/** The Message inside `message_start`: no content yet, `stop_reason` null, usage with 1 output token. */
export function startedMessage(
  id: string,
  model: string,
  inputTokens: number,
  cache: CacheUsage = NO_CACHE,
  serviceTier: ServiceTier = 'standard',
): unknown {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: anthropicUsage(inputTokens, 1, cache, serviceTier),
  };
}

/** OpenAI's `finish_reason` for an Anthropic stop reason: `length` for max_tokens, else `stop` (a stop sequence too). */
export function finishReason(stopReason: string): string {
  return stopReason === 'max_tokens' ? 'length' : 'stop';
}

/** OpenAI-style `usage`. */
export function chatUsage(inputTokens: number, outputTokens: number): unknown {
  return {
    prompt_tokens: inputTokens,
    completion_tokens: outputTokens,
    total_tokens: inputTokens + outputTokens,
  };
}

/** A non-streamed chat completion. `createdSec` is epoch seconds. */
export function chatCompletionBody(
  id: string,
  createdSec: number,
  model: string,
  text: string,
  stopReason: string,
  inputTokens: number,
  outputTokens: number,
): unknown {
  return {
    id,
    object: 'chat.completion',
    created: createdSec,
    model,
    choices: [
      { index: 0, message: { role: 'assistant', content: text }, finish_reason: finishReason(stopReason) },
    ],
    usage: chatUsage(inputTokens, outputTokens),
  };
}

/** One `chat.completion.chunk`; with `include_usage` every chunk but the usage one has `usage: null`. */
export function chatChunk(
  id: string,
  createdSec: number,
  model: string,
  choices: unknown[],
  includeUsage: boolean,
): Record<string, unknown> {
  const chunk: Record<string, unknown> = {
    id,
    object: 'chat.completion.chunk',
    created: createdSec,
    model,
    choices,
  };
  if (includeUsage) chunk.usage = null;
  return chunk;
}
