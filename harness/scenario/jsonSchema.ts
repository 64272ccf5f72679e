import { z } from 'zod';
import { scenarioSchema } from './scenarioSchema.ts';

/**
 * The JSON Schema of scenario files, generated from the zod schema the loader validates with (so
 * the two cannot disagree). Draft 7, which editors' YAML plugins support best. Written to
 * scenarios/schema.json by `npm run schema`; a test fails when the committed file is stale.
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(scenarioSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  });
  const { $schema, ...rest } = generated as Record<string, unknown>;
  // The loader ignores top-level `x-` keys (holders of YAML anchors); zod cannot say so itself.
  return { $schema, title: 'claude-bench scenario', ...rest, patternProperties: { '^x-': {} } };
}

/** The schema file's exact text: two-space JSON and a final newline. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
