import { describe, expect, it } from 'vitest';
import type { AnthropicUsage } from '../protocol/shapes.ts';
import { messagesBody, testServer } from './testServer.ts';
import type { MockJsonResponse, TimedEvent } from './types.ts';

/** 8000 characters: 2000 tokens by the shared estimator. */
const LONG_SYSTEM = 'x'.repeat(8000);

/** A request whose system prompt (2000 tokens, prefix 2003 with the framing) carries `cache_control`. */
function cachedBody(
  cacheControl: Record<string, unknown> = { type: 'ephemeral' },
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return messagesBody({
    system: [{ type: 'text', text: LONG_SYSTEM, cache_control: cacheControl }],
    ...overrides,
  });
}

function usage(response: MockJsonResponse): AnthropicUsage {
  return (response.body as { usage: AnthropicUsage }).usage;
}

function errorMessage(response: MockJsonResponse): string {
  return (response.body as { error: { message: string } }).error.message;
}

/** 3 (framing) + 2000 (system) = 2003 cached; 4 + 2 ("Hello") after it. */
const WRITE_5M: AnthropicUsage = {
  input_tokens: 6,
  cache_creation_input_tokens: 2003,
  cache_read_input_tokens: 0,
  cache_creation: { ephemeral_5m_input_tokens: 2003, ephemeral_1h_input_tokens: 0 },
  output_tokens: 10,
  service_tier: 'standard',
};
const READ: AnthropicUsage = {
  ...WRITE_5M,
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 2003,
  cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
};

describe('createMockServer: prompt caching', () => {
  it('writes a marked prefix, reads it on the next identical request, and writes again after the 5m ttl', async () => {
    const { clock, json } = testServer({ output: { tokens: 10 } });
    expect(usage(await json(cachedBody()))).toEqual(WRITE_5M);
    await clock.advance(299_999);
    // A read refreshes the lifetime: 5 minutes from this read.
    expect(usage(await json(cachedBody()))).toEqual(READ);
    await clock.advance(299_999);
    expect(usage(await json(cachedBody()))).toEqual(READ);
    await clock.advance(300_000);
    expect(usage(await json(cachedBody()))).toEqual(WRITE_5M);
  });

  it('keeps a 1h entry past five minutes and bills its write as ephemeral_1h', async () => {
    const { clock, json } = testServer({ output: { tokens: 10 } });
    const oneHour = { type: 'ephemeral', ttl: '1h' };
    expect(usage(await json(cachedBody(oneHour)))).toEqual({
      ...WRITE_5M,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 2003 },
    });
    await clock.advance(30 * 60_000);
    expect(usage(await json(cachedBody(oneHour)))).toEqual(READ);
    await clock.advance(60 * 60_000);
    expect(usage(await json(cachedBody(oneHour))).cache_creation.ephemeral_1h_input_tokens).toBe(2003);
  });

  it('does not cache a prefix below minTokens (per model when set), nor anything when disabled', async () => {
    const short = messagesBody({
      system: [{ type: 'text', text: 'x'.repeat(4000), cache_control: { type: 'ephemeral' } }],
    });
    const plain = testServer({ output: { tokens: 10 } });
    await plain.json(short);
    // 3 + 1000 = 1003 < 1024: everything stays in input_tokens.
    expect(usage(await plain.json(short))).toMatchObject({
      input_tokens: 1009,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    const haiku = testServer({ promptCache: { minTokensByModel: { 'claude-sonnet-4-5': 4096 } } });
    expect(usage(await haiku.json(cachedBody())).input_tokens).toBe(2009);
    const off = testServer({ promptCache: { enabled: false } });
    await off.json(cachedBody());
    expect(usage(await off.json(cachedBody()))).toMatchObject({
      input_tokens: 2009,
      cache_read_input_tokens: 0,
    });
  });

  it('caches up to the last block of the last message with top-level cache_control (automatic caching)', async () => {
    const { json } = testServer({ output: { tokens: 10 } });
    const body = messagesBody({
      cache_control: { type: 'ephemeral' },
      system: LONG_SYSTEM,
      messages: [{ role: 'user', content: 'y'.repeat(400) }],
    });
    // 3 + 2000 + 4 + 100: the whole prompt is the prefix.
    expect(usage(await json(body))).toMatchObject({ input_tokens: 0, cache_creation_input_tokens: 2107 });
    expect(usage(await json(body))).toMatchObject({ input_tokens: 0, cache_read_input_tokens: 2107 });
    const longer = {
      ...body,
      messages: [
        ...(body.messages as unknown[]),
        { role: 'assistant', content: 'ok' },
        { role: 'user', content: 'z' },
      ],
    };
    // A longer conversation is a new prefix (the mock keeps one breakpoint per request).
    expect(usage(await json(longer))).toMatchObject({ input_tokens: 0, cache_creation_input_tokens: 2117 });
  });

  it('caches the prefix up to a marked message block, its later blocks billed as input', async () => {
    const { json } = testServer({ output: { tokens: 10 } });
    const body = messagesBody({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: LONG_SYSTEM, cache_control: { type: 'ephemeral' } },
            { type: 'text', text: 'q'.repeat(40) },
          ],
        },
      ],
    });
    // 3 + 4 + 2000 cached; the 10-token block after it is input.
    expect(usage(await json(body))).toMatchObject({ input_tokens: 10, cache_creation_input_tokens: 2007 });
    expect(usage(await json(body))).toMatchObject({ input_tokens: 10, cache_read_input_tokens: 2007 });
  });

  it('keeps a different model or a different prefix apart, and evicts the least recently used past maxEntries', async () => {
    const { json } = testServer({ promptCache: { maxEntries: 1 } });
    await json(cachedBody());
    expect(
      usage(await json(cachedBody(undefined, { model: 'claude-opus-4-5' }))).cache_read_input_tokens,
    ).toBe(0);
    // The opus entry evicted the sonnet one.
    expect(usage(await json(cachedBody())).cache_creation_input_tokens).toBe(2003);
  });

  it.each([
    [
      'a message block',
      messagesBody({
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'a' },
              { type: 'text', text: 'b', cache_control: { type: 'persistent' } },
            ],
          },
        ],
      }),
      "messages.0.content.1.cache_control.type: Input should be 'ephemeral'",
    ],
    [
      'a system block ttl',
      cachedBody({ type: 'ephemeral', ttl: '10m' }),
      "system.0.cache_control.ttl: Input should be '5m' or '1h'",
    ],
    [
      'a tool',
      messagesBody({ tools: [{ name: 't', input_schema: { type: 'object' }, cache_control: 'yes' }] }),
      'tools.0.cache_control: Input should be a valid dictionary',
    ],
    ['the top level', messagesBody({ cache_control: {} }), 'cache_control.type: Field required'],
  ])('refuses a bad cache_control on %s with a 400 naming the field', async (_name, body, message) => {
    const { json } = testServer();
    const response = await json(body);
    expect([response.status, errorMessage(response)]).toEqual([400, message]);
  });

  it('caches a prefix closed by a tool definition, hashing the tools', async () => {
    const { json } = testServer({ promptCache: { minTokens: 1 } });
    const tool = { name: 't', input_schema: { type: 'object' }, cache_control: { type: 'ephemeral' } };
    // The 3 framing tokens, the tool-use system prompt (346, tool_choice auto) and the tool
    // definition: `t{"type":"object"}`, 18 characters, 5 tokens.
    expect(usage(await json(messagesBody({ tools: [tool] }))).cache_creation_input_tokens).toBe(354);
    expect(usage(await json(messagesBody({ tools: [tool] }))).cache_read_input_tokens).toBe(354);
    expect(
      usage(await json(messagesBody({ tools: [{ ...tool, name: 'u' }] }))).cache_creation_input_tokens,
    ).toBe(354);
    // tool_choice any: a different system prompt (313 tokens), so a different prefix.
    expect(
      usage(await json(messagesBody({ tools: [tool], tool_choice: { type: 'any' } })))
        .cache_creation_input_tokens,
    ).toBe(321);
  });

  it('leaves count_tokens unaffected', async () => {
    const { send } = testServer();
    const response = (await send({
      method: 'POST',
      path: '/v1/messages/count_tokens',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      json: {
        model: 'claude-sonnet-4-5',
        system: cachedBody().system,
        messages: [{ role: 'user', content: 'Hello' }],
      },
    })) as MockJsonResponse;
    expect(response.body).toEqual({ input_tokens: 2009 });
  });

  it('does not count cache reads toward the input-token limit; writes count', async () => {
    const { json, server } = testServer({ rateLimits: { inputTokens: '3000/min' } });
    expect((await json(cachedBody())).status).toBe(200); // 2009 charged: 991 left
    expect((await json(cachedBody())).status).toBe(200); // a read: 6 charged
    expect((await json(cachedBody())).status).toBe(200);
    const other = cachedBody({ type: 'ephemeral' }, { messages: [{ role: 'user', content: 'Other' }] });
    expect((await json(other)).status).toBe(200); // same prefix, a read: 6 charged
    const fresh = messagesBody({
      system: [{ type: 'text', text: 'z'.repeat(8000), cache_control: { type: 'ephemeral' } }],
    });
    expect((await json(fresh)).status).toBe(429); // a write of 2003 + 6: over the 973 left
    expect(server.stats().rateLimited).toEqual({ 'input-tokens': 1 });
  });

  it('counts cache reads and writes in the stats, input_tokens staying the uncached part', async () => {
    const { json, server } = testServer({ output: { tokens: 10 } });
    await json(cachedBody());
    await json(cachedBody());
    await json(
      cachedBody(
        { type: 'ephemeral', ttl: '1h' },
        {
          system: [{ type: 'text', text: 'w'.repeat(8000), cache_control: { type: 'ephemeral', ttl: '1h' } }],
        },
      ),
    );
    expect(server.stats()).toMatchObject({
      inputTokens: 18,
      outputTokens: 30,
      cacheReadTokens: 2003,
      cacheWriteTokens: 4006,
      cacheWrite1hTokens: 2003,
    });
  });

  it('makes TTFT of a cache read faster: cached tokens cost cachedInputTokenFactor of the input cost', async () => {
    const latency = {
      ttftMs: 400,
      perInputTokenMs: 0.05,
      perInputTokenAboveKneeMs: 0.5,
      inputKneeTokens: 2000,
      jitterSigma: 0,
      generationJitterSigma: 0,
      outputTokensPerSec: 1e9,
      headersMs: 0,
    };
    const { clock, stream } = testServer({ latency, output: { tokens: 3 } });
    const body = messagesBody({
      stream: true,
      system: [{ type: 'text', text: 'x'.repeat(16_000), cache_control: { type: 'ephemeral' } }],
    });
    const firstToken = (events: readonly TimedEvent[]): number =>
      (events.find((e) => e.event === 'content_block_delta') as TimedEvent).atMs;
    const write = await stream(body);
    // 4009 tokens uncached: 2000 × 0.05 + 2009 × 0.5 = 1104.5 ms of input cost.
    expect(firstToken(write.events)).toBe(400 + 1104.5);
    await clock.advance(10_000);
    const startMs = clock.now();
    const read = await stream(body);
    // 6 uncached + 4003 cached × 0.1 = 406.3 token-equivalents × 0.05 ms.
    expect(firstToken(read.events) - startMs).toBeCloseTo(400 + 20.315, 6);
  });

  it('reports the cache usage in message_start and message_delta of a stream', async () => {
    const { stream } = testServer({ output: { tokens: 10 } });
    await stream(cachedBody(undefined, { stream: true }));
    const response = await stream(cachedBody(undefined, { stream: true }));
    const start = response.events.find((e) => e.event === 'message_start')?.data as {
      message: { usage: AnthropicUsage };
    };
    const delta = response.events.find((e) => e.event === 'message_delta')?.data as { usage: AnthropicUsage };
    expect(start.message.usage).toEqual({ ...READ, output_tokens: 1 });
    expect(delta.usage).toEqual(READ);
  });
});
