import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mockOptionsMarkdown, withMockTables } from './mockOptionsTable.ts';

describe("FORMAT.md's mock option tables", () => {
  it('are the tables generated from the schema (run `npm run schema` after changing a mock option)', () => {
    const committed = readFileSync(new URL('./FORMAT.md', import.meta.url), 'utf8');
    expect(committed === withMockTables(committed), 'FORMAT.md is stale: run `npm run schema`').toBe(true);
  });

  it('give every mock option a type and a default (or "required"), sections aside', () => {
    const rows = mockOptionsMarkdown()
      .split('\n')
      .filter((line) => line.startsWith('| `'))
      .map((line) => line.split(/(?<!\\)\|/).map((c) => c.trim()));
    expect(rows.length).toBeGreaterThan(60);
    const lacking = rows.filter(([, , type, , def]) => type !== 'object' && (type === '' || def === ''));
    expect(lacking.map((r) => r[1])).toEqual([]);
  });

  it('split a description into unit, default and meaning', () => {
    const md = mockOptionsMarkdown();
    expect(md).toContain(
      '| `ttftMs` | duration | ms, or 200ms, 30s, 5m, 1h | 400ms | Median time to first token of a short prompt, before the per-token terms. |',
    );
    expect(md).toContain('| `overflow` | `queue` \\| `reject` |  | queue |');
  });
});
