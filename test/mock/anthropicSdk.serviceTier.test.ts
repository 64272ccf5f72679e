/**
 * `service_tier` through each official SDK major (`@anthropic-ai/sdk` 1.12 and `anthropic-sdk-0`
 * 0.60), in-process through msw and over a real socket: the request's `service_tier` (`auto`,
 * `standard_only`, anything else a 400), `usage.service_tier` in JSON and streamed answers, and the
 * `anthropic-priority-*` headers when the mock has Priority Tier capacity (MockConfig `priorityTier`).
 */
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0';
import { afterEach, describe, expect, it } from 'vitest';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { httpMode, mswMode, type RunningMock } from './mockModes.ts';

const PARAMS = {
  model: 'claude-sonnet-4-6',
  max_tokens: 32,
  messages: [{ role: 'user' as const, content: 'Hello, mock.' }],
};

interface Usage {
  service_tier?: string | null;
}
interface Client {
  messages: {
    create(params: object): Promise<{ usage: Usage }> & {
      withResponse(): Promise<{ data: { usage: Usage }; response: Response }>;
    };
    stream(params: object): { finalMessage(): Promise<{ usage: Usage }> };
  };
}

const SDKS: { name: string; make(baseURL: string): Client }[] = [
  {
    name: '@anthropic-ai/sdk 1.12',
    make: (baseURL) =>
      new AnthropicV1({ apiKey: 'sk-ant-test', baseURL, maxRetries: 0 }) as unknown as Client,
  },
  {
    name: 'anthropic-sdk-0 (0.60)',
    make: (baseURL) =>
      new AnthropicV0({ apiKey: 'sk-ant-test', baseURL, maxRetries: 0 }) as unknown as Client,
  },
];

/** Room for one request's `max_tokens` (32) of priority output a minute, not two. */
const PRIORITY: MockConfigInput = { priorityTier: { inputTokens: '100000/min', outputTokens: '40/min' } };

const PRIORITY_HEADERS = [
  'anthropic-priority-input-tokens-limit',
  'anthropic-priority-input-tokens-remaining',
  'anthropic-priority-input-tokens-reset',
  'anthropic-priority-output-tokens-limit',
  'anthropic-priority-output-tokens-remaining',
  'anthropic-priority-output-tokens-reset',
];

let running: RunningMock | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

for (const mode of [mswMode, httpMode]) {
  for (const sdk of SDKS) {
    describe(`${sdk.name} via ${mode.name}: service_tier`, () => {
      it('answers usage.service_tier standard and no priority headers without Priority Tier capacity', async () => {
        running = await mode.start({});
        const mock = running;
        const client = sdk.make(mock.baseUrl);
        const { data, response } = await mock.run(() =>
          client.messages.create({ ...PARAMS, service_tier: 'auto' }).withResponse(),
        );
        expect(data.usage.service_tier).toBe('standard');
        for (const name of PRIORITY_HEADERS) expect(response.headers.get(name)).toBeNull();
      });

      it('serves auto from the Priority Tier while it has room, then from the standard limits', async () => {
        running = await mode.start(PRIORITY);
        const mock = running;
        const client = sdk.make(mock.baseUrl);
        const first = await mock.run(() => client.messages.create(PARAMS).withResponse());
        expect(first.data.usage.service_tier).toBe('priority');
        const h = first.response.headers;
        expect(h.get('anthropic-priority-input-tokens-limit')).toBe('100000');
        expect(h.get('anthropic-priority-input-tokens-remaining')).toBe('100000');
        expect(h.get('anthropic-priority-output-tokens-limit')).toBe('40');
        expect(h.get('anthropic-priority-output-tokens-remaining')).toBe('0');
        expect(h.get('anthropic-priority-output-tokens-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        // 40 - 32 (+ what the first left unused) < 32: the second does not fit the Priority Tier.
        const second = await mock.run(() => client.messages.create(PARAMS).withResponse());
        expect(second.data.usage.service_tier).toBe('standard');
        expect(second.response.headers.get('anthropic-priority-output-tokens-limit')).toBe('40');
      });

      it('keeps standard_only on the standard limits, with the priority headers still sent', async () => {
        running = await mode.start(PRIORITY);
        const mock = running;
        const client = sdk.make(mock.baseUrl);
        const { data, response } = await mock.run(() =>
          client.messages.create({ ...PARAMS, service_tier: 'standard_only' }).withResponse(),
        );
        expect(data.usage.service_tier).toBe('standard');
        expect(response.headers.get('anthropic-priority-output-tokens-remaining')).toBe('0');
        // Untouched by standard_only: the full 40 is still there for an auto request.
        const auto = await mock.run(() => client.messages.create(PARAMS));
        expect(auto.usage.service_tier).toBe('priority');
      });

      it('says priority in a streamed answer’s usage', async () => {
        running = await mode.start(PRIORITY);
        const mock = running;
        const client = sdk.make(mock.baseUrl);
        const message = await mock.run(() => client.messages.stream(PARAMS).finalMessage());
        expect(message.usage.service_tier).toBe('priority');
      });

      it('refuses an unknown service_tier with a BadRequestError 400 naming the field', async () => {
        running = await mode.start(PRIORITY);
        const mock = running;
        const client = sdk.make(mock.baseUrl);
        const error = await mock.run(() =>
          client.messages.create({ ...PARAMS, service_tier: 'priority' }).then(
            () => undefined,
            (e: unknown) => e as { constructor: { name: string }; status: number; error: unknown },
          ),
        );
        expect(`${error?.constructor.name} ${error?.status}`).toBe('BadRequestError 400');
        expect(error?.error).toEqual({
          type: 'error',
          error: {
            type: 'invalid_request_error',
            message: `service_tier: Input should be 'auto' or 'standard_only', got "priority"`,
          },
          request_id: expect.any(String),
        });
      });
    });
  }
}
