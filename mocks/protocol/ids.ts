import type { Random } from '../../base/random/Random.ts';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 62^5: five base-62 characters from one 32-bit draw. */
const FIVE_DIGITS = 62 ** 5;
const ALPHABET_CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));

/**
 * Ids in the API's formats (`req_011C…`, `msg_01…`, OpenRouter's `gen-…`), drawn from a seeded
 * stream so a run's ids repeat with its seed. The SDKs never parse ids; only the prefixes and the
 * base-62 alphabet are imitated.
 */
export class IdGenerator {
  readonly #random: Random;
  readonly #codes: number[] = [];

  constructor(random: Random) {
    this.#random = random;
  }

  /** `length` base-62 characters. */
  chars(length: number): string {
    const codes = this.#codes;
    codes.length = length;
    let i = 0;
    while (i < length) {
      let n = Math.floor(this.#random.next() * FIVE_DIGITS);
      for (let j = 0; j < 5 && i < length; j++, i++) {
        codes[i] = ALPHABET_CODES[n % 62] as number;
        n = Math.floor(n / 62);
      }
    }
    // One string from the codes, instead of a chain of one-character concatenations.
    return String.fromCharCode.apply(null, codes);
  }

  /** `req_011C` + 20 characters, as the `request-id` header and error bodies carry. */
  requestId(): string {
    return `req_011C${this.chars(20)}`;
  }

  /** `msg_01` + 22 characters. */
  messageId(): string {
    return `msg_01${this.chars(22)}`;
  }

  /** `toolu_01` + 22 characters (tool_use block ids). */
  toolUseId(): string {
    return `toolu_01${this.chars(22)}`;
  }

  /** `gen-` + 24 characters (OpenRouter's chat completion ids). */
  completionId(): string {
    return `gen-${this.chars(24)}`;
  }
}
