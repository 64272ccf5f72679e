import { createHmac } from 'node:crypto';

/**
 * Signatures of the mock's thinking blocks: base64 HMAC-SHA256 of the thinking text under the
 * mock's secret (MockConfig `thinking.signingSecret`). A block sent back verifies only if neither
 * its text nor its signature changed, as the API checks its own (opaque) signatures. Redacted
 * thinking carries its MAC inside `data`: a 24-character nonce followed by the HMAC of it.
 */
export class ThinkingSigner {
  readonly #secret: string;

  constructor(secret: string) {
    this.#secret = secret;
  }

  /** The `signature` of a thinking block with this text. */
  sign(thinking: string): string {
    return createHmac('sha256', this.#secret).update(thinking).digest('base64');
  }

  verify(thinking: string, signature: string): boolean {
    return signature.length > 0 && this.sign(thinking) === signature;
  }

  /** The `data` of a redacted_thinking block built from a 24-character nonce. */
  redactedData(nonce: string): string {
    return nonce + this.sign(`redacted_thinking:${nonce}`);
  }

  verifyRedacted(data: string): boolean {
    return data.length > 24 && this.redactedData(data.slice(0, 24)) === data;
  }
}
