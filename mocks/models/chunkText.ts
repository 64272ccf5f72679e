/**
 * Splits an answer into streamed `text_delta` pieces of `chunkTokens` tokens each (the last may
 * be shorter). Narrow text (no CJK) is cut every 4·chunkTokens characters, so the pieces' token
 * counts add up exactly to the whole; wide text is walked character by character with the
 * estimator's rule.
 */
export function chunkText(text: string, chunkTokens: number, narrow: boolean): string[] {
  const chunks: string[] = [];
  if (narrow) {
    const step = chunkTokens * 4;
    for (let i = 0; i < text.length; i += step) chunks.push(text.slice(i, i + step));
    return chunks;
  }
  let from = 0;
  let wide = 0;
  let narrowChars = 0;
  for (let i = 0; i < text.length; i++) {
    const isWide = text.charCodeAt(i) >= 0x3000;
    const nextWide = wide + (isWide ? 1 : 0);
    const nextNarrow = narrowChars + (isWide ? 0 : 1);
    if (i > from && nextWide + Math.ceil(nextNarrow / 4) > chunkTokens) {
      chunks.push(text.slice(from, i));
      from = i;
      wide = isWide ? 1 : 0;
      narrowChars = isWide ? 0 : 1;
    } else {
      wide = nextWide;
      narrowChars = nextNarrow;
    }
  }
  if (from < text.length) chunks.push(text.slice(from));
  return chunks;
}
