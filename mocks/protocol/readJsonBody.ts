import type { MockRequest } from '../core/types.ts';
import { type ApiProblem, invalidRequest } from './errors.ts';

/** A body refused before validation (413, malformed JSON); a class, so no JSON body can pass for one. */
export class BodyProblem {
  readonly problem: ApiProblem;

  constructor(problem: ApiProblem) {
    this.problem = problem;
  }
}

export function isBodyProblem(body: unknown): body is BodyProblem {
  return body instanceof BodyProblem;
}

/**
 * The request's JSON body: `json` as given (direct binding), else `text` parsed; undefined when
 * there is none. A `text` over `maxBodyBytes` (UTF-8) is a 413 `request_too_large` and malformed
 * JSON a 400, returned as a {@link BodyProblem}. Bindings that can see `content-length` should
 * refuse oversized bodies before buffering them (the server exposes `config.maxBodyBytes`).
 */
export function readJsonBody(request: MockRequest, maxBodyBytes: number): unknown {
  if (request.json !== undefined) return request.json;
  const text = request.text;
  if (text === undefined || text === '') return undefined;
  if (text.length > maxBodyBytes || (text.length * 3 > maxBodyBytes && utf8Bytes(text) > maxBodyBytes)) {
    return new BodyProblem({
      status: 413,
      type: 'request_too_large',
      message: `Request exceeds the maximum allowed number of bytes (${maxBodyBytes}).`,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    return new BodyProblem(invalidRequest(`body: invalid JSON: ${(error as Error).message}`));
  }
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
export function bearer(header: string | undefined): string | undefined {
  if (header === undefined || !/^bearer /i.test(header)) return undefined;
  const key = header.slice(7).trim();
  return key === '' ? undefined : key;
}

/** UTF-8 length of `text` in bytes. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
