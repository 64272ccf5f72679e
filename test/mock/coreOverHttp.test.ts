/**
 * The real mock core behind `serveMock`: what a hand-written client (curl, a custom SDK) gets for
 * bad input, and what `/metrics` reports after real traffic.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../base/clock/RealClock.ts';
import { Random } from '../../base/random/Random.ts';
import { type ServedMock, serveMock } from '../../mocks/bindings/httpServer.ts';
import { resolveMockConfig } from '../../mocks/config/presets.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';

const HEADERS = { 'x-api-key': 'k', 'anthropic-version': '2023-06-01', 'content-type': 'application/json' };
let served: ServedMock | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

async function start(overrides: object = {}): Promise<ServedMock> {
  const clock = new RealClock();
  const config = resolveMockConfig('perfect', overrides);
  served = await serveMock(createMockServer({ config, clock, random: new Random(3) }), clock);
  return served;
}

async function post(mock: ServedMock, body: string, headers: Record<string, string> = HEADERS) {
  const response = await fetch(`${mock.url}/v1/messages`, { method: 'POST', headers, body });
  return {
    status: response.status,
    body: (await response.json()) as { error?: { type: string; message: string } },
  };
}

describe('the mock core over HTTP', () => {
  it('answers malformed JSON, wrong types and missing fields with the API’s 400 invalid_request_error', async () => {
    const mock = await start();
    const malformed = await post(mock, '{"model": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error?.type).toBe('invalid_request_error');
    const wrongType = await post(mock, '{"model":"claude-sonnet-4-6","max_tokens":"lots","messages":[]}');
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error?.message).toMatch(/^max_tokens/);
    const missing = await post(
      mock,
      '{"model":"claude-sonnet-4-6","messages":[{"role":"user","content":"hi"}]}',
    );
    expect(missing.body.error?.message).toBe('max_tokens: Field required');
  });

  it('answers a missing key with 401 and a body over maxBodyBytes with 413, and keeps serving', async () => {
    const mock = await start({ maxBodyBytes: 2048 });
    expect((await post(mock, '{}', { 'content-type': 'application/json' })).status).toBe(401);
    const big = await post(mock, JSON.stringify({ model: 'claude-sonnet-4-6', pad: 'x'.repeat(4096) }));
    expect(big.status).toBe(413);
    expect(big.body.error?.type).toBe('request_too_large');
    const ok = await post(
      mock,
      JSON.stringify({
        model: 'claude-sonnet-4-6',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    expect(ok.status).toBe(200);
  });

  it('reports real traffic in /metrics: responses, errors, tokens', async () => {
    const mock = await start();
    await post(
      mock,
      JSON.stringify({
        model: 'claude-sonnet-4-6',
        max_tokens: 8,
        messages: [{ role: 'user', content: 'hi' }],
      }),
    );
    await post(mock, '{"model": ');
    const text = await (await fetch(`${mock.url}/metrics`)).text();
    expect(text).toContain('api_responses_total{status="200",error_type="none"} 1');
    expect(text).toContain('api_responses_total{status="400",error_type="invalid_request_error"} 1');
    expect(text).toContain('api_errors_total{type="invalid_request_error"} 1');
    expect(text).toContain('api_tokens_total{direction="output"} 8');
    expect(text).toMatch(/api_tokens_total\{direction="input"\} [1-9]/);
    expect(text).toContain('api_tokens_total{direction="cache_read"} 0');
  });

  it('counts prompt-cache writes and reads in /metrics', async () => {
    const mock = await start();
    const body = JSON.stringify({
      model: 'claude-sonnet-4-6',
      max_tokens: 8,
      system: [{ type: 'text', text: 'x'.repeat(8000), cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'hi' }],
    });
    await post(mock, body);
    await post(mock, body);
    const text = await (await fetch(`${mock.url}/metrics`)).text();
    expect(text).toContain('api_tokens_total{direction="cache_write"} 2003');
    expect(text).toContain('api_tokens_total{direction="cache_read"} 2003');
    expect(text).toContain('api_tokens_total{direction="input"} 10');
  });
});
