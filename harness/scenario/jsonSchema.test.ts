import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchema, scenarioJsonSchemaText } from './jsonSchema.ts';

describe('scenarios/schema.json', () => {
  it('is the schema generated from the zod schema (run `npm run schema` after changing the format)', () => {
    const committed = readFileSync(new URL('../../scenarios/schema.json', import.meta.url), 'utf8');
    expect(
      committed === scenarioJsonSchemaText(),
      'scenarios/schema.json is stale: run `npm run schema`',
    ).toBe(true);
  });

  it('describes the top-level fields, requires workload and rejects unknown keys', () => {
    const schema = scenarioJsonSchema() as {
      $schema: string;
      properties: Record<string, unknown>;
      required: string[];
      additionalProperties: boolean;
    };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(Object.keys(schema.properties)).toEqual([
      '$schema',
      'name',
      'description',
      'seed',
      'mode',
      'mock',
      'target',
      'cooldown',
      'gateway',
      'workload',
      'strategies',
      'baseline',
      'validity',
      'slo',
      'objective',
      'timeSeries',
      'thresholds',
      'prices',
      'references',
    ]);
    expect(schema.required).toEqual(['workload']);
    expect(schema.additionalProperties).toBe(false);
  });

  it('describes every property, nested objects, list items and union branches included', () => {
    expect(undescribed(scenarioJsonSchema())).toEqual([]);
  });

  it('finds an undescribed property anywhere (the check itself)', () => {
    const schema = {
      properties: {
        a: { description: 'ok', anyOf: [{ properties: { b: {} } }] },
        c: { description: 'ok', items: { properties: { d: {} } } },
      },
    };
    expect(undescribed(schema)).toEqual(['a|0.b', 'c[].d']);
  });
});

/** Paths of the properties without a description, walking objects, arrays, unions and maps. */
function undescribed(node: unknown, path = '', isProperty = false): string[] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const found: string[] = [];
  if (isProperty && typeof n.description !== 'string') found.push(path.replace(/^\./, ''));
  for (const [key, value] of Object.entries((n.properties ?? {}) as Record<string, unknown>)) {
    found.push(...undescribed(value, `${path}.${key}`, true));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    ((n[key] ?? []) as unknown[]).forEach((branch, i) => {
      found.push(...undescribed(branch, `${path}|${i}`));
    });
  }
  if (n.items !== undefined) found.push(...undescribed(n.items, `${path}[]`));
  if (typeof n.additionalProperties === 'object')
    found.push(...undescribed(n.additionalProperties, `${path}{}`));
  for (const [key, value] of Object.entries((n.definitions ?? {}) as Record<string, unknown>)) {
    found.push(...undescribed(value, `#${key}`));
  }
  return found;
}
