/** A JSON object (not null, not an array): what the request parsers accept as a dictionary. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
