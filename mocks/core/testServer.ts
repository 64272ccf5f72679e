import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import type { MockConfigInput } from '../config/MockConfig.ts';
import { resolveMockConfig } from '../config/presets.ts';
import { createMockServer, type MockCoreServer } from './createMockServer.ts';
import type { MockJsonResponse, MockRequest, MockResponse, MockStreamResponse } from './types.ts';

/** Headers of a valid Messages request (SDK 0.x style). */
export const AUTH: Readonly<Record<string, string>> = {
  'x-api-key': 'sk-test',
  'anthropic-version': '2023-06-01',
};

/** A `POST /v1/messages` request with a parsed body. */
export function messagesRequest(
  body: unknown,
  headers: Record<string, string | undefined> = AUTH,
): MockRequest {
  return { method: 'POST', path: '/v1/messages', headers, json: body };
}

/** A minimal valid Messages body; `overrides` replace its fields. */
export function messagesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    model: 'claude-sonnet-4-5',
    max_tokens: 64,
    messages: [{ role: 'user', content: 'Hello' }],
    ...overrides,
  };
}

/** A mock on a virtual clock, for tests: the `perfect` preset (no latency) unless told otherwise. */
export interface TestServer {
  clock: VirtualClock;
  server: MockCoreServer;
  /** Sends a request and drives the clock until its response (a stream: its headers) is delivered. */
  send(request: MockRequest): Promise<MockResponse>;
  /** `send` of a Messages request expected to answer JSON. */
  json(body: unknown, headers?: Record<string, string | undefined>): Promise<MockJsonResponse>;
  /** `send` of a Messages request expected to answer a stream. */
  stream(body: unknown, headers?: Record<string, string | undefined>): Promise<MockStreamResponse>;
}

export function testServer(
  overrides: MockConfigInput = {},
  options: { preset?: string; seed?: number } = {},
): TestServer {
  const clock = new VirtualClock();
  const server = createMockServer({
    config: resolveMockConfig(options.preset ?? 'perfect', overrides),
    clock,
    random: new Random(options.seed ?? 1),
  });
  const send = (request: MockRequest): Promise<MockResponse> => clock.run(server.handle(request));
  return {
    clock,
    server,
    send,
    async json(body, headers) {
      const response = await send(messagesRequest(body, headers));
      if (response.kind !== 'json') throw new Error('expected a JSON response');
      return response;
    },
    async stream(body, headers) {
      const response = await send(messagesRequest(body, headers));
      if (response.kind !== 'stream') throw new Error(`expected a stream, got ${JSON.stringify(response)}`);
      return response;
    },
  };
}
