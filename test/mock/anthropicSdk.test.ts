/**
 * The official Anthropic SDKs (1.12.0 and 0.60.0) as unmodified clients of the mock, every case run
 * twice (h3 style): in-process through msw on the virtual clock, and over a real socket on the real
 * clock. Fault expectations are the probed reactions of anthropic-wire.md §4.2 and §4.3.
 */
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { estimateInputTokens } from '../../mocks/protocol/tokens.ts';
import { httpMode, type MockMode, mswMode, type RunningMock } from './mockModes.ts';

const MODEL = 'claude-sonnet-4-6';
const MESSAGES = [{ role: 'user' as const, content: 'Hello, mock. Tell me something short.' }];
const PARAMS = { model: MODEL, max_tokens: 32, messages: MESSAGES };

/** The surface of both SDK versions these tests use. */
interface MessageLike {
  type: string;
  role: string;
  content: { type: string; text?: string }[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: {
    input_tokens: number;
    output_tokens: number;
    cache_creation_input_tokens?: number | null;
    cache_read_input_tokens?: number | null;
  };
}
interface SdkClient {
  messages: {
    create(params: object, options?: { signal?: AbortSignal }): Promise<unknown>;
    stream(params: object): {
      finalMessage(): Promise<MessageLike>;
      on(event: 'text', fn: (t: string) => void): unknown;
    };
    countTokens(params: object): Promise<{ input_tokens: number }>;
  };
  models: { list(): AsyncIterable<{ id: string }> };
}
interface Sdk {
  name: string;
  make(baseURL: string, maxRetries?: number): SdkClient;
  AnthropicError: new (...args: never[]) => Error;
  APIError: new (...args: never[]) => Error;
  /** Class name the SDK gives a 529. */
  overloadedClass: string;
}

const SDKS: Sdk[] = [
  {
    name: '@anthropic-ai/sdk 1.12',
    make: (baseURL, maxRetries = 2) =>
      new AnthropicV1({ apiKey: 'sk-ant-test', baseURL, maxRetries }) as unknown as SdkClient,
    AnthropicError: AnthropicV1.AnthropicError,
    APIError: AnthropicV1.APIError,
    overloadedClass: 'OverloadedError',
  },
  {
    name: 'anthropic-sdk-0 (0.60)',
    make: (baseURL, maxRetries = 2) =>
      new AnthropicV0({ apiKey: 'sk-ant-test', baseURL, maxRetries }) as unknown as SdkClient,
    AnthropicError: AnthropicV0.AnthropicError,
    APIError: AnthropicV0.APIError,
    overloadedClass: 'InternalServerError',
  },
];

let running: RunningMock | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(mode: MockMode, overrides: MockConfigInput = {}): Promise<RunningMock> {
  running = await mode.start(overrides);
  return running;
}

/** Iterates a raw `stream: true` response; returns the event types seen and the error it ended with. */
async function rawStream(client: SdkClient): Promise<{ types: string[]; error: Error | undefined }> {
  const types: string[] = [];
  const stream = (await client.messages.create({ ...PARAMS, stream: true })) as AsyncIterable<{
    type: string;
  }>;
  try {
    for await (const event of stream) types.push(event.type);
    return { types, error: undefined };
  } catch (error) {
    return { types, error: error as Error };
  }
}

function settle<T>(promise: Promise<T>): Promise<{ ok: T } | { error: Error }> {
  return promise.then(
    (ok) => ({ ok }),
    (error: unknown) => ({ error: error as Error }),
  );
}

for (const mode of [mswMode, httpMode]) {
  for (const sdk of SDKS) {
    describe(`${sdk.name} via ${mode.name}`, () => {
      it('creates a Message with the estimator’s input token count', async () => {
        const mock = await start(mode);
        const message = (await mock.run(() => sdk.make(mock.baseUrl).messages.create(PARAMS))) as MessageLike;
        expect(message.type).toBe('message');
        expect(message.role).toBe('assistant');
        expect(message.content[0]?.type).toBe('text');
        expect(message.stop_reason).not.toBeNull();
        expect(message.usage.input_tokens).toBe(estimateInputTokens({ messages: MESSAGES }));
      });

      it('ends a Message at a stop sequence: stop_reason stop_sequence and the matched stop_sequence', async () => {
        const mock = await start(mode);
        const client = sdk.make(mock.baseUrl);
        // Same prompt, same text: the answer without stop sequences (cut at max_tokens 32) gives the stop word.
        const full = (await mock.run(() => client.messages.create(PARAMS))) as MessageLike;
        expect(full.content[0]?.text?.startsWith('Each when know years most answer.')).toBe(true);
        expect([full.stop_reason, full.stop_sequence]).toEqual(['max_tokens', null]);
        const stopped = (await mock.run(() =>
          client.messages.create({ ...PARAMS, stop_sequences: ['never in the answer', 'know'] }),
        )) as MessageLike;
        expect([stopped.stop_reason, stopped.stop_sequence, stopped.content[0]?.text]).toEqual([
          'stop_sequence',
          'know',
          'Each when ',
        ]);
        expect(stopped.usage.output_tokens).toBe(3);
      });

      it('reads the prompt cache on a second identical request with cache_control on a long system prompt', async () => {
        const mock = await start(mode);
        const client = sdk.make(mock.baseUrl);
        const params = {
          ...PARAMS,
          system: [
            { type: 'text', text: 'You are terse. '.repeat(600), cache_control: { type: 'ephemeral' } },
          ],
        };
        const first = (await mock.run(() => client.messages.create(params))) as MessageLike;
        const second = (await mock.run(() => client.messages.create(params))) as MessageLike;
        // 3 framing tokens + 9000 characters of system text (2250 tokens).
        expect([first.usage.cache_creation_input_tokens, first.usage.cache_read_input_tokens]).toEqual([
          2253, 0,
        ]);
        expect(second.usage.cache_read_input_tokens).toBeGreaterThan(0);
        expect([second.usage.cache_read_input_tokens, second.usage.input_tokens]).toEqual([
          2253,
          estimateInputTokens({ messages: MESSAGES }) - 3,
        ]);
      });

      it('streams with messages.stream(): finalMessage() holds the streamed text', async () => {
        const mock = await start(mode);
        const { final, text } = await mock.run(async () => {
          const stream = sdk.make(mock.baseUrl).messages.stream(PARAMS);
          let streamed = '';
          stream.on('text', (t) => {
            streamed += t;
          });
          return { final: await stream.finalMessage(), text: () => streamed };
        });
        expect(final.content[0]?.text).toBe(text());
        expect(text().length).toBeGreaterThan(0);
        expect(final.stop_reason).not.toBeNull();
        expect(final.usage.output_tokens).toBeGreaterThan(0);
      });

      it('counts tokens with the same estimator as usage', async () => {
        const mock = await start(mode);
        const counted = await mock.run(() =>
          sdk.make(mock.baseUrl).messages.countTokens({ model: MODEL, messages: MESSAGES }),
        );
        expect(counted).toEqual({ input_tokens: estimateInputTokens({ messages: MESSAGES }) });
      });

      it('lists the models of the catalog', async () => {
        const mock = await start(mode);
        const ids = await mock.run(async () => {
          const out: string[] = [];
          for await (const model of sdk.make(mock.baseUrl).models.list()) out.push(model.id);
          return out;
        });
        expect(ids).toContain(MODEL);
      });

      it('retries a 429 after its retry-after: 1 s later the same request succeeds', async () => {
        const mock = await start(mode, { rateLimits: { duplicateWindowMs: 1000 } });
        const client = sdk.make(mock.baseUrl);
        await mock.run(() => client.messages.create(PARAMS));
        const startMs = mock.now();
        const message = (await mock.run(() => client.messages.create(PARAMS))) as MessageLike;
        const waitedMs = mock.now() - startMs;
        expect(message.type).toBe('message');
        expect(mock.server.stats().rateLimited).toEqual({ duplicate: 1 });
        if (mode.name === 'msw') expect(waitedMs).toBe(1000);
        else expect(waitedMs).toBeGreaterThanOrEqual(1000);
      });

      it('retries a 529 and gives up with the SDK’s overloaded error class', async () => {
        const mock = await start(mode, { faults: { error529: 1 } });
        const result = await mock.run(() => settle(sdk.make(mock.baseUrl, 1).messages.create(PARAMS)));
        expect('error' in result && result.error.constructor.name).toBe(sdk.overloadedClass);
        expect((result as { error: { status?: number } }).error.status).toBe(529);
        expect(mock.server.stats().byStatus['529']).toBe(2);
      });

      it('a reset mid-stream: raw iteration throws TypeError terminated, the helper AnthropicError terminated', async () => {
        const mock = await start(mode, { faults: { streamDrop: 1 } });
        const raw = await mock.run(() => rawStream(sdk.make(mock.baseUrl)));
        expect(raw.types[0]).toBe('message_start');
        expect(raw.error).toBeInstanceOf(TypeError);
        expect(raw.error?.message).toBe('terminated');
        const helper = await mock.run(() =>
          settle(sdk.make(mock.baseUrl).messages.stream(PARAMS).finalMessage()),
        );
        const error = (helper as { error: Error }).error;
        expect(error).toBeInstanceOf(sdk.AnthropicError);
        expect(error.message).toBe('terminated');
      });

      it('a clean close without message_stop: raw iteration ends silently, finalMessage() rejects', async () => {
        const mock = await start(mode, { faults: { streamCleanClose: 1 } });
        const raw = await mock.run(() => rawStream(sdk.make(mock.baseUrl)));
        expect(raw.error).toBeUndefined();
        expect(raw.types[0]).toBe('message_start');
        expect(raw.types).not.toContain('message_stop');
        const helper = await mock.run(() =>
          settle(sdk.make(mock.baseUrl).messages.stream(PARAMS).finalMessage()),
        );
        expect((helper as { error: Error }).error.message).toMatch(
          /stream ended without producing a Message with role=assistant/,
        );
      });

      it('a stall after the headers hangs until the client aborts, then the binding cancels the core’s stream', async () => {
        const mock = await start(mode, { faults: { streamStall: 1 } });
        const waitMs = mode.name === 'msw' ? 30_000 : 200;
        const result = await mock.run(async () => {
          const controller = new AbortController();
          const stream = (await sdk
            .make(mock.baseUrl)
            .messages.create({ ...PARAMS, stream: true }, { signal: controller.signal })) as AsyncIterable<{
            type: string;
          }>;
          const startMs = mock.now();
          setTimeout(() => controller.abort(), waitMs);
          const types: string[] = [];
          const error = await (async () => {
            for await (const event of stream) types.push(event.type);
          })().then(
            () => undefined,
            (e: unknown) => e as Error,
          );
          return { types, error, waitedMs: mock.now() - startMs };
        });
        expect(result.types[0]).toBe('message_start');
        expect(result.types).not.toContain('message_stop');
        if (mode.name === 'msw') expect(result.waitedMs).toBe(waitMs);
        else expect(result.waitedMs).toBeGreaterThanOrEqual(waitMs - 1);
        expect(mock.server.stats().streamFaults).toEqual({ stall: 1 });
        // The binding saw the client go and told the core (over HTTP the socket closes a moment later).
        await mock.run(async () => {
          for (let i = 0; i < 50 && mock.cancelledStreams() === 0; i++)
            await new Promise((r) => setTimeout(r, 10));
        });
        expect(mock.cancelledStreams()).toBe(1);
      });

      it('an error event mid-stream: APIError of type overloaded_error, not retried', async () => {
        const mock = await start(mode, { faults: { streamErrorEvent: 1 } });
        const raw = await mock.run(() => rawStream(sdk.make(mock.baseUrl)));
        expect(raw.error).toBeInstanceOf(sdk.APIError);
        const body = (raw.error as unknown as { error: { error: { type: string } } }).error;
        expect(body.error.type).toBe('overloaded_error');
        expect(mock.server.stats().requests).toBe(1);
      });
    });
  }
}
