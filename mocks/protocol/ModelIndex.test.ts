import { describe, expect, it } from 'vitest';
import { mockConfigSchema } from '../config/MockConfig.ts';
import { displayNameOf, ModelIndex } from './ModelIndex.ts';

const models = mockConfigSchema.parse({
  models: ['a-1', 'b-2', 'c-3'].map((id) => ({
    id,
    aliases: [`${id}-20250101`],
    maxOutputTokens: 10,
    contextTokens: 100,
    inputPerMTok: 1,
    outputPerMTok: 1,
  })),
}).models as NonNullable<ReturnType<typeof mockConfigSchema.parse>['models']>;

describe('ModelIndex', () => {
  it('finds a model by id, alias and OpenRouter-style name', () => {
    const index = new ModelIndex(models);
    expect([
      index.find('b-2')?.id,
      index.find('b-2-20250101')?.id,
      index.find('anthropic/b.2')?.id,
      index.find('z'),
    ]).toEqual(['b-2', 'b-2', 'b-2', undefined]);
  });

  it('pages forward with after_id and backward with before_id', () => {
    const index = new ModelIndex(models);
    const ids = (page: { data: { id: string }[] }) => page.data.map((m) => m.id);
    expect(ids(index.page({ limit: 2 }))).toEqual(['a-1', 'b-2']);
    expect(index.page({ limit: 2 }).has_more).toBe(true);
    expect(ids(index.page({ limit: 2, afterId: 'b-2' }))).toEqual(['c-3']);
    expect(index.page({ limit: 2, afterId: 'b-2' })).toMatchObject({
      has_more: false,
      first_id: 'c-3',
      last_id: 'c-3',
    });
    expect(ids(index.page({ limit: 1, beforeId: 'c-3' }))).toEqual(['b-2']);
  });

  it('derives display names from ids', () => {
    expect([
      displayNameOf('claude-sonnet-4-5'),
      displayNameOf('claude-haiku-4-5-20251001'),
      displayNameOf('claude-sonnet-5'),
    ]).toEqual(['Claude Sonnet 4.5', 'Claude Haiku 4.5', 'Claude Sonnet 5']);
  });
});
