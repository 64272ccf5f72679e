/**
 * What strategies send and get back: one Messages API call, as plain data. Transports turn it into a
 * direct call on the in-process mock (simulated runs) or a real HTTP request (realtime runs).
 */

/** `cache_control` of the Messages API (a `ttl` of `5m` when left out). */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

/*
 * Content blocks travel in the API's wire form (snake_case, as the official SDKs type them), so a
 * transport sends them as they are and a user module can hand them to an SDK unchanged.
 */

/** A `text` block. */
export interface TextBlock {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

/** A `tool_use` block: the model calls tool `name` with `input` (valid against its `input_schema`). */
export interface ToolUseBlock {
  type: 'tool_use';
  /** `toolu_…` id, answered by a `tool_result` with this `tool_use_id` in the next user turn. */
  id: string;
  name: string;
  input: unknown;
  cache_control?: CacheControl;
}

/** A `tool_result` block: the client's answer to a `tool_use`, first in the next user turn. */
export interface ToolResultBlock {
  type: 'tool_result';
  tool_use_id: string;
  content?: string | readonly TextBlock[];
  is_error?: boolean;
  cache_control?: CacheControl;
}

/** A `thinking` block (extended thinking), sent back unchanged with its `signature`. */
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}

/** A `redacted_thinking` block: encrypted thinking, sent back unchanged. */
export interface RedactedThinkingBlock {
  type: 'redacted_thinking';
  data: string;
}

/** A block of a request message. */
export type ContentBlock = TextBlock | ToolUseBlock | ToolResultBlock | ThinkingBlock | RedactedThinkingBlock;

/** A block of an answer: what the model produces. */
export type AnswerBlock = TextBlock | ToolUseBlock | ThinkingBlock | RedactedThinkingBlock;

export interface ApiMessage {
  role: 'user' | 'assistant';
  /** A string (one text block), or content blocks. */
  content: string | readonly ContentBlock[];
}

/** A tool the model may call (wire form). */
export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the tool's `input`. */
  input_schema: Record<string, unknown>;
  cache_control?: CacheControl;
}

/** `tool_choice` (wire form). */
export type ToolChoice =
  | { type: 'auto' | 'any' | 'none'; disable_parallel_tool_use?: boolean }
  | { type: 'tool'; name: string; disable_parallel_tool_use?: boolean };

/** `thinking` (wire form): extended thinking with a token budget (≥ 1024 and < `max_tokens`). */
export type ThinkingConfig = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

/** One Messages API request. */
export interface ApiRequest {
  model: string;
  maxTokens: number;
  messages: readonly ApiMessage[];
  /** A string, or text blocks (which may carry `cache_control`). */
  system?: string | readonly TextBlock[];
  /** Tools offered (`tools`), sent as they are. */
  tools?: readonly ToolDefinition[];
  /** `tool_choice`, sent as it is. */
  toolChoice?: ToolChoice;
  /** `thinking`, sent as it is. */
  thinking?: ThinkingConfig;
  temperature?: number;
  stream: boolean;
  /**
   * Mark the request for the API's prompt cache with this ttl: `cache_control` on the system
   * prompt (its last block), or at the top level (automatic caching) without one. Unset: no
   * `cache_control` added (blocks may still carry their own).
   */
  cacheTtl?: '5m' | '1h';
}

export interface Usage {
  /** `input_tokens`: input after the cached prefix (all of it without prompt caching). */
  inputTokens: number;
  outputTokens: number;
  /** `cache_read_input_tokens`, when above 0. */
  cacheReadTokens?: number;
  /** `cache_creation_input_tokens`, when above 0. */
  cacheWriteTokens?: number;
  /** `cache_creation.ephemeral_1h_input_tokens` (part of `cacheWriteTokens`), when above 0. */
  cacheWrite1hTokens?: number;
}

/** The failure kinds of metrics.md; `ok` is the only success. */
export type FailureKind =
  | 'rate-limited'
  | 'overloaded'
  | 'server-error'
  | 'timeout'
  | 'stream-dropped'
  | 'invalid-request'
  | 'auth-error'
  | 'connection-error'
  | 'batch-split-failed'
  | 'circuit-open'
  | 'budget-exceeded'
  | 'aborted';

/** A successful answer. */
export interface OkOutcome {
  kind: 'ok';
  /** The text of the answer's `text` blocks, joined. */
  text: string;
  /**
   * The answer's content blocks as the API sent them (a stream's assembled: `tool_use` input parsed
   * from its `input_json_delta` pieces). Set by every transport; absent when a strategy made the
   * answer up from text (a batch split) or a user module returned none.
   */
  content?: readonly AnswerBlock[];
  stopReason: string;
  usage: Usage;
  /** Clock time (ms) the first content token arrived, for streams. */
  firstTokenAtMs?: number;
}

/** A failed call or logical request. */
export interface FailureOutcome {
  kind: FailureKind;
  /** HTTP status, when the API answered with one. */
  status?: number;
  /** The API's `error.type`, e.g. `rate_limit_error`, `overloaded_error`. */
  errorType?: string;
  message: string;
  /** Server-requested wait (`retry-after-ms`, else `retry-after` seconds × 1000). */
  retryAfterMs?: number;
  /** Tokens billed although the request failed (a stream dropped after some output). */
  usage?: Usage;
  firstTokenAtMs?: number;
}

export type Outcome = OkOutcome | FailureOutcome;

/** Per-call transport options. */
export interface SendOptions {
  signal?: AbortSignal;
  /** Give up on a stream that sends nothing for this long (ms). Default: wait for ever, as the SDKs do. */
  streamIdleTimeoutMs?: number;
}

/** Every upstream HTTP call made, with its status (0 for a connection error or abort before headers). */
export interface UpstreamObserver {
  onCall(status: number, usage: Usage | undefined): void;
}

export interface Transport {
  send(request: ApiRequest, options?: SendOptions): Promise<Outcome>;
}
