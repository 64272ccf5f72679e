/** The model classes the API keeps separate rate-limit pools for. */
export type ModelClass = 'opus' | 'sonnet' | 'haiku';

export const MODEL_CLASSES: readonly ModelClass[] = ['opus', 'sonnet', 'haiku'];

/**
 * A model's class, from its id (`claude-opus-4-6` → `opus`), or undefined for an id naming none.
 * The API pools rate limits per class ("Claude Opus 4.x" shares one pool across 4.8, 4.6, 4.5).
 */
export function modelClassOf(modelId: string): ModelClass | undefined {
  if (modelId.includes('opus')) return 'opus';
  if (modelId.includes('sonnet')) return 'sonnet';
  if (modelId.includes('haiku')) return 'haiku';
  return undefined;
}
