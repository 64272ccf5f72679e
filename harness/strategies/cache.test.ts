import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { cacheKey } from './cacheKey.ts';
import { LruTtlCache } from './LruTtlCache.ts';
import { type CacheOptions, DEFAULT_CACHE } from './options.ts';
import type { CallContext } from './Policy.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

function setup(
  options: Partial<CacheOptions> = {},
  script = (r: ApiRequest): Outcome => okOutcome(`A:${r.messages[0]?.content}`),
) {
  const clock = new VirtualClock();
  const transport = scriptedTransport(clock, (r) => script(r), 100);
  const handler = buildHandler([{ type: 'cache', options: { ...DEFAULT_CACHE, ...options } }], transport);
  const send = (request: ApiRequest, atMs = 0) => {
    const context: CallContext = testContext(clock);
    return clock.sleep(atMs).then(async () => ({
      outcome: await handler(request, context),
      trace: context.trace,
      doneAtMs: clock.now(),
    }));
  };
  return { clock, transport, send };
}

describe('LruTtlCache', () => {
  it('serves an entry until just before its TTL and drops it at the exact ms', () => {
    const cache = new LruTtlCache<string>(10, 300_000);
    cache.set('k', 'v', 1000);
    expect(cache.get('k', 300_999)).toBe('v');
    expect(cache.get('k', 301_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('evicts the least recently used entry, where a hit counts as a use', () => {
    const cache = new LruTtlCache<number>(2, 1000);
    cache.set('a', 1, 0);
    cache.set('b', 2, 0);
    cache.get('a', 0);
    cache.set('c', 3, 0);
    expect([cache.get('a', 0), cache.get('b', 0), cache.get('c', 0)]).toEqual([1, undefined, 3]);
  });
});

describe('cacheKey', () => {
  it('changes with everything that changes the answer but not with the stream flag', () => {
    const base = userRequest('q');
    const keys = [
      base,
      userRequest('q2'),
      userRequest('q', { model: 'claude-haiku-4-5' }),
      userRequest('q', { maxTokens: 7 }),
      userRequest('q', { temperature: 0 }),
      userRequest('q', { system: 's' }),
      { ...base, messages: [{ role: 'assistant' as const, content: 'q' }] },
    ].map(cacheKey);
    expect(new Set(keys).size).toBe(keys.length);
    expect(cacheKey(userRequest('q', { stream: true }))).toBe(cacheKey(base));
  });

  it('cannot be fooled by separators inside the text', () => {
    const a = { ...userRequest(''), messages: [{ role: 'user' as const, content: 'x",user:"y' }] };
    const b = {
      ...userRequest(''),
      messages: [
        { role: 'user' as const, content: 'x' },
        { role: 'user' as const, content: 'y' },
      ],
    };
    expect(cacheKey(a)).not.toBe(cacheKey(b));
  });
});

describe('cache', () => {
  it('answers a repeat from the cache: no upstream call, no attempt, no tokens', async () => {
    const { clock, transport, send } = setup();
    const first = await clock.run(send(userRequest('q')));
    const again = await clock.run(send(userRequest('q'), 1000));
    expect(transport.calls.length).toBe(1);
    expect(first.trace).toMatchObject({ cacheHit: false, attempts: 1 });
    expect(again.trace).toMatchObject({ cacheHit: true, attempts: 0 });
    expect(again.outcome).toEqual({
      kind: 'ok',
      text: 'A:q',
      stopReason: 'end_turn',
      usage: { inputTokens: 0, outputTokens: 0 },
    });
    expect(again.doneAtMs).toBe(1100);
  });

  it('expires an entry ttlMs after it was stored, to the ms', async () => {
    const { clock, transport, send } = setup({ ttlMs: 5000 });
    await clock.run(send(userRequest('q')));
    const hit = await clock.run(send(userRequest('q'), 5099 - clock.now()));
    const miss = await clock.run(send(userRequest('q'), 5100 - clock.now()));
    expect([hit.trace.cacheHit, miss.trace.cacheHit]).toEqual([true, false]);
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 5100]);
  });

  it('evicts the least recently used answer beyond maxEntries', async () => {
    const { clock, transport, send } = setup({ maxEntries: 2 });
    for (const p of ['a', 'b', 'a', 'c', 'a', 'b']) await clock.run(send(userRequest(p)));
    expect(transport.calls.map((c) => c.request.messages[0]?.content)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('coalesces identical requests in flight into one upstream call', async () => {
    const { clock, transport, send } = setup();
    const results = await clock.run(
      Promise.all([send(userRequest('q')), send(userRequest('q'), 50), send(userRequest('q'), 99)]),
    );
    expect(transport.calls.length).toBe(1);
    expect(
      results.map((r) => [
        r.doneAtMs,
        r.trace.coalesced,
        r.outcome.kind === 'ok' && r.outcome.usage.outputTokens,
      ]),
    ).toEqual([
      [100, false, 20],
      [100, true, 0],
      [100, true, 0],
    ]);
  });

  it('makes each identical request call on its own without coalescing', async () => {
    const { clock, transport, send } = setup({ coalesce: false });
    await clock.run(Promise.all([send(userRequest('q')), send(userRequest('q'), 50)]));
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 50]);
  });

  it('does not cache failures', async () => {
    let calls = 0;
    const { clock, transport, send } = setup({}, (r) =>
      calls++ === 0
        ? { kind: 'overloaded', status: 529, message: '529' }
        : okOutcome(`A:${r.messages[0]?.content}`),
    );
    const failed = await clock.run(send(userRequest('q')));
    const retried = await clock.run(send(userRequest('q')));
    expect([failed.outcome.kind, retried.outcome.kind, retried.trace.cacheHit]).toEqual([
      'overloaded',
      'ok',
      false,
    ]);
    expect(transport.calls.length).toBe(2);
  });

  it('answers a streamed request from an unstreamed entry, first token at the instant of the hit', async () => {
    const { clock, send } = setup();
    await clock.run(send(userRequest('q')));
    const hit = await clock.run(send(userRequest('q', { stream: true }), 500));
    expect(hit.outcome).toMatchObject({ kind: 'ok', firstTokenAtMs: 600 });
  });
});
