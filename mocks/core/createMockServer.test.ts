import { describe, expect, it } from 'vitest';
import { estimateInputTokens, estimateTokens } from '../protocol/tokens.ts';
import { AUTH, messagesBody, messagesRequest, testServer } from './testServer.ts';
import type { MockJsonResponse } from './types.ts';

type ErrorBody = { type: string; error: { type: string; message: string }; request_id: string };
type MessageBody = {
  id: string;
  type: string;
  role: string;
  model: string;
  content: { type: string; text: string }[];
  stop_reason: string;
  stop_sequence: null;
  usage: Record<string, unknown> & { input_tokens: number; output_tokens: number };
};

function errorOf(response: MockJsonResponse): { status: number; type: string; message: string } {
  const body = response.body as ErrorBody;
  expect(body.type).toBe('error');
  expect(body.request_id).toBe(response.headers['request-id']);
  return { status: response.status, type: body.error.type, message: body.error.message };
}

describe('createMockServer: Messages API', () => {
  it('answers a Message with the documented shape, ids, headers and usage', async () => {
    const { json } = testServer();
    const body = messagesBody({
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Say hello to the team' }],
    });
    const response = await json(body);
    expect(response.status).toBe(200);
    const message = response.body as MessageBody;
    expect(message.id).toMatch(/^msg_01[0-9A-Za-z]{22}$/);
    expect([message.type, message.role, message.model, message.stop_sequence]).toEqual([
      'message',
      'assistant',
      'claude-sonnet-4-5',
      null,
    ]);
    expect(message.content).toHaveLength(1);
    const text = (message.content[0] as { text: string }).text;
    expect(message.usage).toEqual({
      input_tokens: estimateInputTokens(body),
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
      output_tokens: estimateTokens(text),
      service_tier: 'standard',
    });
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['request-id']).toMatch(/^req_011C[0-9A-Za-z]{20}$/);
    expect(Object.keys(response.headers).filter((h) => h.startsWith('anthropic-ratelimit-'))).toHaveLength(
      12,
    );
  });

  it('stops at max_tokens with stop_reason max_tokens, else end_turn', async () => {
    const { json } = testServer({ output: { tokens: 40 } });
    const capped = (await json(messagesBody({ max_tokens: 10 }))).body as MessageBody;
    const full = (await json(messagesBody({ max_tokens: 100 }))).body as MessageBody;
    expect([capped.stop_reason, capped.usage.output_tokens]).toEqual(['max_tokens', 10]);
    expect([full.stop_reason, full.usage.output_tokens]).toEqual(['end_turn', 40]);
    expect(full.content[0]?.text.startsWith(capped.content[0]?.text ?? '-')).toBe(true);
  });

  it('counts tokens exactly as usage.input_tokens does', async () => {
    const { send, json } = testServer();
    const body = messagesBody({
      system: [{ type: 'text', text: 'You are a helpful assistant.' }],
      messages: [
        { role: 'user', content: 'First question about 日本語 text' },
        { role: 'assistant', content: 'An answer.' },
        { role: 'user', content: [{ type: 'text', text: 'A follow-up question.' }] },
      ],
    });
    const counted = (await send({
      ...messagesRequest(body),
      path: '/v1/messages/count_tokens',
    })) as MockJsonResponse;
    const answered = (await json(body)).body as MessageBody;
    expect(counted.body).toEqual({ input_tokens: answered.usage.input_tokens });
    expect(answered.usage.input_tokens).toBe(estimateInputTokens(body));
  });

  it('accepts x-api-key or Authorization: Bearer, with either API version', async () => {
    const { json } = testServer();
    const bearer = await json(messagesBody(), {
      authorization: 'Bearer sk-test',
      'anthropic-version': '2026-10-21',
    });
    const xApiKey = await json(messagesBody(), AUTH);
    expect([bearer.status, xApiKey.status]).toEqual([200, 200]);
  });

  it('answers the documented 401 and 400 bodies for missing or wrong credentials and versions', async () => {
    const { json } = testServer({ apiKeys: ['sk-good'] });
    const cases = await Promise.all([
      json(messagesBody(), { 'anthropic-version': '2023-06-01' }),
      json(messagesBody(), { 'x-api-key': 'sk-bad', 'anthropic-version': '2023-06-01' }),
      json(messagesBody(), { 'x-api-key': 'sk-good' }),
      json(messagesBody(), { 'x-api-key': 'sk-good', 'anthropic-version': '2024-01-01' }),
    ]);
    expect(cases.map(errorOf)).toEqual([
      { status: 401, type: 'authentication_error', message: 'x-api-key header is required' },
      { status: 401, type: 'authentication_error', message: 'invalid x-api-key' },
      { status: 400, type: 'invalid_request_error', message: 'anthropic-version: header is required' },
      {
        status: 400,
        type: 'invalid_request_error',
        message: 'anthropic-version: "2024-01-01" is not a valid version; accepted: 2023-06-01, 2026-10-21',
      },
    ]);
  });

  it('validates the body with field-path-first messages', async () => {
    const { json } = testServer({
      models: [{ id: 'tiny', maxOutputTokens: 100, contextTokens: 120, inputPerMTok: 1, outputPerMTok: 1 }],
    });
    const long = 'x'.repeat(4 * 200);
    const cases: [unknown, number, string][] = [
      [{ model: 'tiny', messages: [{ role: 'user', content: 'Hi' }] }, 400, 'max_tokens: Field required'],
      [{ max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] }, 400, 'model: Field required'],
      [
        { model: 'tiny', max_tokens: 0, messages: [{ role: 'user', content: 'Hi' }] },
        400,
        'max_tokens: Input should be greater than or equal to 1',
      ],
      [
        { model: 'tiny', max_tokens: 1.5, messages: [{ role: 'user', content: 'Hi' }] },
        400,
        'max_tokens: Input should be a valid integer',
      ],
      [
        { model: 'tiny', max_tokens: 101, messages: [{ role: 'user', content: 'Hi' }] },
        400,
        'max_tokens: 101 > 100, which is the maximum allowed number of output tokens for tiny',
      ],
      [{ model: 'tiny', max_tokens: 10 }, 400, 'messages: Field required'],
      [{ model: 'tiny', max_tokens: 10, messages: [] }, 400, 'messages: at least one message is required'],
      [
        {
          model: 'tiny',
          max_tokens: 10,
          messages: [
            { role: 'user', content: 'Hi' },
            { role: 'robot', content: 'x' },
          ],
        },
        400,
        "messages.1.role: Input should be 'user' or 'assistant'",
      ],
      [
        { model: 'tiny', max_tokens: 10, messages: [{ role: 'user' }] },
        400,
        'messages.0.content: Field required',
      ],
      [
        { model: 'claude-3-7-sonnet-latest', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] },
        404,
        'model: claude-3-7-sonnet-latest',
      ],
      [
        { model: 'tiny', max_tokens: 10, messages: [{ role: 'user', content: long }] },
        400,
        'prompt is too long: 207 tokens > 120 maximum',
      ],
      [
        { model: 'tiny', max_tokens: 100, messages: [{ role: 'user', content: 'x'.repeat(80) }] },
        400,
        'input length and `max_tokens` exceed context limit: 27 + 100 > 120, decrease input length or `max_tokens` and try again',
      ],
    ];
    for (const [body, status, message] of cases) {
      const problem = errorOf(await json(body));
      expect(problem).toEqual({
        status,
        type: status === 404 ? 'not_found_error' : 'invalid_request_error',
        message,
      });
    }
  });

  it('answers malformed JSON with a 400 and an oversized body with a 413', async () => {
    const { send } = testServer({ maxBodyBytes: 100 });
    const malformed = (await send({
      method: 'POST',
      path: '/v1/messages',
      headers: AUTH,
      text: '{"model": ',
    })) as MockJsonResponse;
    const big = (await send({
      method: 'POST',
      path: '/v1/messages',
      headers: AUTH,
      text: `"${'x'.repeat(200)}"`,
    })) as MockJsonResponse;
    expect(errorOf(malformed).message).toMatch(/^body: invalid JSON: /);
    expect(errorOf(malformed).status).toBe(400);
    expect(errorOf(big)).toEqual({
      status: 413,
      type: 'request_too_large',
      message: 'Request exceeds the maximum allowed number of bytes (100).',
    });
  });

  it('rejects temperature, top_p and top_k with API version 2026-10-21 only', async () => {
    const { json } = testServer();
    const v2026 = { 'x-api-key': 'k', 'anthropic-version': '2026-10-21' };
    for (const param of ['temperature', 'top_p', 'top_k']) {
      const problem = errorOf(await json(messagesBody({ [param]: 1 }), v2026));
      expect(problem).toEqual({
        status: 400,
        type: 'invalid_request_error',
        message: `${param}: Extra inputs are not permitted`,
      });
    }
    expect((await json(messagesBody({ temperature: 0.5, top_k: 5 }), AUTH)).status).toBe(200);
    expect(errorOf(await json(messagesBody({ temperature: 1.5 }), AUTH)).message).toBe(
      'temperature: Input should be less than or equal to 1',
    );
  });

  it('delays errors and non-generating answers by latency.overheadMs', async () => {
    const { clock, json, send } = testServer({ latency: { overheadMs: 30 } });
    await json(messagesBody(), { 'anthropic-version': '2023-06-01' });
    expect(clock.now()).toBe(30);
    await send({ method: 'GET', path: '/v1/models', headers: AUTH });
    expect(clock.now()).toBe(60);
  });

  it('lists the catalog in the API list shape and finds a model by alias', async () => {
    const { send } = testServer();
    const page = (await send({
      method: 'GET',
      path: '/v1/models',
      headers: AUTH,
      query: new URLSearchParams('limit=2'),
    })) as MockJsonResponse;
    expect(page.body).toEqual({
      data: [
        {
          type: 'model',
          id: 'claude-opus-5-5',
          display_name: 'Claude Opus 5.5',
          created_at: '2026-09-29T00:00:00Z',
        },
        {
          type: 'model',
          id: 'claude-sonnet-5-5',
          display_name: 'Claude Sonnet 5.5',
          created_at: '2026-09-29T00:00:00Z',
        },
      ],
      has_more: true,
      first_id: 'claude-opus-5-5',
      last_id: 'claude-sonnet-5-5',
    });
    const one = (await send({
      method: 'GET',
      path: '/v1/models/claude-sonnet-4-5-20250929',
      headers: AUTH,
    })) as MockJsonResponse;
    expect(one.body).toEqual({
      type: 'model',
      id: 'claude-sonnet-4-5',
      display_name: 'Claude Sonnet 4.5',
      created_at: '2025-09-29T00:00:00Z',
    });
    const missing = (await send({
      method: 'GET',
      path: '/v1/models/gpt-4',
      headers: AUTH,
    })) as MockJsonResponse;
    expect(errorOf(missing)).toEqual({ status: 404, type: 'not_found_error', message: 'model: gpt-4' });
  });

  it('answers 404 not_found_error for an unknown route and ok for /healthz', async () => {
    const { send } = testServer();
    const unknown = (await send({ method: 'GET', path: '/v1/nothing', headers: AUTH })) as MockJsonResponse;
    expect(errorOf(unknown)).toEqual({ status: 404, type: 'not_found_error', message: 'Not Found' });
    const health = (await send({ method: 'GET', path: '/healthz', headers: {} })) as MockJsonResponse;
    expect([health.status, health.body]).toEqual([200, { status: 'ok' }]);
  });

  it('counts requests, statuses, error types and billed tokens', async () => {
    const { server, json } = testServer({ output: { tokens: 12 } });
    await json(messagesBody());
    await json(messagesBody({ model: 'nope' }));
    expect(server.stats()).toEqual({
      requests: 2,
      byStatus: { '200': 1, '404': 1 },
      byErrorType: { not_found_error: 1 },
      rateLimited: {},
      streamFaults: {},
      inputTokens: estimateInputTokens(messagesBody()),
      outputTokens: 12,
      cacheReadTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      inFlight: 0,
    });
  });

  it('rejects with the abort reason and frees the slot when the client aborts mid-generation', async () => {
    const { clock, server } = testServer({ latency: { ttftMs: 1000, jitterSigma: 0 } });
    const controller = new AbortController();
    const pending = server.handle({ ...messagesRequest(messagesBody()), signal: controller.signal });
    await clock.advance(500);
    expect(server.stats().inFlight).toBe(1);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.stats().inFlight).toBe(0);
  });
});

describe('createMockServer: determinism', () => {
  const body = messagesBody({
    max_tokens: 500,
    messages: [{ role: 'user', content: 'Write a haiku about queues' }],
  });

  it('gives identical responses for the same seed and different ones for another seed', async () => {
    const a = await testServer({}, { seed: 5 }).json(body);
    const b = await testServer({}, { seed: 5 }).json(body);
    const c = await testServer({}, { seed: 6 }).json(body);
    expect(b).toEqual(a);
    expect((c.body as MessageBody).content).not.toEqual((a.body as MessageBody).content);
    expect(c.headers['request-id']).not.toBe(a.headers['request-id']);
  });

  it('answers the same prompt with the same text, unless output.deterministic is false', async () => {
    const same = testServer();
    const first = (await same.json(body)).body as MessageBody;
    await same.json(messagesBody({ messages: [{ role: 'user', content: 'something else' }] }));
    const again = (await same.json(body)).body as MessageBody;
    expect(again.content).toEqual(first.content);
    const varying = testServer({ output: { deterministic: false } });
    const x = (await varying.json(body)).body as MessageBody;
    const y = (await varying.json(body)).body as MessageBody;
    expect(y.content).not.toEqual(x.content);
  });
});
