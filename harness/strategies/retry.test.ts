import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import type { FailureOutcome, Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { DEFAULT_RETRY, type RetryOptions } from './options.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

const NO_JITTER: RetryOptions = { ...DEFAULT_RETRY, jitter: { type: 'none' } };

function failure(kind: FailureOutcome['kind'], extra: Partial<FailureOutcome> = {}): FailureOutcome {
  return { kind, message: kind, ...extra };
}

async function run(options: RetryOptions, answers: Outcome[], latencyMs = 0, abortAtMs?: number) {
  const clock = new VirtualClock();
  const transport = scriptedTransport(clock, (_r, i) => answers[i] ?? okOutcome('late'), latencyMs);
  const handler = buildHandler([{ type: 'retry', options }], transport);
  const controller = new AbortController();
  if (abortAtMs !== undefined) clock.setTimer(abortAtMs, () => controller.abort());
  const context = testContext(clock, abortAtMs === undefined ? {} : { signal: controller.signal });
  const outcome = await clock.run(handler(userRequest('q'), context));
  return { outcome, times: transport.calls.map((c) => c.atMs), trace: context.trace, endMs: clock.now() };
}

describe('retry', () => {
  it('retries 503s with exponential backoff and counts every attempt', async () => {
    const { outcome, times, trace } = await run(NO_JITTER, [
      failure('server-error', { status: 503 }),
      failure('server-error', { status: 503 }),
      okOutcome('fine'),
    ]);
    expect(outcome.kind).toBe('ok');
    expect(times).toEqual([0, 500, 1500]);
    expect(trace.attempts).toBe(3);
  });

  it('measures backoff from the end of the failed attempt', async () => {
    const { times } = await run(NO_JITTER, [failure('overloaded', { status: 529 }), okOutcome('x')], 300);
    expect(times).toEqual([0, 800]);
  });

  it('returns the last failure once maxAttempts calls were made', async () => {
    const { outcome, times } = await run({ ...NO_JITTER, maxAttempts: 3 }, [
      failure('rate-limited', { status: 429 }),
      failure('rate-limited', { status: 429 }),
      failure('rate-limited', { status: 429, message: 'third' }),
    ]);
    expect(times).toEqual([0, 500, 1500]);
    expect(outcome).toMatchObject({ kind: 'rate-limited', message: 'third' });
  });

  it('waits max(backoff, retry-after): a longer retry-after wins, a shorter one does not shorten the backoff', async () => {
    const { times } = await run(NO_JITTER, [
      failure('rate-limited', { status: 429, retryAfterMs: 2000 }),
      failure('rate-limited', { status: 429, retryAfterMs: 100 }),
      okOutcome('x'),
    ]);
    expect(times).toEqual([0, 2000, 3000]);
  });

  it('ignores retry-after when honorRetryAfter is off', async () => {
    const { times } = await run({ ...NO_JITTER, honorRetryAfter: false }, [
      failure('rate-limited', { status: 429, retryAfterMs: 9000 }),
      okOutcome('x'),
    ]);
    expect(times).toEqual([0, 500]);
  });

  it('gives up at once when retry-after exceeds maxRetryAfterMs', async () => {
    const { outcome, times, endMs } = await run({ ...NO_JITTER, maxRetryAfterMs: 60_000 }, [
      failure('rate-limited', { status: 429, retryAfterMs: 90_000 }),
      okOutcome('x'),
    ]);
    expect(times).toEqual([0]);
    expect(endMs).toBe(0);
    expect(outcome).toMatchObject({ kind: 'rate-limited', retryAfterMs: 90_000 });
  });

  it.each([
    ['invalid-request 400', failure('invalid-request', { status: 400 }), NO_JITTER, 1],
    ['auth-error 401', failure('auth-error', { status: 401 }), NO_JITTER, 1],
    ['a client-side rate-limited (no status)', failure('rate-limited'), NO_JITTER, 1],
    ['circuit-open', failure('circuit-open'), NO_JITTER, 1],
    [
      'a 500 not in retryOnStatuses',
      failure('server-error', { status: 500 }),
      { ...NO_JITTER, retryOnStatuses: [429] },
      1,
    ],
    ['a 409 (retried by default)', failure('invalid-request', { status: 409 }), NO_JITTER, 2],
    ['a connection error', failure('connection-error'), NO_JITTER, 2],
    [
      'a connection error with the switch off',
      failure('connection-error'),
      { ...NO_JITTER, retryOnConnectionError: false },
      1,
    ],
    ['a stream drop', failure('stream-dropped'), NO_JITTER, 2],
    [
      'a stream drop with the switch off',
      failure('stream-dropped'),
      { ...NO_JITTER, retryOnStreamDrop: false },
      1,
    ],
    ['a client timeout', failure('timeout'), NO_JITTER, 2],
    ['a client timeout with the switch off', failure('timeout'), { ...NO_JITTER, retryOnTimeout: false }, 1],
  ])('on %s makes %#→ the expected number of calls', async (_name, first, options, calls) => {
    const { times } = await run(options, [first, okOutcome('x')]);
    expect(times.length).toBe(calls);
  });

  it('returns aborted at the abort instant when the caller gives up during a backoff sleep', async () => {
    const { outcome, times, endMs } = await run(
      NO_JITTER,
      [failure('server-error', { status: 503 })],
      0,
      200,
    );
    expect(times).toEqual([0]);
    expect(outcome.kind).toBe('aborted');
    expect(endMs).toBe(200);
  });

  it('draws jitter from its own sub-stream, so two runs with the same seed retry at the same times', async () => {
    const answers = [
      failure('overloaded', { status: 529 }),
      failure('overloaded', { status: 529 }),
      okOutcome('x'),
    ];
    const a = await run(DEFAULT_RETRY, answers);
    const b = await run(DEFAULT_RETRY, answers);
    expect(a.times).toEqual(b.times);
    expect(a.times[1]).toBeGreaterThan(0);
    expect(a.times[1]).toBeLessThan(500);
  });
});
