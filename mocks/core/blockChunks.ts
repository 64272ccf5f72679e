import { chunkText } from '../models/chunkText.ts';
import type { AnswerBlock } from '../protocol/shapes.ts';
import { estimateTokens } from '../protocol/tokens.ts';

/**
 * The streamed pieces of a multi-block answer, in order (anthropic-wire.md §2.1): a thinking
 * block's `thinking_delta` pieces then one `signature_delta`; a redacted_thinking block has no
 * delta (its `data` travels in content_block_start), so it is one piece of kind `none`; text as
 * `text_delta`; a tool_use block as `input_json_delta` pieces of its input's JSON, the first one
 * empty as in the recorded stream. Every piece is `chunkTokens` tokens at most; the pieces of a
 * block add up to its `blockTokens` exactly (the last piece takes the remainder), so a stream cut
 * short bills what it sent.
 */
export interface BlockChunks {
  /** Delta text of each piece (`''` for `none`). */
  pieces: string[];
  /** Output tokens of each piece. */
  tokens: number[];
  /** Content block index of each piece. */
  block: number[];
  kind: DeltaKind[];
}

export type DeltaKind = 'text_delta' | 'thinking_delta' | 'signature_delta' | 'input_json_delta' | 'none';

export function blockChunks(
  blocks: readonly AnswerBlock[],
  blockTokens: readonly number[],
  chunkTokens: number,
): BlockChunks {
  const out: BlockChunks = { pieces: [], tokens: [], block: [], kind: [] };
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as AnswerBlock;
    const total = blockTokens[b] ?? 0;
    const from = out.pieces.length;
    switch (block.type) {
      case 'thinking':
        pushText(out, b, 'thinking_delta', block.thinking, chunkTokens);
        push(out, b, 'signature_delta', block.signature, 0);
        break;
      case 'redacted_thinking':
        push(out, b, 'none', '', total);
        break;
      case 'text':
        pushText(out, b, 'text_delta', block.text, chunkTokens);
        break;
      case 'tool_use':
        push(out, b, 'input_json_delta', '', 0);
        pushText(out, b, 'input_json_delta', JSON.stringify(block.input), chunkTokens);
        break;
    }
    settle(out.tokens, from, total);
  }
  return out;
}

function push(out: BlockChunks, block: number, kind: DeltaKind, piece: string, tokens: number): void {
  out.pieces.push(piece);
  out.tokens.push(tokens);
  out.block.push(block);
  out.kind.push(kind);
}

function pushText(out: BlockChunks, block: number, kind: DeltaKind, text: string, chunkTokens: number): void {
  for (const piece of chunkText(text, chunkTokens, isNarrow(text))) {
    push(out, block, kind, piece, estimateTokens(piece));
  }
}

/** Makes tokens[from..] add up to `total`: the last piece with tokens absorbs the difference. */
function settle(tokens: number[], from: number, total: number): void {
  let sum = 0;
  for (let i = from; i < tokens.length; i++) sum += tokens[i] as number;
  if (sum === total || tokens.length === from) return;
  let last = tokens.length - 1;
  while (last > from && tokens[last] === 0 && sum > 0) last--;
  tokens[last] = Math.max(0, (tokens[last] as number) + total - sum);
}

function isNarrow(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3000) return false;
  return true;
}
