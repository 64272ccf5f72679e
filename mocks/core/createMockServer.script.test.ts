import { describe, expect, it } from 'vitest';
import { AUTH, messagesBody, testServer } from './testServer.ts';

describe('createMockServer: faults.script', () => {
  it('answers the first requests with the scripted errors in order, then serves as usual', async () => {
    const t = testServer({
      faults: {
        script: [
          { status: 429, retryAfterMs: '20ms' },
          { status: 529 },
          { status: 500, retryAfterMs: '2.5s' },
        ],
      },
    });
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const r = await t.json(messagesBody());
      seen.push([
        r.status,
        (r.body as { error?: { type: string } }).error?.type,
        r.headers['retry-after'],
        r.headers['retry-after-ms'],
      ]);
    }
    expect(seen).toEqual([
      [429, 'rate_limit_error', '1', '20'],
      [529, 'overloaded_error', undefined, undefined],
      [500, 'api_error', '3', '2500'],
      [200, undefined, undefined, undefined],
    ]);
  });

  it('gives a scripted 429 without retryAfterMs a 1 s wait, and does not count invalid requests', async () => {
    const t = testServer({ faults: { script: [{ status: 429 }] } });
    expect((await t.json(messagesBody({ max_tokens: undefined }))).status).toBe(400);
    const refused = await t.json(messagesBody());
    expect([refused.status, refused.headers['retry-after'], refused.headers['retry-after-ms']]).toEqual([
      429,
      '1',
      '1000',
    ]);
    expect((await t.json(messagesBody())).status).toBe(200);
  });

  it('leaves count_tokens and the model list out of the script', async () => {
    const t = testServer({ faults: { script: [{ status: 529 }] } });
    const counted = await t.send({
      method: 'POST',
      path: '/v1/messages/count_tokens',
      headers: AUTH,
      json: messagesBody({ max_tokens: undefined }),
    });
    const models = await t.send({ method: 'GET', path: '/v1/models', headers: AUTH });
    expect([counted.status, models.status]).toEqual([200, 200]);
    expect((await t.json(messagesBody())).status).toBe(529);
    expect((await t.json(messagesBody())).status).toBe(200);
  });
});
