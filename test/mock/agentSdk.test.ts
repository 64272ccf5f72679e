/**
 * The official Anthropic SDKs (1.12.0 and 0.60.0) as unmodified clients of the mock's tool use and
 * extended thinking, each case run in-process through msw (virtual clock) and over a real socket.
 */
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { httpMode, type MockMode, mswMode, type RunningMock } from './mockModes.ts';

const MODEL = 'claude-sonnet-4-6';
const TOOL = {
  name: 'get_weather',
  description: 'The weather now at a place.',
  input_schema: {
    type: 'object' as const,
    properties: {
      location: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location'],
  },
};
const QUESTION = { role: 'user' as const, content: 'What is the weather in Paris?' };
const CONFIG: MockConfigInput = {
  tools: { useProbability: 1, parallelProbability: 0 },
  thinking: { tokens: 40 },
  output: { tokens: 20 },
};

type Block = {
  type: string;
  id?: string;
  name?: string;
  input?: unknown;
  thinking?: string;
  signature?: string;
};
interface MessageLike {
  content: Block[];
  stop_reason: string | null;
  usage: { output_tokens: number };
}
interface SdkClient {
  messages: {
    create(params: object): Promise<unknown>;
    stream(params: object): {
      finalMessage(): Promise<MessageLike>;
      on(event: 'thinking', fn: (delta: string) => void): unknown;
      on(event: 'inputJson', fn: (partial: string) => void): unknown;
    };
  };
}
const SDKS: {
  name: string;
  make(baseURL: string): SdkClient;
  BadRequestError: new (...a: never[]) => Error;
}[] = [
  {
    name: '@anthropic-ai/sdk 1.12',
    make: (baseURL) =>
      new AnthropicV1({ apiKey: 'sk-ant-test', baseURL, maxRetries: 0 }) as unknown as SdkClient,
    BadRequestError: AnthropicV1.BadRequestError,
  },
  {
    name: 'anthropic-sdk-0 (0.60)',
    make: (baseURL) =>
      new AnthropicV0({ apiKey: 'sk-ant-test', baseURL, maxRetries: 0 }) as unknown as SdkClient,
    BadRequestError: AnthropicV0.BadRequestError,
  },
];

let running: RunningMock | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

async function start(
  mode: MockMode,
): Promise<{ mock: RunningMock; run: <T>(w: () => Promise<T>) => Promise<T> }> {
  running = await mode.start(CONFIG);
  const mock = running;
  return { mock, run: (w) => mock.run(w) };
}

for (const mode of [mswMode, httpMode]) {
  for (const sdk of SDKS) {
    describe(`${sdk.name} via ${mode.name}: tools and thinking`, () => {
      it('runs a tool_use round trip with messages.create: tool_use, then tool_result answered', async () => {
        const { mock, run } = await start(mode);
        const client = sdk.make(mock.baseUrl);
        const params = { model: MODEL, max_tokens: 256, tools: [TOOL], messages: [QUESTION] };
        const first = (await run(() => client.messages.create(params))) as MessageLike;
        expect(first.stop_reason).toBe('tool_use');
        const use = first.content.find((b) => b.type === 'tool_use') as Block;
        expect(use.id).toMatch(/^toolu_01/);
        expect(use.name).toBe('get_weather');
        expect(typeof (use.input as { location: unknown }).location).toBe('string');
        const second = (await run(() =>
          client.messages.create({
            ...params,
            tool_choice: { type: 'none' },
            messages: [
              QUESTION,
              { role: 'assistant', content: first.content },
              {
                role: 'user',
                content: [{ type: 'tool_result', tool_use_id: use.id, content: '18 °C, clear' }],
              },
            ],
          }),
        )) as MessageLike;
        expect(second.content.map((b) => b.type)).toEqual(['text']);
        expect(second.stop_reason).toBe('end_turn');
      });

      it('streams a tool call: finalMessage() has the tool_use input parsed, equal to the JSON answer', async () => {
        const { mock, run } = await start(mode);
        const client = sdk.make(mock.baseUrl);
        const params = {
          model: MODEL,
          max_tokens: 256,
          tools: [TOOL],
          tool_choice: { type: 'tool', name: 'get_weather' },
          messages: [QUESTION],
        };
        const json = (await run(() => client.messages.create(params))) as MessageLike;
        const pieces: string[] = [];
        const streamed = await run(() => {
          const stream = client.messages.stream(params);
          stream.on('inputJson', (partial) => pieces.push(partial));
          return stream.finalMessage();
        });
        expect(streamed.stop_reason).toBe('tool_use');
        expect(streamed.content.map((b) => [b.type, b.name])).toEqual([['tool_use', 'get_weather']]);
        expect(streamed.content[0]?.input).toEqual(json.content[0]?.input);
        expect(pieces.join('')).toBe(JSON.stringify(json.content[0]?.input));
        expect(streamed.usage.output_tokens).toBe(json.usage.output_tokens);
      });

      it('streams thinking (thinking events, signature in finalMessage) and accepts it sent back with the tool result', async () => {
        const { mock, run } = await start(mode);
        const client = sdk.make(mock.baseUrl);
        const params = {
          model: MODEL,
          max_tokens: 2048,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          tools: [TOOL],
          messages: [QUESTION],
        };
        const deltas: string[] = [];
        const final = await run(() => {
          const stream = client.messages.stream(params);
          stream.on('thinking', (delta) => deltas.push(delta));
          return stream.finalMessage();
        });
        expect(final.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
        const thinking = final.content[0] as Block;
        expect(deltas.join('')).toBe(thinking.thinking);
        expect(thinking.signature).toMatch(/^[A-Za-z0-9+/]{43}=$/);
        const use = final.content[2] as Block;
        const history = (assistant: Block[]) => ({
          ...params,
          messages: [
            QUESTION,
            { role: 'assistant', content: assistant },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: '18 °C' }] },
          ],
        });
        const next = (await run(() => client.messages.create(history(final.content)))) as MessageLike;
        expect(next.content[0]?.type).toBe('thinking');
        const tampered = [
          { ...thinking, thinking: `${thinking.thinking} (edited)` },
          ...final.content.slice(1),
        ];
        const error = await run(() =>
          client.messages.create(history(tampered)).then(
            () => undefined,
            (e: Error) => e,
          ),
        );
        expect(error).toBeInstanceOf(sdk.BadRequestError);
        expect(error?.message).toContain('messages.1.content.0: Invalid `signature` in `thinking` block');
      });
    });
  }
}
