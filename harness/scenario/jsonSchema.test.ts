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
      'workload',
      'strategies',
      'baseline',
      'validity',
      'slo',
      'thresholds',
      'prices',
      'references',
    ]);
    expect(schema.required).toEqual(['workload']);
    expect(schema.additionalProperties).toBe(false);
  });
});
