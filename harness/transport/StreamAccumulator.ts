import { estimateTokens } from '../../mocks/protocol/tokens.ts';
import { addCacheUsage } from './cacheUsage.ts';
import type { AnswerBlock, FailureOutcome, OkOutcome, Usage } from './Transport.ts';

/** What one event meant to the reader of the stream. */
export const StreamSignal = {
  /** Nothing the transport has to act on (message_start, ping, block start/stop, unknown events). */
  none: 0,
  /** The first `content_block_delta`: the first content token (TTFT). */
  firstContent: 1,
  /** `message_stop`: the answer is complete. */
  stop: 2,
  /** An `error` event: the stream is over, without an answer. */
  error: 3,
} as const;
export type StreamSignal = (typeof StreamSignal)[keyof typeof StreamSignal];

type Json = Record<string, unknown>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null ? (value as Json) : undefined;
}

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/**
 * Assembles an Anthropic Messages stream (anthropic-wire.md §2) into an answer: its content blocks
 * (`content_block_start` opens one; `text_delta`, `thinking_delta`, `signature_delta` fill it; a
 * `tool_use`'s `input_json_delta` pieces are parsed at `content_block_stop`), text from
 * `text_delta`s, usage from `message_start` and the cumulative `message_delta` counts, the stop
 * reason, or the error of an `error` event. Both transports feed it, so they map streams alike.
 */
export class StreamAccumulator {
  text = '';
  inputTokens = 0;
  /** Last cumulative `output_tokens` the server reported. */
  reportedOutputTokens = 0;
  stopReason: string | null = null;
  contentSeen = false;
  stopped = false;
  errorType: string | undefined;
  errorMessage: string | undefined;
  /** The last wire usage that carried prompt-cache counts (message_start, or a message_delta with them). */
  cacheUsage: object | undefined = undefined;
  /** The answer's blocks by index, as `content_block_start` opened them and the deltas filled them. */
  readonly blocks: Json[] = [];
  /** `input_json_delta` pieces of the open `tool_use` blocks, by index, parsed at `content_block_stop`. */
  readonly #partialJson = new Map<number, string>();

  /** Feeds one event: its SSE name (null for a `data:`-only event: `data.type` is used) and parsed data. */
  onEvent(name: string | null, data: unknown): StreamSignal {
    const object = asObject(data);
    const type = name ?? (object !== undefined && typeof object.type === 'string' ? object.type : '');
    switch (type) {
      case 'content_block_start': {
        const block = asObject(object?.content_block);
        const index = numberOr(object?.index, this.blocks.length);
        if (block !== undefined) this.blocks[index] = { ...block };
        return StreamSignal.none;
      }
      case 'content_block_stop': {
        const index = numberOr(object?.index, -1);
        const json = this.#partialJson.get(index);
        const block = this.blocks[index];
        if (json !== undefined && block !== undefined) {
          this.#partialJson.delete(index);
          try {
            block.input = json === '' ? {} : JSON.parse(json);
          } catch {
            block.input = json;
          }
        }
        return StreamSignal.none;
      }
      case 'content_block_delta': {
        const delta = asObject(object?.delta);
        if (delta !== undefined) this.#onDelta(numberOr(object?.index, 0), delta);
        if (this.contentSeen) return StreamSignal.none;
        this.contentSeen = true;
        return StreamSignal.firstContent;
      }
      case 'message_start': {
        const usage = asObject(asObject(object?.message)?.usage);
        this.inputTokens = numberOr(usage?.input_tokens, this.inputTokens);
        this.cacheUsage = usage ?? this.cacheUsage;
        this.reportedOutputTokens = numberOr(usage?.output_tokens, this.reportedOutputTokens);
        return StreamSignal.none;
      }
      case 'message_delta': {
        const delta = asObject(object?.delta);
        if (delta !== undefined && typeof delta.stop_reason === 'string') this.stopReason = delta.stop_reason;
        const usage = asObject(object?.usage);
        this.inputTokens = numberOr(usage?.input_tokens, this.inputTokens);
        if (usage?.cache_read_input_tokens !== undefined) this.cacheUsage = usage;
        this.reportedOutputTokens = numberOr(usage?.output_tokens, this.reportedOutputTokens);
        return StreamSignal.none;
      }
      case 'message_stop':
        this.stopped = true;
        return StreamSignal.stop;
      case 'error': {
        const error = asObject(object?.error);
        this.errorType = typeof error?.type === 'string' ? error.type : 'unknown_error';
        this.errorMessage = typeof error?.message === 'string' ? error.message : '';
        return StreamSignal.error;
      }
      default:
        return StreamSignal.none;
    }
  }

  #onDelta(index: number, delta: Json): void {
    const block = this.blocks[index];
    switch (delta.type) {
      case 'text_delta':
        if (typeof delta.text !== 'string') return;
        this.text += delta.text;
        if (block !== undefined) block.text = String(block.text ?? '') + delta.text;
        else this.blocks[index] = { type: 'text', text: delta.text };
        return;
      case 'input_json_delta':
        if (typeof delta.partial_json === 'string')
          this.#partialJson.set(index, (this.#partialJson.get(index) ?? '') + delta.partial_json);
        return;
      case 'thinking_delta':
        if (block !== undefined && typeof delta.thinking === 'string')
          block.thinking = String(block.thinking ?? '') + delta.thinking;
        return;
      case 'signature_delta':
        if (block !== undefined && typeof delta.signature === 'string') block.signature = delta.signature;
        return;
      default:
        return;
    }
  }

  /** The blocks received, in index order (a stream without `content_block_start` still gets its text block). */
  content(): AnswerBlock[] {
    const out: AnswerBlock[] = [];
    for (const block of this.blocks) if (block !== undefined) out.push(block as unknown as AnswerBlock);
    return out;
  }

  /**
   * Tokens billed so far. A stream cut short reports at least the estimate of the text received
   * (the shared estimator), since the last cumulative count may lag behind the text.
   */
  usage(): Usage {
    const outputTokens = this.stopped
      ? this.reportedOutputTokens
      : Math.max(this.reportedOutputTokens, estimateTokens(this.text));
    return addCacheUsage({ inputTokens: this.inputTokens, outputTokens }, this.cacheUsage);
  }

  /** The answer of a stream that reached `message_stop`. */
  okOutcome(firstTokenAtMs: number | undefined): OkOutcome {
    const outcome: OkOutcome = {
      kind: 'ok',
      text: this.text,
      content: this.content(),
      stopReason: this.stopReason ?? 'end_turn',
      usage: this.usage(),
    };
    if (firstTokenAtMs !== undefined) outcome.firstTokenAtMs = firstTokenAtMs;
    return outcome;
  }

  /**
   * A stream that ended without `message_stop`: always `stream-dropped`, whatever the cause (reset,
   * clean close, `error` event, idle timeout). An `error` event keeps its `errorType` (usually
   * `overloaded_error`) but is not reported as `overloaded`: the stream had started, and what the
   * client must handle is a drop with partial output, as the SDKs surface it.
   */
  droppedOutcome(reason: string, firstTokenAtMs: number | undefined): FailureOutcome {
    const usage = this.usage();
    const outcome: FailureOutcome = {
      kind: 'stream-dropped',
      message: `stream dropped (${reason}) after ${usage.outputTokens} output tokens`,
      usage,
    };
    if (this.errorType !== undefined) outcome.errorType = this.errorType;
    if (firstTokenAtMs !== undefined) outcome.firstTokenAtMs = firstTokenAtMs;
    return outcome;
  }
}
