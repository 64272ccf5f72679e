/**
 * What each official SDK major (`@anthropic-ai/sdk` 1.12 and `anthropic-sdk-0` 0.60) does with each
 * retry signal the mock sends (MockConfig `retryHeaders`): `x-should-retry`, `retry-after-ms`,
 * `retry-after` in seconds and as an HTTP date, and 529s without `retry-after`; and with the
 * contract's other errors: 413 `request_too_large` and the monthly spend limit's 400. Every case runs
 * in-process through msw on the virtual clock (exact gaps) and over a real socket (lower bounds).
 * The SDKs' backoff jitter is `1 - Math.random() * 0.25`; Math.random is pinned to 0, so the
 * backoff is exactly 500 ms, then 1000 ms. Expectations follow anthropic-wire.md §4.3.
 */
import AnthropicV1 from '@anthropic-ai/sdk';
import AnthropicV0 from 'anthropic-sdk-0';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { httpMode, type MockMode, mswMode, type RunningMock } from './mockModes.ts';

const PARAMS = {
  model: 'claude-sonnet-4-6',
  max_tokens: 32,
  messages: [{ role: 'user' as const, content: 'Hello, mock.' }],
};

interface Client {
  messages: { create(params: object): Promise<unknown> };
}
interface Sdk {
  name: string;
  /** A client whose every attempt is timed (ms on the clock the mode runs on). */
  make(baseURL: string, maxRetries: number, attemptsAtMs: number[]): Client;
  major: 0 | 1;
}

function timedFetch(attemptsAtMs: number[]): typeof fetch {
  return (input, init) => {
    attemptsAtMs.push(performance.now());
    return fetch(input, init);
  };
}

const SDKS: Sdk[] = [
  {
    name: '@anthropic-ai/sdk 1.12',
    major: 1,
    make: (baseURL, maxRetries, at) =>
      new AnthropicV1({
        apiKey: 'sk-ant-test',
        baseURL,
        maxRetries,
        fetch: timedFetch(at),
      }) as unknown as Client,
  },
  {
    name: 'anthropic-sdk-0 (0.60)',
    major: 0,
    make: (baseURL, maxRetries, at) =>
      new AnthropicV0({
        apiKey: 'sk-ant-test',
        baseURL,
        maxRetries,
        fetch: timedFetch(at),
      }) as unknown as Client,
  },
];

let running: RunningMock | undefined;
beforeEach(() => {
  vi.spyOn(Math, 'random').mockReturnValue(0);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await running?.stop();
  running = undefined;
});

interface Outcome {
  /** Gaps between attempts (ms), rounded. */
  gapsMs: number[];
  /** The error's class name and status, or "ok". */
  result: string;
}

async function attempt(
  mode: MockMode,
  sdk: Sdk,
  overrides: MockConfigInput,
  options: { maxRetries?: number; params?: object; warmUp?: boolean } = {},
): Promise<Outcome> {
  running = await mode.start(overrides);
  const mock = running;
  const at: number[] = [];
  const client = sdk.make(mock.baseUrl, options.maxRetries ?? 2, at);
  if (options.warmUp) await mock.run(() => client.messages.create(PARAMS));
  at.length = 0;
  const result = await mock.run(() =>
    client.messages.create(options.params ?? PARAMS).then(
      () => 'ok',
      (error: unknown) => {
        const e = error as { constructor: { name: string }; status?: number };
        return `${e.constructor.name} ${e.status}`;
      },
    ),
  );
  const gapsMs = at.slice(1).map((t, i) => Math.round(t - (at[i] as number)));
  return { gapsMs, result };
}

/**
 * msw: exact gaps. http: the same within [-200 ms, +1000 ms): on the real clock the mock's wait
 * starts when it refuses, a few ms after the window opened, and timers run late under load.
 */
function expectGaps(mode: MockMode, gapsMs: number[], expected: number[]): void {
  if (mode.name === 'msw') {
    expect(gapsMs).toEqual(expected);
    return;
  }
  expect(gapsMs.length).toBe(expected.length);
  gapsMs.forEach((gap, i) => {
    expect(gap).toBeGreaterThanOrEqual((expected[i] as number) - 200);
    expect(gap).toBeLessThan((expected[i] as number) + 1000);
  });
}

/** A duplicate window of `ms`: the second identical request is a 429 for that long. */
const duplicateFor = (ms: number, retryHeaders: MockConfigInput['retryHeaders'] = {}): MockConfigInput => ({
  rateLimits: { duplicateWindowMs: ms },
  retryHeaders,
});

for (const mode of [mswMode, httpMode]) {
  for (const sdk of SDKS) {
    describe(`${sdk.name} via ${mode.name}: retry signals`, () => {
      it('waits retry-after-ms (1500 ms) rather than retry-after (2 s), then succeeds', async () => {
        const outcome = await attempt(mode, sdk, duplicateFor(1500, { retryAfterMs: true }), {
          warmUp: true,
        });
        expect(outcome.result).toBe('ok');
        expectGaps(mode, outcome.gapsMs, [1500]);
      });

      it('waits until an HTTP-date retry-after (rounded up to the next second), then succeeds', async () => {
        const outcome = await attempt(mode, sdk, duplicateFor(1500, { retryAfterFormat: 'http-date' }), {
          warmUp: true,
        });
        expect(outcome.result).toBe('ok');
        if (mode.name === 'msw') expect(outcome.gapsMs).toEqual([2000]);
        else {
          // The date is whole seconds of the real clock: 1.5 s to 2.5 s after the refusal.
          expect(outcome.gapsMs[0]).toBeGreaterThanOrEqual(1499);
          expect(outcome.gapsMs[0]).toBeLessThan(3000);
        }
      });

      it('backs off 500 ms then 1000 ms on 529s without retry-after, then gives up', async () => {
        const outcome = await attempt(mode, sdk, { faults: { error529: 1 } });
        expect(outcome.result).toBe(sdk.major === 1 ? 'OverloadedError 529' : 'InternalServerError 529');
        expectGaps(mode, outcome.gapsMs, [500, 1000]);
      });

      it('waits a 529’s retry-after when overloadedRetryAfterSec is set', async () => {
        const outcome = await attempt(
          mode,
          sdk,
          { faults: { error529: 1 }, retryHeaders: { overloadedRetryAfterSec: 1 } },
          { maxRetries: 1 },
        );
        expectGaps(mode, outcome.gapsMs, [1000]);
      });

      it('does not retry a 500 that says x-should-retry: false', async () => {
        const outcome = await attempt(mode, sdk, {
          faults: { error500: 1 },
          retryHeaders: { shouldRetryByStatus: { '500': false } },
        });
        expect(outcome).toEqual({ gapsMs: [], result: 'InternalServerError 500' });
      });

      it('retries a 400 that says x-should-retry: true, and not one that says false (the default)', async () => {
        const noMaxTokens = { model: PARAMS.model, messages: PARAMS.messages };
        const retried = await attempt(
          mode,
          sdk,
          { retryHeaders: { shouldRetryByStatus: { '400': true } } },
          {
            maxRetries: 1,
            params: noMaxTokens,
          },
        );
        expect(retried.result).toBe('BadRequestError 400');
        expectGaps(mode, retried.gapsMs, [500]);
        await running?.stop();
        running = undefined;
        const plain = await attempt(mode, sdk, {}, { params: noMaxTokens });
        expect(plain).toEqual({ gapsMs: [], result: 'BadRequestError 400' });
      });

      it('answers 413 request_too_large over the size limit, not retried', async () => {
        const big = { ...PARAMS, messages: [{ role: 'user', content: 'x'.repeat(2000) }] };
        const outcome = await attempt(mode, sdk, { maxBodyBytes: 1000 }, { params: big });
        expect(outcome).toEqual({
          gapsMs: [],
          result: sdk.major === 1 ? 'ContentTooLargeError 413' : 'APIError 413',
        });
      });

      it('gets a BadRequestError 400 once the monthly spend limit is reached, not retried', async () => {
        const outcome = await attempt(mode, sdk, { monthlySpendLimitUsd: 0.000001 }, { warmUp: true });
        expect(outcome).toEqual({ gapsMs: [], result: 'BadRequestError 400' });
      });

      if (mode.name === 'msw') {
        it(
          sdk.major === 1
            ? '1.x obeys a 90 s retry-after (a 429 outage): one retry 90 s later succeeds'
            : '0.x ignores a 90 s retry-after (60 s or more) and backs off 500 ms, 1000 ms, then fails',
          async () => {
            const outcome = await attempt(mode, sdk, {
              faults: { outages: [{ fromMs: 0, toMs: '90s', status: 429 }] },
            });
            if (sdk.major === 1) expect(outcome).toEqual({ gapsMs: [90_000], result: 'ok' });
            else expect(outcome).toEqual({ gapsMs: [500, 1000], result: 'RateLimitError 429' });
          },
        );
      }
    });
  }
}
