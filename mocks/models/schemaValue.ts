import type { Random } from '../../base/random/Random.ts';

/**
 * A value valid against a tool's `input_schema`, drawn from `random`: the JSON Schema subset tool
 * definitions use. Handled: `type` (one or a list), `enum`, `const`, `required` (always present;
 * other properties half the time), nested `properties` and `items`, `minItems`/`maxItems`,
 * `minLength`/`maxLength`, `minimum`/`maximum` (and the exclusive forms), `multipleOf` for
 * integers, `anyOf`/`oneOf` (one branch), `allOf` (object branches merged), and the string
 * formats `date-time`, `date`, `time` (RFC 3339, with `Z`), `email`, `uri`/`url`, `uuid`, `ipv4`, `hostname`. Not
 * handled: `pattern` (the string is plain words), `$ref`, `not`, `if`/`then`. Nesting deeper than
 * {@link MAX_DEPTH} ends in the simplest value of the type.
 */
export function schemaValue(schema: unknown, random: Random): unknown {
  return draw(schema, random, 0);
}

/** Nesting depth beyond which objects get only their required properties and arrays their minimum. */
export const MAX_DEPTH = 6;

type Schema = Record<string, unknown>;

const WORDS = [
  'alpha',
  'bravo',
  'report',
  'config',
  'main',
  'search',
  'weather',
  'paris',
  'london',
  'query',
  'file',
  'value',
];
const DAY_MS = 86_400_000;
/** 2025-01-01T00:00:00Z: generated dates fall in the two years after it (no clock is read). */
const EPOCH_MS = Date.UTC(2025, 0, 1);

function draw(raw: unknown, random: Random, depth: number): unknown {
  if (raw === true || raw === undefined || raw === null || typeof raw !== 'object') return word(random);
  const schema = raw as Schema;
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return random.pick(schema.enum);
  const branches = (schema.anyOf ?? schema.oneOf) as unknown;
  if (Array.isArray(branches) && branches.length > 0) {
    return draw(
      { ...withoutKeys(schema, 'anyOf', 'oneOf'), ...(random.pick(branches) as Schema) },
      random,
      depth,
    );
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return draw(mergeAll(schema), random, depth);
  let type = schema.type;
  if (Array.isArray(type)) type = type.length > 0 ? random.pick(type) : undefined;
  if (type === undefined) {
    if (isRecordLike(schema.properties)) type = 'object';
    else if (schema.items !== undefined) type = 'array';
    else type = 'string';
  }
  switch (type) {
    case 'object':
      return objectOf(schema, random, depth);
    case 'array':
      return arrayOf(schema, random, depth);
    case 'integer':
      return integerOf(schema, random);
    case 'number':
      return numberOf(schema, random);
    case 'boolean':
      return random.next() < 0.5;
    case 'null':
      return null;
    default:
      return stringOf(schema, random);
  }
}

function objectOf(schema: Schema, random: Random, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = isRecordLike(schema.properties) ? (schema.properties as Record<string, unknown>) : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as unknown[]) : []);
  for (const [name, sub] of Object.entries(properties)) {
    if (!required.has(name) && (depth >= MAX_DEPTH || random.next() < 0.5)) continue;
    out[name] = draw(sub, random, depth + 1);
  }
  // Required names without a property schema still have to be there.
  for (const name of required) {
    if (typeof name === 'string' && !(name in out)) out[name] = word(random);
  }
  return out;
}

function arrayOf(schema: Schema, random: Random, depth: number): unknown[] {
  const min = nonNegative(schema.minItems, 0);
  const max = Math.max(min, nonNegative(schema.maxItems, Math.max(min, 3)));
  const count = depth >= MAX_DEPTH ? min : Math.max(min, Math.min(max, 1 + random.int(3)));
  const out: unknown[] = [];
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : undefined;
  const unique = schema.uniqueItems === true;
  for (let i = 0; i < count; i++) {
    const item = prefix?.[i] ?? schema.items;
    let value = draw(item, random, depth + 1);
    if (unique && typeof value !== 'object') {
      // Distinct primitives: a few redraws, then a numbered variant for strings.
      for (let tries = 0; tries < 8 && out.includes(value); tries++) value = draw(item, random, depth + 1);
      if (out.includes(value) && typeof value === 'string') value = `${value}${i}`;
      if (out.includes(value) && typeof value === 'number') value = Math.max(...(out as number[])) + 1;
    }
    out.push(value);
  }
  return out;
}

function integerOf(schema: Schema, random: Random): number {
  let min = typeof schema.minimum === 'number' ? Math.ceil(schema.minimum) : undefined;
  let max = typeof schema.maximum === 'number' ? Math.floor(schema.maximum) : undefined;
  if (typeof schema.exclusiveMinimum === 'number') min = Math.floor(schema.exclusiveMinimum) + 1;
  if (typeof schema.exclusiveMaximum === 'number') max = Math.ceil(schema.exclusiveMaximum) - 1;
  const lo = min ?? (max === undefined ? 0 : max - 100);
  const hi = Math.max(lo, max ?? lo + 100);
  const step = typeof schema.multipleOf === 'number' && schema.multipleOf > 0 ? schema.multipleOf : 1;
  const first = Math.ceil(lo / step) * step;
  const steps = Math.max(0, Math.floor((hi - first) / step));
  return first + step * random.int(steps + 1);
}

function numberOf(schema: Schema, random: Random): number {
  const exMin = typeof schema.exclusiveMinimum === 'number';
  const exMax = typeof schema.exclusiveMaximum === 'number';
  const min = exMin ? (schema.exclusiveMinimum as number) : (schema.minimum as number | undefined);
  const max = exMax ? (schema.exclusiveMaximum as number) : (schema.maximum as number | undefined);
  const lo = typeof min === 'number' ? min : typeof max === 'number' ? max - 100 : 0;
  const hi = typeof max === 'number' ? max : lo + 100;
  if (typeof schema.multipleOf === 'number') return integerOf(schema, random);
  // Two decimals, kept strictly inside exclusive bounds.
  let value = Math.round(random.uniform(lo, hi) * 100) / 100;
  if (exMin && value <= lo) value = lo + (hi - lo) / 2;
  if (exMax && value >= hi) value = lo + (hi - lo) / 2;
  return Math.min(Math.max(value, lo), hi);
}

function stringOf(schema: Schema, random: Random): string {
  const text = formatted(schema.format, random) ?? wordsOf(random);
  const min = nonNegative(schema.minLength, 0);
  const max = nonNegative(schema.maxLength, Number.POSITIVE_INFINITY);
  if (schema.format !== undefined && text.length >= min && text.length <= max) return text;
  let out = text;
  while (out.length < min) out += ` ${word(random)}`;
  if (out.length > max) out = out.slice(0, max);
  return out;
}

function formatted(format: unknown, random: Random): string | undefined {
  switch (format) {
    case 'date-time':
      return new Date(EPOCH_MS + random.int(730 * 86_400) * 1000).toISOString().replace('.000Z', 'Z');
    case 'date':
      return new Date(EPOCH_MS + random.int(730) * DAY_MS).toISOString().slice(0, 10);
    case 'time':
      return new Date(EPOCH_MS + random.int(DAY_MS)).toISOString().slice(11, 19) + 'Z';
    case 'email':
      return `${word(random)}.${word(random)}${random.int(100)}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${word(random)}/${random.int(1000)}`;
    case 'hostname':
      return `${word(random)}.example.com`;
    case 'ipv4':
      return `10.${random.int(256)}.${random.int(256)}.${random.int(256)}`;
    case 'uuid':
      return uuid(random);
    default:
      return undefined;
  }
}

/** A version-4 UUID from `random`. */
function uuid(random: Random): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += random.int(16).toString(16);
    return s;
  };
  const variant = (8 + random.int(4)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

function word(random: Random): string {
  return random.pick(WORDS);
}

function wordsOf(random: Random): string {
  const n = 1 + random.int(3);
  let s = word(random);
  for (let i = 1; i < n; i++) s += ` ${word(random)}`;
  return s;
}

function nonNegative(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback;
}

function isRecordLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withoutKeys(schema: Schema, ...keys: string[]): Schema {
  const out: Schema = {};
  for (const [k, v] of Object.entries(schema)) if (!keys.includes(k)) out[k] = v;
  return out;
}

/** `allOf` branches folded into one schema: properties and required lists merged, other keys last wins. */
function mergeAll(schema: Schema): Schema {
  const merged: Schema = withoutKeys(schema, 'allOf');
  const properties: Record<string, unknown> = isRecordLike(merged.properties)
    ? { ...(merged.properties as Record<string, unknown>) }
    : {};
  const required = new Set<unknown>(Array.isArray(merged.required) ? merged.required : []);
  for (const branch of schema.allOf as unknown[]) {
    if (!isRecordLike(branch)) continue;
    const b = branch as Schema;
    for (const [k, v] of Object.entries(b)) {
      if (k === 'properties' && isRecordLike(v)) Object.assign(properties, v);
      else if (k === 'required' && Array.isArray(v)) for (const r of v) required.add(r);
      else merged[k] = v;
    }
  }
  if (Object.keys(properties).length > 0) merged.properties = properties;
  if (required.size > 0) merged.required = [...required];
  return merged;
}
