import { hashString, Random, ZipfSampler } from '../../base/random/Random.ts';
import { sampleTokens } from '../../mocks/models/sampleTokens.ts';
import { readPromptFile } from '../scenario/readPromptFile.ts';
import type { PromptSource } from '../scenario/types.ts';
import type { ApiMessage } from '../transport/Transport.ts';

/** One prompt of the workload. */
export interface PromptItem {
  /** Index among the distinct prompts (for cache-friendliness analysis). */
  id: number;
  text: string;
  /** `[{ role: 'user', content: text }]`, built once and shared by every request of this prompt (never mutate). */
  messages: readonly ApiMessage[];
  system?: string;
  /** Overrides the workload's max_tokens for this prompt (JSONL files only). */
  maxTokens?: number;
}

const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but have an they ' +
  'you were her all she there would their we him been has when who will more no if out so said what up its about ' +
  'into than them can only other new some time could these two may then first any like now my such make over our ' +
  'even most after also made many before must through back years where much your way well down should because each ' +
  'just those people how too little state good very world still own see men work long here get both between life ' +
  'being under never day same another know while last might us great old year off come since against go came right ' +
  'used take three summarize translate explain classify review rewrite extract contract invoice customer order report'
).split(' ');

/** Generated English-like text of about `tokens` tokens (four characters a token). */
function generateText(id: number, tokens: number, random: Random): string {
  const target = tokens * 4;
  let text = `Task ${id}:`;
  while (text.length < target) text += ` ${random.pick(WORDS)}`;
  return text.slice(0, Math.max(target, 1));
}

/**
 * The system prompt of `workload.systemTokens`: English-like text of exactly `tokens` tokens by the
 * shared estimator (four characters each), the same for every seed, run and strategy, so requests
 * share one prefix (what the API's prompt cache keys on).
 */
export function sharedSystemPrompt(tokens: number): string {
  const random = new Random(hashString('system-prompt'));
  let text = 'You are a careful assistant. Follow these instructions:';
  while (text.length < tokens * 4) text += ` ${random.pick(WORDS)}`;
  return text.slice(0, tokens * 4);
}

/**
 * The distinct prompts of a workload and the popularity with which requests pick them. Generated
 * prompts are drawn once, from the seed, so every strategy in every cell sees the same prompts.
 */
export class PromptPool {
  readonly items: readonly PromptItem[];
  readonly #pick: (random: Random) => number;

  constructor(source: PromptSource, random: Random) {
    const items: PromptItem[] = [];
    if (source.type === 'generated') {
      const textRandom = random.fork('text');
      for (let i = 0; i < source.unique; i++) {
        const text = generateText(i, sampleTokens(source.inputTokens, textRandom), textRandom);
        items.push({ id: i, text, messages: [{ role: 'user', content: text }] });
      }
    } else {
      items.push(...promptFileItems(source.path));
    }
    this.items = items;
    const n = items.length;
    const pop = source.popularity;
    if (pop.type === 'zipf') {
      const zipf = new ZipfSampler(n, pop.exponent);
      this.#pick = (r) => zipf.sample(r);
    } else if (pop.type === 'uniform') {
      this.#pick = (r) => r.int(n);
    } else {
      let next = 0;
      this.#pick = () => next++ % n;
    }
  }

  /** The next request's prompt. */
  next(random: Random): PromptItem {
    return this.items[this.#pick(random)] as PromptItem;
  }
}

/** The prompts of a JSONL prompt file (checked line by line: harness/scenario/readPromptFile.ts). */
function promptFileItems(path: string): PromptItem[] {
  return readPromptFile(path).map((row, id) => {
    const item: PromptItem = { id, text: row.prompt, messages: [{ role: 'user', content: row.prompt }] };
    if (row.system !== undefined) item.system = row.system;
    if (row.maxTokens !== undefined) item.maxTokens = row.maxTokens;
    return item;
  });
}
