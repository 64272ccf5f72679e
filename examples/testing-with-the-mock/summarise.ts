/**
 * The app under test in this example: a function of a user's application that calls Claude through
 * the official SDK. Nothing in it knows about the mock; its tests (summarise.test.ts) point the SDK
 * at `claude-bench/mock`.
 */
import type Anthropic from '@anthropic-ai/sdk';

/** What {@link summarise} returns: the summary and the tokens it cost. */
export interface Summary {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

/**
 * One-paragraph summary of `document` (at most `maxTokens` output tokens, default 200). Retries are
 * the SDK's own (`maxRetries`, default 2); an error left after them is thrown to the caller.
 */
export async function summarise(client: Anthropic, document: string, maxTokens = 200): Promise<Summary> {
  const message = await client.messages.create({
    model: 'claude-haiku-4-5',
    max_tokens: maxTokens,
    system: 'Summarise the document in one paragraph.',
    messages: [{ role: 'user', content: document }],
  });
  const text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
  return { text, inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
}
