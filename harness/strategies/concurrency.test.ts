import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { messageText } from '../transport/messageText.ts';
import { buildHandler } from './buildHandler.ts';
import { Semaphore } from './Semaphore.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

describe('Semaphore', () => {
  it('hands freed slots to waiters in arrival order, skipping one that aborted', async () => {
    const semaphore = new Semaphore(1);
    expect(semaphore.tryAcquire()).toBe(true);
    const order: string[] = [];
    const gone = new AbortController();
    const a = semaphore.acquire().then((r) => order.push(`a:${r}`));
    const b = semaphore.acquire(gone.signal).then((r) => order.push(`b:${r}`));
    const c = semaphore.acquire().then((r) => order.push(`c:${r}`));
    expect(semaphore.queued).toBe(3);
    gone.abort();
    await b;
    expect(semaphore.queued).toBe(2);
    semaphore.release();
    await a;
    semaphore.release();
    await c;
    expect(order).toEqual(['b:aborted', 'a:acquired', 'c:acquired']);
    semaphore.release();
    expect(semaphore.inFlight).toBe(0);
  });

  it('refuses at once when maxQueue waiters already wait', async () => {
    const semaphore = new Semaphore(1, 1);
    semaphore.tryAcquire();
    void semaphore.acquire();
    expect(await semaphore.acquire()).toBe('queue-full');
  });
});

describe('concurrency', () => {
  it('lets maxInFlight calls run at once and starts the rest FIFO as slots free', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(
      clock,
      (r) => okOutcome(messageText(r.messages[0]?.content ?? '')),
      100,
    );
    const handler = buildHandler(
      [{ type: 'concurrency', options: { maxInFlight: 2, maxQueue: Infinity } }],
      transport,
    );
    const prompts = ['a', 'b', 'c', 'd', 'e'];
    await clock.run(Promise.all(prompts.map((p) => handler(userRequest(p), testContext(clock)))));
    expect(transport.calls.map((c) => `${c.request.messages[0]?.content}@${c.atMs}`)).toEqual([
      'a@0',
      'b@0',
      'c@100',
      'd@100',
      'e@200',
    ]);
  });

  it("works as seed 002's sliding window: a slot frees when any one call ends", async () => {
    const clock = new VirtualClock();
    const latencies = [300, 100, 200, 50];
    const transport = scriptedTransport(clock, (_r, i) => ({
      outcome: okOutcome('x'),
      latencyMs: latencies[i] ?? 10,
    }));
    const handler = buildHandler(
      [{ type: 'concurrency', options: { maxInFlight: 3, maxQueue: Infinity } }],
      transport,
    );
    await clock.run(Promise.all([1, 2, 3, 4].map(() => handler(userRequest('q'), testContext(clock)))));
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 0, 0, 100]);
  });

  it('fails a request as client-side rate-limited when the queue is full', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => okOutcome('x'), 100);
    const handler = buildHandler(
      [{ type: 'concurrency', options: { maxInFlight: 1, maxQueue: 1 } }],
      transport,
    );
    const outcomes = await clock.run(
      Promise.all([1, 2, 3].map(() => handler(userRequest('q'), testContext(clock)))),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'rate-limited']);
    expect(outcomes[2]).not.toHaveProperty('status');
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 100]);
  });
});
