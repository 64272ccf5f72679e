import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import type { Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { CircuitBreakerState } from './CircuitBreakerState.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

describe('CircuitBreakerState', () => {
  it('opens after the threshold of consecutive failures, trials once after openMs, and closes on success', () => {
    const breaker = new CircuitBreakerState(3, 1000);
    const log: string[] = [];
    const step = (label: string) => log.push(`${label}:${breaker.state}`);
    breaker.onFailure(0);
    breaker.onFailure(10);
    breaker.onSuccess();
    step('reset by success');
    breaker.onFailure(20);
    breaker.onFailure(30);
    breaker.onFailure(40);
    step('third failure');
    expect(breaker.tryPass(1039)).toBe(false);
    expect(breaker.tryPass(1040)).toBe(true);
    step('trial');
    expect(breaker.tryPass(1041)).toBe(false);
    breaker.onFailure(1100);
    step('trial failed');
    expect(breaker.tryPass(2099)).toBe(false);
    expect(breaker.tryPass(2100)).toBe(true);
    breaker.onSuccess();
    step('trial succeeded');
    expect(breaker.tryPass(2101)).toBe(true);
    expect(log).toEqual([
      'reset by success:closed',
      'third failure:open',
      'trial:half-open',
      'trial failed:open',
      'trial succeeded:closed',
    ]);
  });

  it('frees the half-open trial slot when the trial neither failed nor succeeded', () => {
    const breaker = new CircuitBreakerState(1, 100);
    breaker.onFailure(0);
    expect(breaker.tryPass(100)).toBe(true);
    breaker.onNeutral();
    expect(breaker.tryPass(101)).toBe(true);
  });
});

describe('circuitBreaker', () => {
  it('fails fast with circuit-open, without calling upstream, until a trial succeeds', async () => {
    const clock = new VirtualClock();
    const answers: Outcome[] = [
      { kind: 'overloaded', status: 529, message: '529' },
      { kind: 'overloaded', status: 529, message: '529' },
      okOutcome('back'),
    ];
    const transport = scriptedTransport(clock, (_r, i) => answers[i] ?? okOutcome('x'));
    const handler = buildHandler(
      [{ type: 'circuitBreaker', options: { failureThreshold: 2, openMs: 5000 } }],
      transport,
    );
    const kinds: string[] = [];
    for (const atMs of [0, 10, 20, 5009, 5010, 5011]) {
      await clock.run(clock.sleep(atMs - clock.now()));
      kinds.push(`${(await clock.run(handler(userRequest('q'), testContext(clock)))).kind}@${atMs}`);
    }
    expect(kinds).toEqual([
      'overloaded@0',
      'overloaded@10',
      'circuit-open@20',
      'circuit-open@5009',
      'ok@5010',
      'ok@5011',
    ]);
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 10, 5010, 5011]);
  });

  it("does not count the caller's own mistakes (400) as upstream failures", async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => ({
      kind: 'invalid-request',
      status: 400,
      message: '400',
    }));
    const handler = buildHandler(
      [{ type: 'circuitBreaker', options: { failureThreshold: 1, openMs: 5000 } }],
      transport,
    );
    for (let i = 0; i < 3; i++) await clock.run(handler(userRequest('q'), testContext(clock)));
    expect(transport.calls.length).toBe(3);
  });
});
