/**
 * Shape comparison of a documented (or recorded) JSON value with the mock's: field names and value
 * types, never values, except discriminators (`type` fields) and the paths a fixture asks for.
 */

/** One difference, at a dotted path such as `body.usage.service_tier`. */
export interface ShapeDifference {
  path: string;
  message: string;
}

/** How {@link diffShape} compares. */
export interface ShapeRules {
  /** Paths whose values must be equal, not only of the same type. `type` fields always are. */
  exact?: readonly string[];
  /** Paths of objects the reference shows only in part: fields beyond the documented ones are fine there. */
  partial?: readonly string[];
}

/** The type name of a JSON value: `null`, `array`, `object`, `string`, `number` or `boolean`. */
export function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Every way `actual` differs in shape from `expected`, in document order: a documented field the
 * mock lacks, a field the mock adds (unless under a `partial` path), a different type, a
 * different discriminator or exact value. Arrays compare their first element with `expected`'s.
 */
export function diffShape(
  expected: unknown,
  actual: unknown,
  path: string,
  rules: ShapeRules = {},
): ShapeDifference[] {
  const out: ShapeDifference[] = [];
  walk(expected, actual, path, rules, out);
  return out;
}

function walk(
  expected: unknown,
  actual: unknown,
  path: string,
  rules: ShapeRules,
  out: ShapeDifference[],
): void {
  const want = jsonType(expected);
  const got = jsonType(actual);
  if (want !== got) {
    out.push({ path, message: `expected ${want}${show(expected)}, got ${got}${show(actual)}` });
    return;
  }
  const exact = path.endsWith('.type') || path === 'type' || (rules.exact ?? []).includes(path);
  if (want === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      if (!(key in a))
        out.push({ path: `${path}.${key}`, message: `missing (documented as ${jsonType(e[key])})` });
      else walk(e[key], a[key], `${path}.${key}`, rules, out);
    }
    if ((rules.partial ?? []).includes(path)) return;
    for (const key of Object.keys(a)) {
      if (!(key in e))
        out.push({ path: `${path}.${key}`, message: `not documented (the mock sends ${jsonType(a[key])})` });
    }
    return;
  }
  if (want === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length === 0) return;
    if (a.length === 0) out.push({ path: `${path}[0]`, message: 'missing (the mock sent an empty array)' });
    else walk(e[0], a[0], `${path}[0]`, rules, out);
    return;
  }
  if (exact && expected !== actual) {
    out.push({ path, message: `expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}` });
  }
}

/** A short value for a message: strings and numbers as JSON, structures not at all. */
function show(value: unknown): string {
  const type = jsonType(value);
  return type === 'string' || type === 'number' || type === 'boolean' ? ` ${JSON.stringify(value)}` : '';
}
