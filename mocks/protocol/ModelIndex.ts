import type { ModelSpec } from '../config/MockConfig.ts';

/** One entry of `GET /v1/models`. */
export interface ModelInfo {
  type: 'model';
  id: string;
  display_name: string;
  created_at: string;
}

/** A page of `GET /v1/models`, in the API's list shape. */
export interface ModelPage {
  data: ModelInfo[];
  has_more: boolean;
  first_id: string | null;
  last_id: string | null;
}

/** Page size of `GET /v1/models` when `limit` is not given, and its largest value (the API's). */
export const DEFAULT_PAGE_LIMIT = 20;
export const MAX_PAGE_LIMIT = 1000;

/**
 * The catalog, looked up by id or alias. OpenRouter-style names resolve too
 * (`anthropic/claude-sonnet-4.5` → `claude-sonnet-4-5`), so OpenAI-compatible clients configured
 * for OpenRouter can point at the mock unchanged.
 */
export class ModelIndex {
  readonly #byName = new Map<string, ModelSpec>();
  readonly #infos: ModelInfo[];

  constructor(models: readonly ModelSpec[]) {
    for (const m of models) {
      this.#byName.set(m.id, m);
      for (const alias of m.aliases) if (!this.#byName.has(alias)) this.#byName.set(alias, m);
    }
    this.#infos = models.map((m) => ({
      type: 'model',
      id: m.id,
      display_name: m.displayName ?? displayNameOf(m.id),
      created_at: m.createdAt,
    }));
  }

  /** The model a request names, or undefined for an unknown one. */
  find(name: string): ModelSpec | undefined {
    const direct = this.#byName.get(name);
    if (direct !== undefined || !name.startsWith('anthropic/')) return direct;
    return this.#byName.get(name.slice('anthropic/'.length).replaceAll('.', '-'));
  }

  /** `GET /v1/models/{id}`: the entry of a model (by id or alias), or undefined. */
  info(name: string): ModelInfo | undefined {
    const model = this.find(name);
    return model === undefined ? undefined : this.#infos.find((i) => i.id === model.id);
  }

  /**
   * `GET /v1/models`: models in catalog order; `afterId` / `beforeId` page forward / backward
   * from an id, `limit` (1..1000, default 20) bounds the page.
   */
  page(options: { limit?: number; afterId?: string; beforeId?: string } = {}): ModelPage {
    const limit = options.limit ?? DEFAULT_PAGE_LIMIT;
    let from = 0;
    let to = this.#infos.length;
    if (options.afterId !== undefined) from = this.#indexOf(options.afterId) + 1;
    if (options.beforeId !== undefined) to = Math.max(0, this.#indexOf(options.beforeId));
    let data: ModelInfo[];
    let hasMore: boolean;
    if (options.beforeId !== undefined && options.afterId === undefined) {
      data = this.#infos.slice(Math.max(from, to - limit), to);
      hasMore = to - limit > from;
    } else {
      data = this.#infos.slice(from, Math.min(to, from + limit));
      hasMore = from + limit < to;
    }
    return {
      data,
      has_more: hasMore,
      first_id: data[0]?.id ?? null,
      last_id: data[data.length - 1]?.id ?? null,
    };
  }

  #indexOf(id: string): number {
    const resolved = this.find(id)?.id ?? id;
    const i = this.#infos.findIndex((info) => info.id === resolved);
    return i < 0 ? this.#infos.length : i;
  }
}

/** `claude-sonnet-4-5` → `Claude Sonnet 4.5`; `claude-sonnet-5` → `Claude Sonnet 5`. */
export function displayNameOf(id: string): string {
  const words = id.split('-');
  const out: string[] = [];
  let version = '';
  for (const word of words) {
    if (/^\d+$/.test(word) && word.length <= 2) version = version === '' ? word : `${version}.${word}`;
    else if (/^\d+$/.test(word)) continue;
    else out.push(word.charAt(0).toUpperCase() + word.slice(1));
  }
  return version === '' ? out.join(' ') : `${out.join(' ')} ${version}`;
}
