import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../base/clock/RealClock.ts';
import { Random } from '../../base/random/Random.ts';
import { serveMock } from '../../mocks/bindings/httpServer.ts';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { resolveMockConfig } from '../../mocks/config/presets.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';
import { DEFAULT_CONNECTION } from '../strategies/options.ts';
import { createHttpTransport } from './httpTransport.ts';
import type { ApiRequest } from './Transport.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The real mock served on 127.0.0.1:0 (real clock, `perfect` preset: no latency), and a transport to it. */
async function setup(overrides: MockConfigInput = {}, via: 'direct' | 'fetch' = 'direct') {
  const clock = new RealClock();
  const core = createMockServer({
    config: resolveMockConfig('perfect', overrides),
    clock,
    random: new Random(5),
  });
  const served = await serveMock(core, clock, { via, onError: () => {} });
  cleanups.push(() => served.close());
  const transport = createHttpTransport({
    baseUrl: served.url,
    apiKey: 'sk-test',
    clock,
    connection: DEFAULT_CONNECTION,
  });
  cleanups.push(() => transport.close());
  return { core, transport };
}

const request = (content: string, overrides: Partial<ApiRequest> = {}): ApiRequest => ({
  model: 'claude-sonnet-4-5',
  maxTokens: 64,
  messages: [{ role: 'user', content }],
  stream: false,
  ...overrides,
});

describe.each(['direct', 'fetch'] as const)('HTTP transport against the mock served via %s', (via) => {
  it('gets the same text over JSON and over SSE, billed as the mock counted', async () => {
    const { core, transport } = await setup({}, via);
    const plain = await transport.send(request('Hello there'));
    const streamed = await transport.send(request('Hello there', { stream: true }));
    expect(plain.kind).toBe('ok');
    expect(streamed.kind).toBe('ok');
    if (plain.kind !== 'ok' || streamed.kind !== 'ok') return;
    expect(streamed.text).toBe(plain.text);
    expect(streamed.usage).toEqual(plain.usage);
    expect(streamed.firstTokenAtMs).toBeDefined();
    expect(core.stats().outputTokens).toBe(plain.usage.outputTokens * 2);
  });

  it('maps a 429 from the mock rate limit with its retry-after', async () => {
    const { transport } = await setup({ rateLimits: { requests: '1/min' } }, via);
    await transport.send(request('a'));
    const limited = await transport.send(request('b'));
    expect(limited).toMatchObject({ kind: 'rate-limited', status: 429, errorType: 'rate_limit_error' });
    expect(limited.kind !== 'ok' && limited.retryAfterMs).toBeGreaterThan(0);
  });

  it('maps a real connection reset mid-stream to stream-dropped', async () => {
    const { transport } = await setup({ faults: { streamDrop: 1 } }, via);
    const outcome = await transport.send(request('Tell me a story', { stream: true, maxTokens: 400 }));
    expect(outcome.kind).toBe('stream-dropped');
  });
});

describe.each(['direct', 'fetch'] as const)('HTTP transport: content blocks via %s', (via) => {
  it('carries tools and thinking out and the same blocks back over JSON and SSE, with cache counts', async () => {
    const { transport } = await setup(
      { tools: { useProbability: 1, parallelProbability: 0 }, promptCache: { minTokens: 1 } },
      via,
    );
    const body = request('Open a.ts', {
      maxTokens: 2048,
      system: [{ type: 'text', text: 'You are a coding agent.', cache_control: { type: 'ephemeral' } }],
      tools: [
        { name: 'read_file', input_schema: { type: 'object', properties: { path: { type: 'string' } } } },
      ],
      thinking: { type: 'enabled', budget_tokens: 1024 },
    });
    const plain = await transport.send(body);
    const streamed = await transport.send({ ...body, stream: true });
    if (plain.kind !== 'ok' || streamed.kind !== 'ok') throw new Error(`${plain.kind} ${streamed.kind}`);
    expect(plain.content?.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(plain.stopReason).toBe('tool_use');
    expect(streamed.stopReason).toBe('tool_use');
    expect(streamed.content?.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    const tokens = (o: typeof plain) => (o.usage.cacheReadTokens ?? 0) + (o.usage.cacheWriteTokens ?? 0);
    expect(plain.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(streamed.usage.cacheReadTokens).toBe(plain.usage.cacheWriteTokens);
    expect(tokens(streamed)).toBe(tokens(plain));
  });
});
