import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { buildHandler } from './buildHandler.ts';
import { DEFAULT_RETRY, type PolicySpec } from './options.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

describe('timeout', () => {
  it('ends a slow call as timeout at timeoutMs and aborts the call beneath it', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('slow'), 5000);
    const handler = buildHandler([{ type: 'timeout', options: { timeoutMs: 1000 } }], transport);
    const outcome = await clock.run(handler(userRequest('q'), testContext(clock)));
    expect(outcome).toEqual({ kind: 'timeout', message: 'no answer within 1000 ms (client timeout)' });
    expect(clock.now()).toBe(1000);
    expect(transport.calls[0]?.options?.signal?.aborted).toBe(true);
  });

  it('passes a fast answer through untouched and leaves no timer behind', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('fast'), 400);
    const handler = buildHandler([{ type: 'timeout', options: { timeoutMs: 1000 } }], transport);
    const outcome = await clock.run(handler(userRequest('q'), testContext(clock)));
    expect(outcome).toEqual(okOutcome('fast'));
    expect(clock.now()).toBe(400);
    expect(clock.pendingTimers).toBe(0);
  });

  it('outside retry bounds the whole request; inside it bounds each attempt', async () => {
    const retry: PolicySpec = {
      type: 'retry',
      options: { ...DEFAULT_RETRY, jitter: { type: 'none' }, maxAttempts: 3 },
    };
    const timeout: PolicySpec = { type: 'timeout', options: { timeoutMs: 1000 } };

    const outerClock = new VirtualClock();
    const outer = scriptedTransport(outerClock, () => okOutcome('x'), 800);
    const wholeRequest = buildHandler([timeout, retry], outer);
    expect((await outerClock.run(wholeRequest(userRequest('q'), testContext(outerClock)))).kind).toBe('ok');

    const innerClock = new VirtualClock();
    const inner = scriptedTransport(innerClock, (_r, i) => ({
      outcome: okOutcome('x'),
      latencyMs: i < 2 ? 1500 : 100,
    }));
    const eachAttempt = buildHandler([retry, timeout], inner);
    const context = testContext(innerClock);
    const outcome = await innerClock.run(eachAttempt(userRequest('q'), context));
    expect(outcome.kind).toBe('ok');
    expect(inner.calls.map((c) => c.atMs)).toEqual([0, 1500, 3500]);
    expect(context.trace.attempts).toBe(3);
  });

  it('a timeout outside retry cuts a backoff sleep short', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(
      clock,
      () => ({ kind: 'server-error', status: 503, message: '503' }),
      100,
    );
    const handler = buildHandler(
      [
        { type: 'timeout', options: { timeoutMs: 1000 } },
        { type: 'retry', options: { ...DEFAULT_RETRY, jitter: { type: 'none' }, maxAttempts: 10 } },
      ],
      transport,
    );
    const outcome = await clock.run(handler(userRequest('q'), testContext(clock)));
    expect(outcome.kind).toBe('timeout');
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 600]);
    expect(clock.now()).toBe(1000);
  });

  it("returns aborted when the caller's own signal aborts first", async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('slow'), 5000);
    const handler = buildHandler([{ type: 'timeout', options: { timeoutMs: 1000 } }], transport);
    const controller = new AbortController();
    clock.setTimer(300, () => controller.abort());
    const outcome = await clock.run(
      handler(userRequest('q'), testContext(clock, { signal: controller.signal })),
    );
    expect(outcome.kind).toBe('aborted');
    expect(clock.now()).toBe(300);
  });
});
