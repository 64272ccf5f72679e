/**
 * The `openai` SDK (6.x) against the mock's OpenAI-compatible `/v1/chat/completions`, in-process
 * through msw (virtual clock) and over a real socket. Expectations follow anthropic-wire.md §7.
 */
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { httpMode, type MockMode, mswMode, type RunningMock } from './mockModes.ts';

const PARAMS = {
  model: 'claude-sonnet-4-6',
  max_tokens: 32,
  messages: [{ role: 'user' as const, content: 'Hello from the OpenAI client.' }],
};

let running: RunningMock | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(mode: MockMode, overrides: MockConfigInput = {}): Promise<RunningMock> {
  running = await mode.start(overrides);
  return running;
}

function client(mock: RunningMock, maxRetries = 2): OpenAI {
  return new OpenAI({ apiKey: 'sk-or-test', baseURL: `${mock.baseUrl}/v1`, maxRetries });
}

/** Iterates a `stream: true` completion; returns the text seen and the error it ended with. */
async function streamed(
  openai: OpenAI,
): Promise<{ text: string; finish: string[]; error: Error | undefined }> {
  let text = '';
  const finish: string[] = [];
  const stream = await openai.chat.completions.create({ ...PARAMS, stream: true });
  try {
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? '';
      const reason = chunk.choices[0]?.finish_reason;
      if (reason) finish.push(reason);
    }
    return { text, finish, error: undefined };
  } catch (error) {
    return { text, finish, error: error as Error };
  }
}

for (const mode of [mswMode, httpMode]) {
  describe(`openai 6 via ${mode.name}`, () => {
    it('creates a chat completion with usage', async () => {
      const mock = await start(mode);
      const completion = await mock.run(() => client(mock).chat.completions.create(PARAMS));
      expect(completion.object).toBe('chat.completion');
      expect(completion.choices[0]?.message.role).toBe('assistant');
      expect(completion.choices[0]?.message.content?.length).toBeGreaterThan(0);
      expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    });

    it('streams chunks that end with a finish_reason and [DONE]', async () => {
      const mock = await start(mode);
      const result = await mock.run(() => streamed(client(mock)));
      expect(result.error).toBeUndefined();
      expect(result.text.length).toBeGreaterThan(0);
      expect(result.finish).toHaveLength(1);
    });

    it('retries a 429 after its retry-after and then succeeds', async () => {
      const mock = await start(mode, { rateLimits: { duplicateWindowMs: 1000 } });
      const openai = client(mock);
      await mock.run(() => openai.chat.completions.create(PARAMS));
      const startMs = mock.now();
      const completion = await mock.run(() => openai.chat.completions.create(PARAMS));
      expect(completion.object).toBe('chat.completion');
      expect(mock.server.stats().rateLimited).toEqual({ duplicate: 1 });
      if (mode.name === 'msw') expect(mock.now() - startMs).toBe(1000);
      else expect(mock.now() - startMs).toBeGreaterThanOrEqual(1000);
    });

    it('gives up on a 529 after its retries with status 529', async () => {
      const mock = await start(mode, { faults: { error529: 1 } });
      const error = await mock.run(() =>
        client(mock, 1)
          .chat.completions.create(PARAMS)
          .then(
            () => undefined,
            (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
          ),
      );
      expect(error).toBeInstanceOf(OpenAI.InternalServerError);
      expect(error?.status).toBe(529);
      expect(mock.server.stats().byStatus['529']).toBe(2);
    });

    it('a reset mid-stream throws TypeError terminated', async () => {
      const mock = await start(mode, { faults: { streamDrop: 1 } });
      const result = await mock.run(() => streamed(client(mock)));
      expect(result.error).toBeInstanceOf(TypeError);
      expect(result.error?.message).toBe('terminated');
    });

    it('a clean close without [DONE] ends the iteration silently', async () => {
      const mock = await start(mode, { faults: { streamCleanClose: 1 } });
      const result = await mock.run(() => streamed(client(mock)));
      expect(result.error).toBeUndefined();
      expect(result.finish).toEqual([]);
    });

    it('an error chunk mid-stream throws APIError with the provider error', async () => {
      const mock = await start(mode, { faults: { streamErrorEvent: 1 } });
      const result = await mock.run(() => streamed(client(mock)));
      expect(result.error).toBeInstanceOf(OpenAI.APIError);
      expect((result.error as InstanceType<typeof OpenAI.APIError>).code).toBe('server_error');
      expect(result.error?.message).toContain('Provider disconnected unexpectedly');
      expect(mock.server.stats().requests).toBe(1);
    });
  });
}
