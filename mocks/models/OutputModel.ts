import { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';
import { singlePromptHash } from '../protocol/promptHash.ts';
import type { AnswerBlock } from '../protocol/shapes.ts';
import { estimateTokens } from '../protocol/tokens.ts';
import { sampleTokens } from './sampleTokens.ts';
import { stopAtSequence } from './stopAtSequence.ts';
import type { TextGenerator } from './TextGenerator.ts';

/** One generated answer. */
export interface GeneratedOutput {
  text: string;
  /** `usage.output_tokens`: always `estimateTokens(text)`. */
  outputTokens: number;
  stopReason: 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use';
  /** The stop sequence that ended the answer (stop_reason `stop_sequence`), else null. */
  stopSequence: string | null;
  /** Answer parts before any `max_tokens` or stop sequence cut (1 unless the prompt was batched). */
  parts: number;
  /** True when every character of `text` counts a quarter token (no CJK), so 4 characters are one token. */
  narrow: boolean;
  /**
   * The content when it is more than one text block (thinking, a text preamble, tool_use), with
   * `blockTokens[i]` the output tokens of block i (they add up to `outputTokens`); `text` is then
   * the text block's text, or empty. Undefined for a plain text answer.
   */
  blocks?: readonly AnswerBlock[];
  blockTokens?: readonly number[];
}

/** What an answer depends on. */
export interface OutputInput {
  /** Hash of the prompt (system + messages): the key of a deterministic answer. */
  promptHash: number;
  /** Text of the last user message, where batched tasks are counted. */
  lastUserText: string;
  maxTokens: number;
  /** Messages in the prompt, and its system text: a one-message batch answers each task as it would alone. */
  turns?: number;
  systemText?: string | undefined;
  /** The request's stop sequences (non-empty when present); see {@link stopAtSequence}. */
  stopSequences?: readonly string[] | undefined;
}

/**
 * The answers (MockConfig `output`). Each answer part's length is drawn from `output.tokens`; with
 * `deterministic` (the default) the draws come from a generator seeded by the server's seed and
 * the prompt, so the same prompt gets the same text on every call and in every run with that seed;
 * otherwise from the server's own stream. A last user message holding K tasks separated by
 * `delimiter` gets K parts joined by the same delimiter; with `formatBreakProbability` the model
 * returns K−1 or K+1 parts instead (even odds). The whole answer is cut at `max_tokens`
 * (stop_reason `max_tokens`), so a cut batch loses its last parts. Then, if the request has stop
 * sequences, the answer ends before the one completed first in that text (stop_reason `stop_sequence`,
 * {@link stopAtSequence}); the draws do not depend on them, so the text is a prefix of the answer
 * without them.
 */
export class OutputModel {
  readonly #config: MockConfig['output'];
  readonly #text: TextGenerator;
  readonly #random: Random;
  readonly #delimiterNarrow: boolean;
  /** Length of `delimiter` (a narrow delimiter costs a quarter token a character). */
  readonly #delimiterChars: number;

  constructor(config: MockConfig['output'], text: TextGenerator, random: Random) {
    this.#config = config;
    this.#text = text;
    this.#random = random;
    this.#delimiterNarrow = isNarrow(config.delimiter);
    this.#delimiterChars = config.delimiter.length;
  }

  generate(input: OutputInput): GeneratedOutput {
    const output = this.#generate(input);
    const stops = input.stopSequences;
    return stops === undefined ? output : stopAtSequence(output, stops);
  }

  #generate(input: OutputInput): GeneratedOutput {
    const c = this.#config;
    const r = c.deterministic
      ? new Random((this.#random.seed ^ input.promptHash) >>> 0, this.#random.stream)
      : this.#random;
    const tasks = countTasks(input.lastUserText, c.delimiter);
    let parts = tasks;
    if (tasks > 1 && c.formatBreakProbability > 0) {
      const u = r.next();
      if (u < c.formatBreakProbability) parts = u < c.formatBreakProbability / 2 ? tasks - 1 : tasks + 1;
    }
    const max = input.maxTokens;
    if (parts === 1) {
      const tokens = sampleTokens(c.tokens, r);
      const u = r.next();
      if (tokens > max)
        return {
          text: this.#text.text(max, u),
          outputTokens: max,
          stopReason: 'max_tokens',
          stopSequence: null,
          parts,
          narrow: true,
        };
      return {
        text: this.#text.text(tokens, u),
        outputTokens: tokens,
        stopReason: 'end_turn',
        stopSequence: null,
        parts,
        narrow: true,
      };
    }
    // A deterministic one-message batch answers each task exactly as it would be answered alone
    // (same length, same text), so batching changes how answers travel, not what they say.
    const taskTexts =
      c.deterministic && input.turns === 1 ? input.lastUserText.split(c.delimiter) : undefined;
    let text = '';
    let partTokens = 0;
    for (let i = 0; i < parts; i++) {
      const task = taskTexts?.[i];
      const pr =
        task === undefined
          ? r
          : new Random(
              (this.#random.seed ^ singlePromptHash(task, input.systemText)) >>> 0,
              this.#random.stream,
            );
      const tokens = sampleTokens(c.tokens, pr);
      partTokens += tokens;
      const piece = this.#text.text(tokens, pr.next());
      text = i === 0 ? piece : text + c.delimiter + piece;
    }
    const narrow = this.#delimiterNarrow;
    const total = narrow
      ? partTokens + Math.ceil(((parts - 1) * this.#delimiterChars) / 4)
      : estimateTokens(text);
    if (total <= max)
      return { text, outputTokens: total, stopReason: 'end_turn', stopSequence: null, parts, narrow };
    const cut = narrow ? text.slice(0, max * 4) : prefixWithTokens(text, max);
    return { text: cut, outputTokens: max, stopReason: 'max_tokens', stopSequence: null, parts, narrow };
  }
}

/** Tasks in a prompt: occurrences of `delimiter` plus one. */
export function countTasks(text: string, delimiter: string): number {
  let count = 1;
  let at = text.indexOf(delimiter);
  while (at >= 0) {
    count++;
    at = text.indexOf(delimiter, at + delimiter.length);
  }
  return count;
}

function isNarrow(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x3000) return false;
  return true;
}

/** The longest prefix of `text` whose estimate is `tokens` (each character adds at most one token). */
export function prefixWithTokens(text: string, tokens: number): string {
  let wide = 0;
  let narrow = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) >= 0x3000) wide++;
    else narrow++;
    if (wide + Math.ceil(narrow / 4) > tokens) return text.slice(0, i);
  }
  return text;
}
