/**
 * The wait a response asks for, in ms: `retry-after-ms` (float ms) wins, then `retry-after` as
 * float seconds or as an HTTP date (relative to `nowEpochMs`), as the official SDKs read them.
 * Undefined when neither header is present or parses; negative waits become 0.
 */
export function parseRetryAfterMs(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  nowEpochMs: number,
): number | undefined {
  const ms = headerValue(headers['retry-after-ms']);
  if (ms !== undefined) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value)) return Math.max(0, value);
  }
  const after = headerValue(headers['retry-after']);
  if (after === undefined) return undefined;
  const seconds = Number(after.trim());
  if (after.trim() !== '' && Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const dateMs = Date.parse(after);
  if (Number.isFinite(dateMs)) return Math.max(0, dateMs - nowEpochMs);
  return undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
