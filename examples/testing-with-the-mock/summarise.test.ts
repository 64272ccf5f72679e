// The example of mocks/README.md: an app's own vitest suite run against claude-bench's mock, the way
// a user's project does it (imports by package name). It runs in this repo's `npm test`.
import Anthropic from '@anthropic-ai/sdk';
import { cancelResponseClones, claudeHandlers, createMockServer, startMock } from 'claude-bench/mock';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { summarise } from './summarise.ts';

// In-process: msw answers https://api.anthropic.com from the mock (preset `perfect`: instant).
const msw = setupServer(...claudeHandlers());
cancelResponseClones(msw); // without it the SDK's retries never settle under msw
let client: Anthropic;
beforeAll(() => {
  // Anything else fails the test, except the loopback mock of the last test.
  msw.listen({
    onUnhandledRequest: (request, print) => {
      if (new URL(request.url).hostname !== '127.0.0.1') print.error();
    },
  });
  // After listen(): the SDK keeps the `fetch` it finds when constructed, and msw replaces it.
  client = new Anthropic({ apiKey: 'test-key' });
});
afterEach(() => msw.resetHandlers());
afterAll(() => msw.close());

describe('summarise', () => {
  it('returns the text and the usage of the answer', async () => {
    const summary = await summarise(client, 'A long document.', 16);
    expect(summary.text.length).toBeGreaterThan(0);
    expect(summary.outputTokens).toBeLessThanOrEqual(16);
    expect(summary.inputTokens).toBeGreaterThan(0);
  });

  it('gets through a 429 by the SDK retrying it', async () => {
    const mock = createMockServer({ config: { faults: { script: [{ status: 429, retryAfterMs: 10 }] } } });
    msw.use(...claudeHandlers({ server: mock }));
    await summarise(client, 'A long document.');
    expect(mock.stats().byStatus).toEqual({ 200: 1, 429: 1 });
  });

  it('throws the API error once the retries are spent', async () => {
    const script = [
      { status: 529 as const, retryAfterMs: 10 },
      { status: 529 as const, retryAfterMs: 10 },
    ];
    msw.use(...claudeHandlers({ config: { faults: { script } } }));
    const once = new Anthropic({ apiKey: 'test-key', maxRetries: 1 });
    await expect(summarise(once, 'A long document.')).rejects.toMatchObject({
      status: 529,
      error: { type: 'error', error: { type: 'overloaded_error' } },
    });
  });

  it('works over HTTP too (startMock on 127.0.0.1, a free port)', async () => {
    const mock = await startMock({ preset: 'perfect' });
    try {
      const overHttp = new Anthropic({ apiKey: 'test-key', baseURL: mock.url });
      const summary = await summarise(overHttp, 'A long document.', 8);
      expect(summary.outputTokens).toBeLessThanOrEqual(8);
      expect(mock.stats().byStatus).toEqual({ 200: 1 });
    } finally {
      await mock.close();
    }
  });
});
