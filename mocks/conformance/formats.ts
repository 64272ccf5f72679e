/** The value formats a conformance fixture can ask of a header or a body field. */

const FORMATS: Readonly<Record<string, RegExp>> = {
  integer: /^\d+$/,
  rfc3339: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/,
  'request-id': /^req_[A-Za-z0-9]+$/,
  'message-id': /^msg_[A-Za-z0-9]+$/,
  present: /^/,
};

/** The format names, for error messages. */
export const FORMAT_NAMES: readonly string[] = [...Object.keys(FORMATS), '=VALUE'];

/**
 * Why `value` does not have `format` (`integer`, `rfc3339`, `request-id`, `message-id`, `present`
 * or `=VALUE` for that exact value), or undefined when it has.
 */
export function formatProblem(format: string, value: string | undefined): string | undefined {
  if (value === undefined) return `missing (documented as ${format})`;
  if (format.startsWith('=')) {
    return value === format.slice(1)
      ? undefined
      : `expected ${JSON.stringify(format.slice(1))}, got ${JSON.stringify(value)}`;
  }
  const pattern = FORMATS[format];
  if (pattern === undefined) return `unknown format "${format}"; use one of ${FORMAT_NAMES.join(', ')}`;
  return pattern.test(value) ? undefined : `expected ${format}, got ${JSON.stringify(value)}`;
}
