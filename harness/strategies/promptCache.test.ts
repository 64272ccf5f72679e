import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import { resolveMockConfig } from '../../mocks/config/presets.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';
import { sharedSystemPrompt } from '../runner/PromptPool.ts';
import { createDirectTransport } from '../transport/directTransport.ts';
import { toRequestBody } from '../transport/requestBody.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { newTrace } from './Policy.ts';

const REQUEST: ApiRequest = {
  model: 'claude-sonnet-4-6',
  maxTokens: 16,
  messages: [{ role: 'user', content: 'What is in the contract?' }],
  system: sharedSystemPrompt(4000),
  stream: false,
};

describe('promptCache policy', () => {
  it('marks the system prompt with cache_control, or the top level without a system prompt', () => {
    expect(toRequestBody({ ...REQUEST, system: 'S', cacheTtl: '5m' }).system).toEqual([
      { type: 'text', text: 'S', cache_control: { type: 'ephemeral' } },
    ]);
    const { system: _none, ...noSystem } = REQUEST;
    const body = toRequestBody({ ...noSystem, cacheTtl: '1h' });
    expect([body.system, body.cache_control]).toEqual([undefined, { type: 'ephemeral', ttl: '1h' }]);
    expect(toRequestBody(REQUEST).system).toBe(REQUEST.system);
  });

  it('makes the second request with the shared 4000-token system prompt a cache read on the mock', async () => {
    const clock = new VirtualClock();
    const server = createMockServer({ config: resolveMockConfig('perfect'), clock, random: new Random(1) });
    const transport = createDirectTransport(server, { clock });
    const handler = buildHandler([{ type: 'promptCache', options: { ttl: '5m' } }], transport);
    const call = (): Promise<Outcome> =>
      clock.run(handler(REQUEST, { clock, random: new Random(2), trace: newTrace() }));
    const first = await call();
    const second = await call();
    // 3 framing tokens + exactly 4000 of system prompt; the question's 6 + 4 after it.
    expect(first.kind === 'ok' && first.usage).toEqual({
      inputTokens: 10,
      outputTokens: 16,
      cacheWriteTokens: 4003,
    });
    expect(second.kind === 'ok' && second.usage).toEqual({
      inputTokens: 10,
      outputTokens: 16,
      cacheReadTokens: 4003,
    });
    expect(server.stats()).toMatchObject({ inputTokens: 20, cacheReadTokens: 4003, cacheWriteTokens: 4003 });
  });
});
