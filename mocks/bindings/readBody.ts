import type { IncomingMessage } from 'node:http';

/** A request body read under a size limit. */
export type BodyText = { kind: 'ok'; text: string } | { kind: 'too-large'; limitBytes: number };

/** Default largest request body: 32 MiB, the Messages API's own limit. */
export const DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

/** True when a `content-length` header alone proves the body is over the limit. */
export function declaredTooLarge(contentLength: string | null | undefined, maxBodyBytes: number): boolean {
  if (contentLength === null || contentLength === undefined) return false;
  const bytes = Number(contentLength);
  return Number.isFinite(bytes) && bytes > maxBodyBytes;
}

/**
 * Reads a fetch `Request` body as UTF-8 text, stopping (and cancelling the body) as soon as more
 * than `maxBodyBytes` have arrived. A request without a body reads as `''`.
 */
export async function readFetchBody(request: Request, maxBodyBytes: number): Promise<BodyText> {
  const body = request.body;
  if (body === null) return { kind: 'ok', text: '' };
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let bytes = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { kind: 'ok', text: text + decoder.decode() };
    bytes += value.byteLength;
    if (bytes > maxBodyBytes) {
      // Not awaited: under msw the body is one branch of a tee (msw clones the request), and
      // cancelling a branch settles only when the other branch is read or cancelled too, which
      // nobody does: awaiting it hung every 413 in-process.
      reader.cancel().catch(() => {});
      return { kind: 'too-large', limitBytes: maxBodyBytes };
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * Reads a `node:http` request body as UTF-8 text. Once more than `maxBodyBytes` have arrived it
 * stops collecting (the rest is discarded by node when the response ends with `connection: close`).
 * Rejects if the client goes away before the body is complete.
 */
export function readNodeBody(req: IncomingMessage, maxBodyBytes: number): Promise<BodyText> {
  // Hot path: three listeners, none removed afterwards (events after settling are no-ops). No
  // 'error' listener: an aborted IncomingMessage emits 'error' only to listeners, and always 'close'.
  return new Promise((resolve, reject) => {
    let first: Buffer | undefined;
    let rest: Buffer[] | undefined;
    let bytes = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      if (bytes > maxBodyBytes) return;
      bytes += chunk.length;
      if (bytes > maxBodyBytes) {
        first = undefined;
        rest = undefined;
        resolve({ kind: 'too-large', limitBytes: maxBodyBytes });
      } else if (first === undefined) first = chunk;
      else {
        rest ??= [first];
        rest.push(chunk);
      }
    });
    req.on('end', () => {
      ended = true;
      const text =
        rest !== undefined ? Buffer.concat(rest).toString('utf8') : (first?.toString('utf8') ?? '');
      resolve({ kind: 'ok', text });
    });
    req.on('close', () => {
      // Building an Error costs a stack trace: only for a body that really was cut short.
      if (!ended && bytes <= maxBodyBytes) {
        reject(new Error('the client closed the connection before the request body was complete'));
      }
    });
  });
}
