/**
 * The JSON bodies of successful answers: a Messages API `Message` (anthropic-wire.md §1.3) and an
 * OpenAI-compatible chat completion and its stream chunks (§7).
 */

/** `usage` of a Message, with the cache fields present and zero (the mock has no prompt cache). */
export function anthropicUsage(inputTokens: number, outputTokens: number): unknown {
  return {
    input_tokens: inputTokens,
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: outputTokens,
    service_tier: 'standard',
  };
}

/** A non-streamed Message. */
export function messageBody(
  id: string,
  model: string,
  text: string,
  stopReason: string,
  inputTokens: number,
  outputTokens: number,
): unknown {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text }],
    stop_reason: stopReason,
    stop_sequence: null,
    usage: anthropicUsage(inputTokens, outputTokens),
  };
}

/** The Message inside `message_start`: no content yet, `stop_reason` null, usage with 1 output token. */
export function startedMessage(id: string, model: string, inputTokens: number): unknown {
  return {
    id,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: anthropicUsage(inputTokens, 1),
  };
}

/** OpenAI's `finish_reason` for an Anthropic stop reason. */
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
