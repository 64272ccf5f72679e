import { hashString } from '../../base/random/Random.ts';
import { type ApiProblem, invalidRequest } from './errors.ts';
import { isRecord } from './isRecord.ts';
import { foldMessage } from './promptHash.ts';
import {
  contentText,
  estimateTokens,
  MESSAGE_OVERHEAD_TOKENS,
  PER_MESSAGE_TOKENS,
  toolsTokens,
} from './tokens.ts';

/** A `cache_control` lifetime: `5m` (the default) or `1h`. */
export type CacheTtl = '5m' | '1h';

/**
 * Where the last `cache_control` breakpoint of a request sits, found while validating: in `tools`,
 * in `system` (a list of text blocks) or in `messages`, at list index `index` (and, for messages,
 * content block `block`; -1 for the last block of a string content, as automatic caching puts it).
 */
export interface CacheBreakpoint {
  section: 'tools' | 'system' | 'messages';
  index: number;
  block: number;
  ttl: CacheTtl;
}

/** The cacheable prefix of a request: everything up to and including its last breakpoint. */
export interface CachePrefix {
  /** Tokens of the prefix, by the shared estimator (tool definitions and the tool-use system prompt included, as in `input_tokens`). */
  tokens: number;
  /** Hash of the model and the prefix's content: the prompt cache's key. */
  hash: number;
  ttl: CacheTtl;
}

/** What the prompt cache did for one request, in tokens (all 0: no caching). */
export interface CacheUsage {
  readTokens: number;
  write5mTokens: number;
  write1hTokens: number;
}

/** The usage of a request that neither read nor wrote the cache (shared; never mutate). */
export const NO_CACHE: CacheUsage = Object.freeze({ readTokens: 0, write5mTokens: 0, write1hTokens: 0 });

const PREFIX_HASH_SEED = hashString('prompt-cache');

/**
 * Checks a `cache_control` value found at `path` (`messages.0.content.1.cache_control`): a
 * dictionary with `type: "ephemeral"` and an optional `ttl` of `5m` or `1h`. Returns its ttl, or
 * the API-style 400.
 */
export function checkCacheControl(value: unknown, path: string): CacheTtl | ApiProblem {
  if (!isRecord(value)) return invalidRequest(`${path}: Input should be a valid dictionary`);
  if (value.type === undefined) return invalidRequest(`${path}.type: Field required`);
  if (value.type !== 'ephemeral') return invalidRequest(`${path}.type: Input should be 'ephemeral'`);
  const ttl = value.ttl;
  if (ttl === undefined) return '5m';
  if (ttl !== '5m' && ttl !== '1h') return invalidRequest(`${path}.ttl: Input should be '5m' or '1h'`);
  return ttl;
}

/** Type guard for {@link checkCacheControl}'s answer. */
export function isTtl(value: CacheTtl | ApiProblem): value is CacheTtl {
  return typeof value === 'string';
}

type MessageLike = { role?: unknown; content?: unknown };

/**
 * The prefix a breakpoint closes (validated body assumed): tools, system, then messages, in that
 * order, up to and including the marked block, counted with the shared estimator and the framing
 * overheads `input_tokens` uses, and hashed together with the model id. Only called for requests
 * that carry `cache_control`.
 */
export function cachePrefix(
  body: { tools?: unknown; tool_choice?: unknown; system?: unknown; messages?: unknown },
  modelId: string,
  at: CacheBreakpoint,
): CachePrefix {
  let hash = hashString(modelId, PREFIX_HASH_SEED);
  let tokens = MESSAGE_OVERHEAD_TOKENS;
  const tools = body.tools;
  if (Array.isArray(tools)) {
    const upTo = at.section === 'tools' ? at.index + 1 : tools.length;
    tokens += toolsTokens(tools, body.tool_choice, upTo);
    hash = foldMessage(hash, 'tools', JSON.stringify(tools.slice(0, upTo)));
    // The tool-use system prompt depends on tool_choice: another choice, another prefix.
    const choice = (body.tool_choice as { type?: unknown } | undefined)?.type;
    hash = foldMessage(hash, 'tool_choice', choice === 'any' || choice === 'tool' ? 'forced' : 'auto');
  }
  if (at.section === 'tools') return { tokens, hash, ttl: at.ttl };
  const system = body.system;
  if (system !== undefined) {
    const text =
      at.section === 'system' && Array.isArray(system)
        ? contentText(system.slice(0, at.index + 1))
        : contentText(system);
    tokens += estimateTokens(text);
    hash = foldMessage(hash, 'system', text);
  }
  if (at.section === 'system') return { tokens, hash, ttl: at.ttl };
  const messages = body.messages as MessageLike[];
  for (let i = 0; i <= at.index; i++) {
    const m = messages[i] as MessageLike;
    const content = m.content;
    const text =
      i === at.index && at.block >= 0 && Array.isArray(content)
        ? contentText(content.slice(0, at.block + 1))
        : contentText(content);
    tokens += PER_MESSAGE_TOKENS + estimateTokens(text);
    hash = foldMessage(hash, String(m.role), text);
  }
  return { tokens, hash, ttl: at.ttl };
}
