import type { Usage } from './Transport.ts';

type WireUsage = {
  cache_read_input_tokens?: unknown;
  cache_creation_input_tokens?: unknown;
  cache_creation?: { ephemeral_1h_input_tokens?: unknown } | null;
};

function positive(value: unknown): number {
  return typeof value === 'number' && value > 0 ? value : 0;
}

/**
 * Copies the prompt-cache counts of a wire `usage` (a Message's, `message_start`'s or
 * `message_delta`'s) onto `usage`, only those above 0 (so answers without caching keep the
 * two-field shape). Returns `usage`.
 */
export function addCacheUsage(usage: Usage, value: object | undefined): Usage {
  if (value === undefined) return usage;
  const wire = value as WireUsage;
  const read = positive(wire.cache_read_input_tokens);
  const write = positive(wire.cache_creation_input_tokens);
  const write1h = positive(wire.cache_creation?.ephemeral_1h_input_tokens);
  if (read > 0) usage.cacheReadTokens = read;
  if (write > 0) usage.cacheWriteTokens = write;
  if (write1h > 0) usage.cacheWrite1hTokens = write1h;
  return usage;
}
