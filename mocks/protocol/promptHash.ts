import { hashString } from '../../base/random/Random.ts';
import { memoByText } from './memoByText.ts';

/** Start value of a prompt's hash (the seed of its deterministic answer). */
export const PROMPT_HASH_SEED = hashString('prompt');

/** FNV-1a of a text, memoized: prompts repeat, and hashing them anew costs O(length) a request. */
const textHash = memoByText((text) => hashString(text));

/** Folds a message (role and text) into a running prompt hash. */
export function foldMessage(hash: number, role: string, text: string): number {
  return foldText(hashString(role, hash), text);
}

/** Folds a text into a running prompt hash (an FNV-style step over the text's own hash). */
export function foldText(hash: number, text: string): number {
  return Math.imul(hash ^ textHash(text), 0x01000193) >>> 0;
}

/**
 * The hash a prompt of one user message (and an optional system text) gets: what each task of a
 * batched prompt would have had on its own, so a batched task gets the same answer as alone.
 */
export function singlePromptHash(userText: string, system: string | undefined): number {
  const hash = foldMessage(PROMPT_HASH_SEED, 'user', userText);
  return system === undefined ? hash : foldText(hash, system);
}

/**
 * A content key: a 32-bit hash with a token count in the low 20 bits, exact as a double (the
 * duplicate window's and the prompt cache's keys), so texts whose hashes collide but whose lengths
 * differ stay apart.
 */
export function contentKey(hash: number, tokens: number): number {
  return hash * 0x100000 + (tokens & 0xfffff);
}
