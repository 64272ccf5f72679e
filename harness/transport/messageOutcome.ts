import { addCacheUsage } from './cacheUsage.ts';
import type { AnswerBlock, Outcome } from './Transport.ts';

type ContentBlock = { type?: unknown; text?: unknown };

/**
 * A 200 JSON body (a Message) as an `ok` outcome, its `content` blocks shared as they came; a body
 * that is not a Message is a server error.
 */
export function messageOutcome(body: unknown): Outcome {
  const message = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
  const usage = message?.usage as { input_tokens?: unknown; output_tokens?: unknown } | undefined;
  if (
    message === undefined ||
    !Array.isArray(message.content) ||
    typeof usage !== 'object' ||
    usage === null
  ) {
    return { kind: 'server-error', status: 200, message: 'HTTP 200 with a body that is not a Message' };
  }
  let text = '';
  for (const block of message.content as ContentBlock[]) {
    if (block?.type === 'text' && typeof block.text === 'string') text += block.text;
  }
  return {
    kind: 'ok',
    text,
    content: message.content as readonly AnswerBlock[],
    stopReason: typeof message.stop_reason === 'string' ? message.stop_reason : 'end_turn',
    usage: addCacheUsage(
      {
        inputTokens: typeof usage.input_tokens === 'number' ? usage.input_tokens : 0,
        outputTokens: typeof usage.output_tokens === 'number' ? usage.output_tokens : 0,
      },
      usage,
    ),
  };
}
