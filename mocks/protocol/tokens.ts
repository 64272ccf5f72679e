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

/**
 * The system prompt the API adds when a request has tools, in tokens, by `tool_choice`: 346 for
 * `auto` and `none`, 313 for `any` and `tool`. These are the figures for Claude 4 models (Opus 4.x,
 * Sonnet 4.x, Haiku 4.5) in the "Tool use pricing" table of Anthropic's pricing docs
 * (platform.claude.com/docs/en/about-claude/pricing#tool-use-pricing); the mock applies them to
 * every model of its catalog, the 5.x ones included (an assumption: the table stops at 4.x).
 */
export const TOOL_SYSTEM_PROMPT_TOKENS = { auto: 346, none: 346, any: 313, tool: 313 } as const;

type ContentPart = {
  type?: unknown;
  text?: unknown;
  thinking?: unknown;
  data?: unknown;
  name?: unknown;
  input?: unknown;
  content?: unknown;
};
type MessageLike = { content?: unknown };
type ToolLike = { name?: unknown; description?: unknown; input_schema?: unknown };

/**
 * The text of a message `content` the estimator counts: a string, or its blocks' texts in order:
 * `text`, a `thinking` block's thinking, a `redacted_thinking` block's data, a `tool_use` block's
 * name and input JSON, a `tool_result` block's content (a string or text blocks). Images and
 * documents count nothing.
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content as ContentPart[]) {
    if (typeof part?.text === 'string') text += part.text;
    else if (part !== null && typeof part === 'object') text += blockText(part);
  }
  return text;
}

function blockText(part: ContentPart): string {
  switch (part.type) {
    case 'thinking':
      return typeof part.thinking === 'string' ? part.thinking : '';
    case 'redacted_thinking':
      return typeof part.data === 'string' ? part.data : '';
    case 'tool_use':
      return `${String(part.name)}${JSON.stringify(part.input ?? {})}`;
    case 'tool_result':
      return contentText(part.content);
    default:
      return '';
  }
}

/**
 * Tokens of the tool definitions `tools[0..upTo)` (each tool's name, description and input_schema
 * JSON) plus {@link TOOL_SYSTEM_PROMPT_TOKENS} for `tool_choice`; 0 without tools.
 */
export function toolsTokens(tools: unknown, toolChoice: unknown, upTo?: number): number {
  if (!Array.isArray(tools) || tools.length === 0) return 0;
  const type = (toolChoice as { type?: unknown } | undefined)?.type;
  let tokens =
    type === 'any' || type === 'tool' ? TOOL_SYSTEM_PROMPT_TOKENS.any : TOOL_SYSTEM_PROMPT_TOKENS.auto;
  const end = Math.min(upTo ?? tools.length, tools.length);
  for (let i = 0; i < end; i++) {
    const tool = tools[i] as ToolLike;
    const description = typeof tool?.description === 'string' ? tool.description : '';
    tokens += estimateTokens(
      `${String(tool?.name)}${description}${JSON.stringify(tool?.input_schema ?? {})}`,
    );
  }
  return tokens;
}

/**
 * Input tokens of a Messages request body (`tools` + `system` + `messages`), as
 * `usage.input_tokens` and `count_tokens` report them: the estimates of every text (tool
 * definitions, tool results and thinking blocks sent back included), plus the framing overheads
 * and the tool-use system prompt.
 */
export function estimateInputTokens(body: {
  system?: unknown;
  messages?: unknown;
  tools?: unknown;
  tool_choice?: unknown;
}): number {
  let tokens = MESSAGE_OVERHEAD_TOKENS;
  if (body.tools !== undefined) tokens += toolsTokens(body.tools, body.tool_choice);
  if (body.system !== undefined) tokens += estimateTokens(contentText(body.system));
  if (Array.isArray(body.messages)) {
    for (const m of body.messages as MessageLike[])
      tokens += PER_MESSAGE_TOKENS + estimateTokens(contentText(m?.content));
  }
  return tokens;
}
