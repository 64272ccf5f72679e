// Writes scenarios/schema.json from the scenario zod schema (`npm run schema`). Never edit the
// JSON by hand: harness/scenario/jsonSchema.test.ts fails when it differs from what this writes.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../harness/scenario/jsonSchema.ts';

const target = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);
