import { hashString, Random } from '../../base/random/Random.ts';

const WORDS = (
  'the of and to in is that for it as with be by on not this are or from at which but have an they you were all ' +
  'there would their we been has when who will more no if out so what up its about into than them can only other ' +
  'new some time could these two may then first any like now such make over even most after also made many before ' +
  'must through back where much way well down should because each just those how too little good very still own ' +
  'function return const import export class interface type async await error test file line module value string ' +
  'number array object null undefined true false config build run check path source result request response'
).split(' ');

/** About 256 KB of English-and-code-like words, the same in every run: texts are slices of it. */
const CORPUS: string = (() => {
  const random = new Random(hashString('session-corpus'));
  const parts: string[] = [];
  let length = 0;
  while (length < 256 * 1024) {
    const word = random.pick(WORDS);
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
})();

/**
 * A text of exactly `tokens` tokens by the shared estimator (four characters each), cut from the
 * corpus at an offset drawn from `random`, behind `prefix`. Slicing, not generating, keeps a
 * million simulated turns cheap.
 */
export function textOfTokens(tokens: number, random: Random, prefix = ''): string {
  const length = Math.max(1, tokens * 4 - prefix.length);
  if (length >= CORPUS.length)
    return (prefix + CORPUS.repeat(Math.ceil(length / CORPUS.length))).slice(0, tokens * 4);
  const offset = random.int(CORPUS.length - length);
  return prefix + CORPUS.slice(offset, offset + length);
}
