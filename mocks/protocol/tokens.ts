import { memoByText } from './memoByText.ts';

/**
 * The one token estimator (metrics.md: "use one documented estimator everywhere"): `usage`,
 * `count_tokens`, the mock's rate limiter and the client-side rate limit policy all count with it,
 * so they agree with each other.
 *
 * Rule: every CJK character (and other characters outside Latin scripts, U+3000 and above) is one
 * token; other characters count a quarter token each; the total is rounded up. English text
 * averages about four characters a token with Claude's tokenizer, Chinese about one.
 */
export const estimateTokens: (text: string) => number = memoByText((text) => {
  let wide = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3000) wide++;
  return wide + Math.ceil((text.length - wide) / 4);
});

/** Fixed overhead of a Messages request (role markers and framing), in tokens. */
export const MESSAGE_OVERHEAD_TOKENS = 3;
/** Overhead per message in `messages`, in tokens. */
export const PER_MESSAGE_TOKENS = 4;

type ContentPart = { type?: unknown; text?: unknown };
type MessageLike = { content?: unknown };

/** The text of a message `content` (a string, or the concatenated `text` of its blocks) the estimator counts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as ContentPart[]) if (typeof part?.text === 'string') text += part.text;
  return text;
}

/**
 * Input tokens of a Messages request body (`system` + `messages`), as `usage.input_tokens` and
 * `count_tokens` report them: the estimates of every text, plus the framing overheads.
 */
export function estimateInputTokens(body: { system?: unknown; messages?: unknown }): number {
  let tokens = MESSAGE_OVERHEAD_TOKENS;
  if (body.system !== undefined) tokens += estimateTokens(contentText(body.system));
  if (Array.isArray(body.messages)) {
    for (const m of body.messages as MessageLike[])
      tokens += PER_MESSAGE_TOKENS + estimateTokens(contentText(m?.content));
  }
  return tokens;
}
