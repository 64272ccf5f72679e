import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance } from './didYouMean.ts';

describe('didYouMean', () => {
  it('suggests the closest candidate within a third of the word length', () => {
    expect(didYouMean('requets', ['requests', 'duration'])).toBe('requests');
    expect(didYouMean('maxWiat', ['size', 'maxWait', 'delimiter'])).toBe('maxWait');
    expect(didYouMean('MAXTOKENS', ['maxTokens'])).toBe('maxTokens');
  });

  it('suggests the same stem with another ending', () => {
    expect(didYouMean('strategy', ['strategies', 'seed'])).toBe('strategies');
  });

  it('suggests nothing when nothing is close', () => {
    expect(didYouMean('frobnicate', ['retry', 'batch', 'cache'])).toBeUndefined();
    expect(didYouMean('ab', ['xy'])).toBeUndefined();
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('maxWiat', 'maxWait')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
