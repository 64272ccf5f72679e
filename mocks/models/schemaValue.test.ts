import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { schemaValue } from './schemaValue.ts';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => void;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

const FORMATS = ['date-time', 'date', 'time', 'email', 'uri', 'uuid', 'ipv4', 'hostname'];

/** A random schema of the subset tool definitions use, `depth` levels deep at most. */
function randomSchema(r: Random, depth: number): Record<string, unknown> {
  const kinds =
    depth <= 0
      ? ['string', 'integer', 'number', 'boolean', 'enum']
      : ['object', 'array', 'string', 'integer', 'number', 'boolean', 'enum', 'anyOf', 'null'];
  const kind = r.pick(kinds);
  switch (kind) {
    case 'object': {
      const properties: Record<string, unknown> = {};
      const n = 1 + r.int(4);
      for (let i = 0; i < n; i++) properties[`p${i}`] = randomSchema(r, depth - 1);
      const required = Object.keys(properties).filter(() => r.chance(0.5));
      return { type: 'object', properties, required, additionalProperties: false };
    }
    case 'array': {
      const minItems = r.int(3);
      return { type: 'array', items: randomSchema(r, depth - 1), minItems, maxItems: minItems + r.int(3) };
    }
    case 'string': {
      if (r.chance(0.4)) return { type: 'string', format: r.pick(FORMATS) };
      const minLength = r.int(10);
      return { type: 'string', minLength, maxLength: minLength + r.int(20) };
    }
    case 'integer': {
      const minimum = r.int(200) - 100;
      return r.chance(0.5)
        ? { type: 'integer', minimum, maximum: minimum + r.int(50) }
        : { type: 'integer', exclusiveMinimum: minimum, exclusiveMaximum: minimum + 2 + r.int(50) };
    }
    case 'number': {
      const minimum = r.uniform(-10, 10);
      return { type: 'number', minimum, maximum: minimum + r.uniform(0.5, 10) };
    }
    case 'enum':
      return { type: 'string', enum: ['a', 'b', 'c'].slice(0, 1 + r.int(3)) };
    case 'anyOf':
      return { anyOf: [randomSchema(r, depth - 1), randomSchema(r, depth - 1)] };
    case 'null':
      return { type: ['string', 'null'] };
    default:
      return { type: 'boolean' };
  }
}

describe('schemaValue', () => {
  it('generates inputs that validate against 500 random tool schemas (ajv, with formats)', () => {
    const r = new Random(42, 'schemas');
    const failures: string[] = [];
    for (let i = 0; i < 500; i++) {
      const schema = { type: 'object', properties: { root: randomSchema(r, 4) }, required: ['root'] };
      const value = schemaValue(schema, new Random(i, 'values'));
      if (!ajv.validate(schema, value)) {
        failures.push(`${JSON.stringify(schema)} -> ${JSON.stringify(value)}: ${ajv.errorsText()}`);
      }
    }
    expect(failures.slice(0, 3)).toEqual([]);
  });

  it('fills required properties, nested objects, arrays and formats, exactly under a seed', () => {
    const schema = {
      type: 'object',
      properties: {
        location: { type: 'string' },
        unit: { enum: ['celsius', 'fahrenheit'] },
        when: { type: 'string', format: 'date-time' },
        contact: {
          type: 'object',
          properties: { email: { type: 'string', format: 'email' }, id: { type: 'string', format: 'uuid' } },
          required: ['email', 'id'],
        },
        tags: { type: 'array', items: { type: 'string', format: 'uri' }, minItems: 2, maxItems: 2 },
      },
      required: ['location', 'unit', 'when', 'contact', 'tags'],
    };
    expect(schemaValue(schema, new Random(7))).toMatchInlineSnapshot(`
      {
        "contact": {
          "email": "weather.value48@example.com",
          "id": "ebdecb8c-3b6b-4e86-bfeb-d0ec24f5de75",
        },
        "location": "config",
        "tags": [
          "https://example.com/london/269",
          "https://example.com/report/14",
        ],
        "unit": "fahrenheit",
        "when": "2026-09-16T16:30:10Z",
      }
    `);
  });

  it('is deterministic: the same seed gives the same value', () => {
    const schema = { type: 'object', properties: { a: { type: 'integer' }, b: { type: 'string' } } };
    expect(schemaValue(schema, new Random(3))).toEqual(schemaValue(schema, new Random(3)));
  });
});
