import type { StreamFault } from '../models/FaultModel.ts';
import type { CacheUsage } from '../protocol/cachePrefix.ts';
import {
  type AnswerBlock,
  anthropicUsage,
  chatChunk,
  chatUsage,
  finishReason,
  type ServiceTier,
  startedMessage,
} from '../protocol/shapes.ts';
import { estimateTokens } from '../protocol/tokens.ts';
import type { BlockChunks } from './blockChunks.ts';
import type { StreamEnd, TimedEvent } from './types.ts';

/** When a stream's parts are due, on the clock (absolute ms), and how its content is cut. */
export interface StreamPlan {
  headersAtMs: number;
  /** The first text delta (TTFT). */
  firstTokenAtMs: number;
  /** content_block_stop / message_delta / message_stop (or finish chunk and `[DONE]`). */
  endAtMs: number;
  chunks: readonly string[];
  /** Due time of each chunk: the first at TTFT, the rest evenly spaced over the generation time. */
  chunkAtMs: Float64Array;
  /** Output tokens sent once chunk i is out (cumulative). */
  tokensThrough: Float64Array;
  /** The injected fault, placed on the clock, if any. */
  fault?: { kind: StreamFault['kind']; atMs: number };
}

/** Lays the chunks out between TTFT and the end, and places an injected fault between the first token and the end. */
export function planStream(
  startMs: number,
  timing: { headersMs: number; ttftMs: number; generationMs: number },
  chunks: readonly string[],
  outputTokens: number,
  chunkTokens: number,
  narrow: boolean,
  fault: StreamFault | undefined,
  /** Output tokens of each chunk, when the caller knows them (multi-block answers). */
  pieceTokens?: readonly number[],
): StreamPlan {
  const firstTokenAtMs = startMs + timing.ttftMs;
  const endAtMs = firstTokenAtMs + timing.generationMs;
  const n = chunks.length;
  const chunkAtMs = new Float64Array(n);
  const tokensThrough = new Float64Array(n);
  const stepMs = n > 0 ? timing.generationMs / n : 0;
  let tokens = 0;
  for (let i = 0; i < n; i++) {
    chunkAtMs[i] = Math.round((firstTokenAtMs + i * stepMs) * 1000) / 1000;
    tokens =
      pieceTokens !== undefined
        ? tokens + (pieceTokens[i] as number)
        : narrow
          ? Math.min(outputTokens, (i + 1) * chunkTokens)
          : tokens + estimateTokens(chunks[i] as string);
    tokensThrough[i] = tokens;
  }
  const plan: StreamPlan = {
    headersAtMs: startMs + timing.headersMs,
    firstTokenAtMs,
    endAtMs,
    chunks,
    chunkAtMs,
    tokensThrough,
  };
  if (fault !== undefined) {
    plan.fault = { kind: fault.kind, atMs: firstTokenAtMs + fault.position * timing.generationMs };
  }
  return plan;
}

/** Chunks due at or before `atMs`. */
export function chunksSentBy(plan: StreamPlan, atMs: number): number {
  const times = plan.chunkAtMs;
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) <= atMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Output tokens the client has received by `atMs` (what a cancelled or broken stream bills). */
export function tokensSentBy(plan: StreamPlan, atMs: number): number {
  const sent = chunksSentBy(plan, atMs);
  return sent === 0 ? 0 : (plan.tokensThrough[sent - 1] as number);
}

/** Where the stream stops: after the last event, or at the fault. */
function streamEnd(plan: StreamPlan): StreamEnd {
  const fault = plan.fault;
  if (fault === undefined || fault.kind === 'error-event')
    return { kind: 'complete', atMs: fault?.atMs ?? plan.endAtMs };
  return { kind: fault.kind, atMs: fault.atMs };
}

/** What the final events say. */
export interface StreamMeta {
  id: string;
  model: string;
  /** The whole prompt (Anthropic usage takes `cache`'s reads and writes out of it). */
  inputTokens: number;
  /** What the prompt cache read or wrote. */
  cache: CacheUsage;
  outputTokens: number;
  stopReason: string;
  /** The matched stop sequence (stop_reason `stop_sequence`), else null. */
  stopSequence: string | null;
  /** A multi-block answer: its blocks and how `plan.chunks` map onto them (undefined: one text block). */
  blocks?: { content: readonly AnswerBlock[]; layout: BlockChunks } | undefined;
  /** `usage.service_tier` (Anthropic only): `standard` or `priority`. */
  serviceTier: ServiceTier;
}

/**
 * The Anthropic event sequence (anthropic-wire.md §2): message_start, content_block_start and a
 * ping with the headers; text_delta chunks; content_block_stop, message_delta (cumulative usage,
 * stop_reason, stop_sequence) and message_stop at the end. A fault cuts the sequence after the
 * last chunk due by its time; an `error-event` fault then sends `event: error` overloaded_error.
 */
export function anthropicEvents(
  plan: StreamPlan,
  meta: StreamMeta,
): { events: TimedEvent[]; end: StreamEnd } {
  if (meta.blocks !== undefined) return blockEvents(plan, meta, meta.blocks.content, meta.blocks.layout);
  const h = plan.headersAtMs;
  const events: TimedEvent[] = [
    {
      atMs: h,
      event: 'message_start',
      data: {
        type: 'message_start',
        message: startedMessage(meta.id, meta.model, meta.inputTokens, meta.cache, meta.serviceTier),
      },
    },
    {
      atMs: h,
      event: 'content_block_start',
      data: { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    },
    { atMs: h, event: 'ping', data: { type: 'ping' } },
  ];
  const fault = plan.fault;
  const sent = fault === undefined ? plan.chunks.length : chunksSentBy(plan, fault.atMs);
  for (let i = 0; i < sent; i++) {
    events.push({
      atMs: plan.chunkAtMs[i] as number,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: plan.chunks[i] } },
    });
  }
  endEvents(events, plan, meta, 0);
  return { events, end: streamEnd(plan) };
}

/** `content_block_start`'s block: the block with its streamed fields empty. */
function startedBlock(block: AnswerBlock): unknown {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '' };
    case 'redacted_thinking':
      return block;
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function delta(kind: string, piece: string): unknown {
  switch (kind) {
    case 'thinking_delta':
      return { type: kind, thinking: piece };
    case 'signature_delta':
      return { type: kind, signature: piece };
    case 'input_json_delta':
      return { type: kind, partial_json: piece };
    default:
      return { type: 'text_delta', text: piece };
  }
}

/**
 * The events of a multi-block answer: message_start and a ping with the headers; each block's
 * content_block_start when its first piece is due (block 0 with the headers), its deltas, its
 * content_block_stop when the next block starts (the last at the end); then message_delta and
 * message_stop. A fault cuts it as in {@link anthropicEvents}.
 */
function blockEvents(
  plan: StreamPlan,
  meta: StreamMeta,
  content: readonly AnswerBlock[],
  layout: BlockChunks,
): { events: TimedEvent[]; end: StreamEnd } {
  const h = plan.headersAtMs;
  const events: TimedEvent[] = [
    {
      atMs: h,
      event: 'message_start',
      data: {
        type: 'message_start',
        message: startedMessage(meta.id, meta.model, meta.inputTokens, meta.cache, meta.serviceTier),
      },
    },
  ];
  const fault = plan.fault;
  const sent = fault === undefined ? plan.chunks.length : chunksSentBy(plan, fault.atMs);
  let open = -1;
  const start = (index: number, atMs: number): void => {
    if (open >= 0) {
      events.push({ atMs, event: 'content_block_stop', data: { type: 'content_block_stop', index: open } });
    }
    events.push({
      atMs,
      event: 'content_block_start',
      data: {
        type: 'content_block_start',
        index,
        content_block: startedBlock(content[index] as AnswerBlock),
      },
    });
    if (index === 0) events.push({ atMs, event: 'ping', data: { type: 'ping' } });
    open = index;
  };
  start(0, h);
  for (let i = 0; i < sent; i++) {
    const atMs = plan.chunkAtMs[i] as number;
    const index = layout.block[i] as number;
    if (index !== open) start(index, atMs);
    const kind = layout.kind[i] as string;
    if (kind === 'none') continue;
    events.push({
      atMs,
      event: 'content_block_delta',
      data: { type: 'content_block_delta', index, delta: delta(kind, plan.chunks[i] as string) },
    });
  }
  endEvents(events, plan, meta, open);
  return { events, end: streamEnd(plan) };
}

/**
 * The end of an Anthropic stream, shared by single- and multi-block answers: the last block's
 * content_block_stop, message_delta (stop reason, cumulative usage with its service tier) and
 * message_stop; or, when a fault cut the stream, nothing but an `error-event` fault's overloaded_error.
 */
function endEvents(events: TimedEvent[], plan: StreamPlan, meta: StreamMeta, lastIndex: number): void {
  const fault = plan.fault;
  if (fault === undefined) {
    const e = plan.endAtMs;
    events.push(
      { atMs: e, event: 'content_block_stop', data: { type: 'content_block_stop', index: lastIndex } },
      {
        atMs: e,
        event: 'message_delta',
        data: {
          type: 'message_delta',
          delta: { stop_reason: meta.stopReason, stop_sequence: meta.stopSequence },
          usage: anthropicUsage(meta.inputTokens, meta.outputTokens, meta.cache, meta.serviceTier),
        },
      },
      { atMs: e, event: 'message_stop', data: { type: 'message_stop' } },
    );
  } else if (fault.kind === 'error-event') {
    events.push({
      atMs: fault.atMs,
      event: 'error',
      data: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    });
  }
}

/**
 * The OpenAI-compatible chunk sequence (data-only, anthropic-wire.md §7): a role chunk with the
 * headers, content chunks, a finish chunk, a usage chunk when `include_usage`, then `[DONE]`. An
 * `error-event` fault sends OpenRouter's mid-stream error chunk (`finish_reason: "error"`).
 */
export function openAiEvents(
  plan: StreamPlan,
  meta: StreamMeta & { createdSec: number; includeUsage: boolean },
): { events: TimedEvent[]; end: StreamEnd } {
  const { id, createdSec, model, includeUsage } = meta;
  const chunk = (choices: unknown[]): Record<string, unknown> =>
    chatChunk(id, createdSec, model, choices, includeUsage);
  const events: TimedEvent[] = [
    {
      atMs: plan.headersAtMs,
      event: null,
      data: chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    },
  ];
  const fault = plan.fault;
  const sent = fault === undefined ? plan.chunks.length : chunksSentBy(plan, fault.atMs);
  for (let i = 0; i < sent; i++) {
    events.push({
      atMs: plan.chunkAtMs[i] as number,
      event: null,
      data: chunk([{ index: 0, delta: { content: plan.chunks[i] }, finish_reason: null }]),
    });
  }
  if (fault === undefined) {
    const e = plan.endAtMs;
    events.push({
      atMs: e,
      event: null,
      data: chunk([{ index: 0, delta: {}, finish_reason: finishReason(meta.stopReason) }]),
    });
    if (includeUsage) {
      events.push({
        atMs: e,
        event: null,
        data: { ...chunk([]), usage: chatUsage(meta.inputTokens, meta.outputTokens) },
      });
    }
    events.push({ atMs: e, event: null, data: '[DONE]' });
  } else if (fault.kind === 'error-event') {
    events.push({
      atMs: fault.atMs,
      event: null,
      data: {
        ...chunk([{ index: 0, delta: { content: '' }, finish_reason: 'error' }]),
        error: { code: 'server_error', message: 'Provider disconnected unexpectedly' },
      },
    });
  }
  return { events, end: streamEnd(plan) };
}
