import type { Random } from '../../base/random/Random.ts';

/** Characters of the corpus before it repeats (128 KiB, 32k tokens). */
const CORPUS_CHARS = 1 << 17;

const WORDS = (
  'the of and to in is that for it as was with be by on not he this are or his from at which but ' +
  'have an they you were her she there one all we their been has when who will more no if out so ' +
  'said what up its about into than them can only other new some could time these two may then do ' +
  'first any my now such like our over man me even most made after also did many before must through ' +
  'back years where much your way well down should because each just those people how too little state ' +
  'good very make world still own see men work long get here between both life being under never day ' +
  'same another know while last might us great old year off come since against go came right used take ' +
  'three system request model token latency answer server client batch cache retry stream limit budget'
).split(' ');

/**
 * Cheap deterministic filler text: one pseudo-random English-like corpus built once per server
 * from its seed, handed out as slices (O(1) in V8). Every slice is ASCII, so under the shared
 * estimator a slice of 4·n characters is exactly n tokens.
 */
export class TextGenerator {
  /** The corpus twice over, so any slice up to CORPUS_CHARS long can start anywhere in the first copy. */
  readonly #doubled: string;
  readonly #corpus: string;
  /** Offsets of sentence starts in the first copy: answers begin like sentences. */
  readonly #sentenceStarts: Int32Array;

  constructor(random: Random) {
    const starts: number[] = [];
    let text = '';
    let sentenceLeft = 0;
    while (text.length < CORPUS_CHARS) {
      let word = WORDS[random.int(WORDS.length)] as string;
      if (sentenceLeft === 0) {
        word = word.charAt(0).toUpperCase() + word.slice(1);
        sentenceLeft = 6 + random.int(10);
        starts.push(text.length);
      }
      sentenceLeft--;
      text += sentenceLeft === 0 ? `${word}. ` : `${word} `;
    }
    this.#corpus = text;
    this.#doubled = text + text;
    this.#sentenceStarts = Int32Array.from(starts);
  }

  /** Exactly `tokens` tokens of text (4·tokens ASCII characters), starting at a sentence picked by `u` in [0, 1). */
  text(tokens: number, u: number): string {
    const length = tokens * 4;
    if (length <= 0) return '';
    const starts = this.#sentenceStarts;
    const start = starts[Math.floor(u * starts.length)] as number;
    if (length <= this.#corpus.length) return this.#doubled.slice(start, start + length);
    const rounds = Math.ceil(length / this.#corpus.length) + 1;
    return (this.#corpus.slice(start) + this.#corpus.repeat(rounds)).slice(0, length);
  }
}
