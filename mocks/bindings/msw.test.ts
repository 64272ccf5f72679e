import Anthropic from '@anthropic-ai/sdk';
import { setupServer } from 'msw/node';
import { afterEach, describe, expect, it } from 'vitest';
import { installVirtualTimers } from '../../base/clock/installVirtualTimers.ts';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import {
  anthropicStream,
  errorResponse,
  FakeMockServer,
  messageResponse,
} from '../../test/mock/fakeMockServer.ts';
import type { MockResponse } from '../core/types.ts';
import { mockHandlers, setupMockServer } from './msw.ts';

const BASE_URL = 'https://api.anthropic.test';

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.reverse()) fn();
  cleanup = [];
});

function setup(respond: (index: number) => MockResponse) {
  const clock = new VirtualClock();
  const server = new FakeMockServer(
    () => clock.now(),
    (_request, index) => respond(index),
  );
  const msw = setupMockServer(server, clock, { baseUrl: BASE_URL });
  msw.listen({ onUnhandledRequest: 'error' });
  cleanup.push(() => msw.close());
  const uninstall = installVirtualTimers(clock);
  cleanup.push(uninstall);
  const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: BASE_URL });
  return { clock, server, client };
}

describe('mockHandlers (msw, virtual time)', () => {
  it('delivers stream events at their virtual times to messages.stream()', async () => {
    const { clock, client } = setup(() =>
      anthropicStream({ startMs: 300, gapMs: 100, pieces: ['Hel', 'lo'] }),
    );
    const seen: number[] = [];
    const final = await clock.run(
      (async () => {
        const stream = client.messages.stream({
          model: 'claude-sonnet-4-6',
          max_tokens: 16,
          messages: [{ role: 'user', content: 'Hi' }],
        });
        stream.on('text', () => seen.push(clock.now()));
        return stream.finalMessage();
      })(),
    );
    expect(final.content[0]).toMatchObject({ type: 'text', text: 'Hello' });
    expect(seen).toEqual([500, 600]);
    expect(clock.now()).toBe(900);
  });

  it('surfaces a mid-stream reset through msw as TypeError terminated (raw) and AnthropicError terminated (helper)', async () => {
    const { clock, client } = setup(() =>
      anthropicStream({ startMs: 0, gapMs: 10, pieces: ['a', 'b'], end: 'reset' }),
    );
    const raw = await clock.run(
      (async () => {
        const events: string[] = [];
        const stream = await client.messages.create({
          model: 'claude-sonnet-4-6',
          max_tokens: 16,
          stream: true,
          messages: [{ role: 'user', content: 'Hi' }],
        });
        try {
          for await (const event of stream) events.push(event.type);
          return { events, error: undefined };
        } catch (error) {
          return { events, error: error as Error };
        }
      })(),
    );
    expect(raw.events).toEqual([
      'message_start',
      'content_block_start',
      'content_block_delta',
      'content_block_delta',
    ]);
    expect(raw.error).toBeInstanceOf(TypeError);
    expect(raw.error?.message).toBe('terminated');

    const helper = await clock.run(
      client.messages
        .stream({ model: 'claude-sonnet-4-6', max_tokens: 16, messages: [{ role: 'user', content: 'Hi' }] })
        .finalMessage()
        .then(
          () => undefined,
          (error: unknown) => error as Error,
        ),
    );
    expect(helper).toBeInstanceOf(Anthropic.AnthropicError);
    expect(helper?.message).toBe('terminated');
    expect(helper?.cause).toBeInstanceOf(TypeError);
  });
  it('lets the official SDK honour retry-after: 2 in virtual time: the retry comes exactly 2000 ms later', async () => {
    const { clock, server, client } = setup((index) =>
      index === 0
        ? errorResponse(429, 'rate_limit_error', { 'retry-after': '2' })
        : messageResponse('after the wait'),
    );
    const wallStart = process.hrtime.bigint();
    const message = await clock.run(
      client.messages.create({
        model: 'claude-sonnet-4-6',
        max_tokens: 16,
        messages: [{ role: 'user', content: 'Hi' }],
      }),
    );
    const wallMs = Number(process.hrtime.bigint() - wallStart) / 1e6;
    expect(message.content[0]).toEqual({ type: 'text', text: 'after the wait' });
    expect(server.seen.map((s) => s.atMs)).toEqual([0, 2000]);
    expect(server.seen.map((s) => s.request.headers['x-stainless-retry-count'])).toEqual(['0', '1']);
    // The 2 s wait was never slept for real (performance.now is virtual here, so read hrtime; a generous bound).
    expect(wallMs).toBeLessThan(1500);
  });

  it('documents mswjs/interceptors #799: without cancelResponseClones a retried 429 hangs the SDK', async () => {
    const clock = new VirtualClock();
    const server = new FakeMockServer(
      () => clock.now(),
      (_request, index) =>
        index === 0 ? errorResponse(429, 'rate_limit_error', { 'retry-after': '2' }) : messageResponse(),
    );
    const msw = setupServer(...mockHandlers(server, clock, { baseUrl: BASE_URL }));
    msw.listen({ onUnhandledRequest: 'error' });
    cleanup.push(() => msw.close());
    cleanup.push(installVirtualTimers(clock));
    const client = new Anthropic({ apiKey: 'sk-ant-test', baseURL: BASE_URL });
    const attempt = client.messages.create({
      model: 'claude-sonnet-4-6',
      max_tokens: 16,
      messages: [{ role: 'user', content: 'Hi' }],
    });
    attempt.catch(() => {});
    await expect(clock.run(attempt)).rejects.toThrow(/simulation stalled at virtual time 0 ms/);
    expect(server.seen).toHaveLength(1);
  });
});
