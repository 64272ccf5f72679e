import { estimateTokens } from '../protocol/tokens.ts';
import type { GeneratedOutput } from './OutputModel.ts';

/**
 * An answer ended by the request's stop sequences (`stop_sequences`, or chat completions' `stop`):
 * the model writes left to right and stops as soon as it has written one of them, so the answer
 * ends with the sequence that is complete first (the earliest end; on a tie, the longer one, which
 * started first). The text is what comes before that sequence, with stop_reason `stop_sequence` and
 * the matched string; `outputTokens` is the estimator's count of that text. An empty sequence never
 * matches. The search runs over the final text, after the `max_tokens` cut, so a sequence wins
 * only if it lies wholly inside the first `max_tokens` tokens (ending exactly at the cut counts),
 * and it runs over the delimiters of a batched answer too. No match: `output` itself, unchanged.
 */
export function stopAtSequence(output: GeneratedOutput, sequences: readonly string[]): GeneratedOutput {
  const text = output.text;
  let at = -1;
  let end = -1;
  let matched = '';
  for (let i = 0; i < sequences.length; i++) {
    const sequence = sequences[i] as string;
    if (sequence === '') continue;
    // A sequence's first occurrence is also where it first ends.
    const found = text.indexOf(sequence);
    if (found < 0) continue;
    const foundEnd = found + sequence.length;
    if (at < 0 || foundEnd < end || (foundEnd === end && found < at)) {
      at = found;
      end = foundEnd;
      matched = sequence;
    }
  }
  if (at < 0) return output;
  const cut = text.slice(0, at);
  return {
    text: cut,
    // Narrow text is 4 characters a token, so there is no need to walk it (or memoize it).
    outputTokens: output.narrow ? Math.ceil(at / 4) : estimateTokens(cut),
    stopReason: 'stop_sequence',
    stopSequence: matched,
    parts: output.parts,
    narrow: output.narrow,
  };
}
