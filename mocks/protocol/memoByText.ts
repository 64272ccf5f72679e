/**
 * Memoizes a function of a string. Workloads resend the same prompt strings (the same objects), and
 * V8 caches a string's hash in the string itself, so a lookup is O(1) where recomputing is O(length):
 * this keeps per-request costs flat however long the prompts are. Short strings are computed
 * directly; the table is cleared when it reaches `maxEntries`, so memory stays bounded.
 */
export function memoByText(
  fn: (text: string) => number,
  maxEntries = 65_536,
  minLength = 48,
): (text: string) => number {
  const memo = new Map<string, number>();
  return (text) => {
    if (text.length < minLength) return fn(text);
    let value = memo.get(text);
    if (value === undefined) {
      value = fn(text);
      if (memo.size >= maxEntries) memo.clear();
      memo.set(text, value);
    }
    return value;
  };
}
