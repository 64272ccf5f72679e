/**
 * Server-sent event framing for the two wire formats the mock speaks. The bindings write these
 * strings to the socket; the core only produces `TimedEvent`s.
 */

/** One Anthropic event: `event: <name>\ndata: <json>\n\n`. Every event carries its name (the SDKs drop unnamed ones). */
export function encodeAnthropicEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** One OpenAI-compatible chunk: `data: <json>\n\n`, or `data: [DONE]\n\n` for the literal `[DONE]`. */
export function encodeOpenAiChunk(data: unknown): string {
  return data === '[DONE]' ? 'data: [DONE]\n\n' : `data: ${JSON.stringify(data)}\n\n`;
}

/** An SSE comment line (`: text\n\n`), which parsers ignore; OpenRouter sends `: OPENROUTER PROCESSING` as keep-alive. */
export function encodeSseComment(text: string): string {
  return `: ${text}\n\n`;
}
