import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { IdGenerator } from './ids.ts';

describe('IdGenerator', () => {
  it('makes ids with the API prefixes and lengths', () => {
    const ids = new IdGenerator(new Random(1));
    expect(ids.requestId()).toMatch(/^req_011C[0-9A-Za-z]{20}$/);
    expect(ids.messageId()).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect(ids.completionId()).toMatch(/^gen-[0-9A-Za-z]{24}$/);
  });

  it('repeats the same ids for the same seed and differs for another seed', () => {
    const a = new IdGenerator(new Random(7));
    const b = new IdGenerator(new Random(7));
    const c = new IdGenerator(new Random(8));
    const first = [a.requestId(), a.messageId()];
    expect([b.requestId(), b.messageId()]).toEqual(first);
    expect([c.requestId(), c.messageId()]).not.toEqual(first);
  });
});
