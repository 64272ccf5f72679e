/**
 * `claude-bench/mock` imported by package name (a self-reference through package.json `exports`),
 * as a user's test would: the core, msw handlers on the user's own `setupServer`, and HTTP.
 */
import Anthropic from '@anthropic-ai/sdk';
import {
  cancelResponseClones,
  claudeHandlers,
  createMockServer,
  InputError,
  MOCK_PRESET_NAMES,
  type MockPresetName,
  startMock,
} from 'claude-bench/mock';
import { setupServer } from 'msw/node';
import { describe, expect, it } from 'vitest';

const PARAMS = {
  model: 'claude-sonnet-4-6',
  max_tokens: 16,
  messages: [{ role: 'user' as const, content: 'Hello' }],
};

describe('claude-bench/mock, imported by package name', () => {
  it('MockPresetName lists every preset (a preset added without it fails here)', () => {
    const typed: MockPresetName[] = [
      'perfect',
      'default',
      'free-tier',
      'model-latency',
      'tier-1',
      'tier-2',
      'tier-3',
      'tier-4',
      'flaky',
    ];
    expect([...MOCK_PRESET_NAMES].sort()).toEqual(typed.sort());
  });

  it('createMockServer answers a plain request (perfect preset by default)', async () => {
    const server = createMockServer();
    const response = await server.handle({
      method: 'POST',
      path: '/v1/messages',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      json: PARAMS,
    });
    expect([response.kind, response.status]).toEqual(['json', 200]);
    expect(server.config.latency.ttftMs).toBe(0);
  });

  it('throws an InputError naming the field for bad config, and for an unknown preset', () => {
    expect(() => createMockServer({ config: { faults: { error529: 2 } } })).toThrow(InputError);
    expect(() => createMockServer({ config: { faults: { error529: 2 } } })).toThrow(
      /^config\.faults\.error529: /,
    );
    // @ts-expect-error: not a preset name
    expect(() => createMockServer({ preset: 'tier-9' })).toThrow(
      /^preset: unknown preset "tier-9"; use one of perfect, /,
    );
  });

  it('claudeHandlers on the user’s own setupServer: a scripted 429, retried by the SDK, then 200', async () => {
    const server = createMockServer({ config: { faults: { script: [{ status: 429, retryAfterMs: 10 }] } } });
    const msw = setupServer(...claudeHandlers({ server }));
    cancelResponseClones(msw);
    msw.listen({ onUnhandledRequest: 'error' });
    try {
      const client = new Anthropic({ apiKey: 'sk-ant-test' });
      const message = await client.messages.create(PARAMS);
      expect(message.type).toBe('message');
      expect(server.stats().byStatus).toMatchObject({ 200: 1, 429: 1 });
    } finally {
      msw.close();
    }
  });

  it('startMock serves over HTTP on 127.0.0.1 and closes', async () => {
    const mock = await startMock({ port: 0, preset: 'perfect' });
    try {
      expect(mock.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: mock.url });
      const message = await client.messages.create(PARAMS);
      expect(message.usage.service_tier).toBe('standard');
      expect(mock.stats().byStatus).toMatchObject({ 200: 1 });
    } finally {
      await mock.close();
    }
  });
});
