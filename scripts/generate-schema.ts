// Writes scenarios/schema.json from the scenario zod schema, and the mock option tables of
// harness/scenario/FORMAT.md from its descriptions (`npm run schema`). Never edit either by hand:
// harness/scenario/jsonSchema.test.ts fails when they differ from what this writes.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchemaText } from '../harness/scenario/jsonSchema.ts';
import { withMockTables } from '../harness/scenario/mockOptionsTable.ts';

const target = fileURLToPath(new URL('../scenarios/schema.json', import.meta.url));
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${target}`);

const format = fileURLToPath(new URL('../harness/scenario/FORMAT.md', import.meta.url));
writeFileSync(format, withMockTables(readFileSync(format, 'utf8')));
console.log(`wrote the mock option tables of ${format}`);
