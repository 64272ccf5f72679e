import { describe, expect, it } from 'vitest';
import { bearer, isBodyProblem, readJsonBody, utf8Bytes } from './readJsonBody.ts';

const post = (text: string) => ({ method: 'POST', path: '/v1/messages', headers: {}, text });

describe('readJsonBody', () => {
  it('measures the limit in UTF-8 bytes, not characters', () => {
    expect(utf8Bytes('aé你😀')).toBe(1 + 2 + 3 + 4);
    const wide = `"${'你'.repeat(40)}"`; // 42 characters, 122 bytes
    expect(isBodyProblem(readJsonBody(post(wide), 121))).toBe(true);
    expect(readJsonBody(post(wide), 122)).toBe('你'.repeat(40));
  });

  it('prefers an already-parsed body and treats an empty one as absent', () => {
    expect(readJsonBody({ ...post('{'), json: { a: 1 } }, 10)).toEqual({ a: 1 });
    expect(readJsonBody(post(''), 10)).toBeUndefined();
  });

  it('reads a bearer key case-insensitively', () => {
    expect([bearer('Bearer sk-1'), bearer('bearer  sk-2 '), bearer('Basic x'), bearer('Bearer ')]).toEqual([
      'sk-1',
      'sk-2',
      undefined,
      undefined,
    ]);
  });
});
