import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { messageText } from '../transport/messageText.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { type BatchOptions, DEFAULT_BATCH, DEFAULT_RETRY, type PolicySpec } from './options.ts';
import type { CallContext } from './Policy.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

const D = '\n---\n';

/** Answers a merged prompt with one part per task ("A:task"), or `parts` parts if given. */
function answerEachPart(request: ApiRequest, outputTokens = 30): Outcome {
  const tasks = messageText(request.messages[0]?.content ?? '').split(D);
  return okOutcome(tasks.map((t) => `A:${t}`).join(D), 30, outputTokens);
}

function setup(
  options: Partial<BatchOptions>,
  script: (request: ApiRequest, index: number) => Outcome = (r) => answerEachPart(r),
  extra: PolicySpec[] = [],
  latencyMs = 100,
) {
  const clock = new VirtualClock();
  const transport = scriptedTransport(clock, (r, i) => script(r, i), latencyMs);
  const handler = buildHandler(
    [{ type: 'batch', options: { ...DEFAULT_BATCH, ...options } }, ...extra],
    transport,
  );
  const send = (request: ApiRequest, atMs = 0, context: CallContext = testContext(clock)) =>
    clock
      .sleep(atMs)
      .then(async () => ({ outcome: await handler(request, context), context, doneAtMs: clock.now() }));
  return { clock, transport, send };
}

describe('batch', () => {
  it('sends size requests as one merged call at once and splits the answer back', async () => {
    const { clock, transport, send } = setup({ size: 3, maxWaitMs: 200 });
    const results = await clock.run(
      Promise.all([
        send(userRequest('a', { maxTokens: 10 })),
        send(userRequest('bb', { maxTokens: 20 })),
        send(userRequest('c')),
      ]),
    );
    expect(transport.calls.length).toBe(1);
    expect(transport.calls[0]?.atMs).toBe(0);
    expect(transport.calls[0]?.request).toEqual(userRequest(`a${D}bb${D}c`, { maxTokens: 130 }));
    expect(results.map((r) => (r.outcome.kind === 'ok' ? r.outcome.text : r.outcome.kind))).toEqual([
      'A:a',
      'A:bb',
      'A:c',
    ]);
    expect(results.map((r) => r.doneAtMs)).toEqual([100, 100, 100]);
    expect(results.map((r) => [r.context.trace.batchSize, r.context.trace.attempts])).toEqual([
      [3, 1 / 3],
      [3, 1 / 3],
      [3, 1 / 3],
    ]);
  });

  it('sends what it has when maxWaitMs has passed since the first arrival', async () => {
    const { clock, transport, send } = setup({ size: 5, maxWaitMs: 200 });
    await clock.run(
      Promise.all([send(userRequest('a'), 0), send(userRequest('b'), 50), send(userRequest('c'), 250)]),
    );
    expect(transport.calls.map((c) => [c.atMs, c.request.messages[0]?.content])).toEqual([
      [200, `a${D}b`],
      [450, 'c'],
    ]);
  });

  it('uses the largest max_tokens instead of the sum when asked', async () => {
    const { clock, transport, send } = setup({ size: 2, maxTokens: 'max' });
    await clock.run(
      Promise.all([send(userRequest('a', { maxTokens: 10 })), send(userRequest('b', { maxTokens: 70 }))]),
    );
    expect(transport.calls[0]?.request.maxTokens).toBe(70);
  });

  it('splits usage in whole tokens: input by prompt size, output by answer part size', async () => {
    const script = (r: ApiRequest): Outcome =>
      messageText(r.messages[0]?.content ?? '').includes(D)
        ? okOutcome(`${'x'.repeat(4)}${D}${'y'.repeat(8)}`, 10, 10)
        : okOutcome('?');
    const { clock, send } = setup({ size: 2 }, script);
    const [a, b] = await clock.run(
      Promise.all([send(userRequest('p'.repeat(4))), send(userRequest('q'.repeat(16)))]),
    );
    expect(a?.outcome).toMatchObject({ usage: { inputTokens: 2, outputTokens: 3 } });
    expect(b?.outcome).toMatchObject({ usage: { inputTokens: 8, outputTokens: 7 } });
  });

  it('falls back to single calls when the answer has the wrong number of parts', async () => {
    const script = (r: ApiRequest, i: number): Outcome =>
      i === 0 ? okOutcome(`only one part`) : answerEachPart(r);
    const { clock, transport, send } = setup({ size: 3 }, script);
    const results = await clock.run(Promise.all(['a', 'b', 'c'].map((p) => send(userRequest(p)))));
    expect(transport.calls.map((c) => [c.atMs, c.request.messages[0]?.content])).toEqual([
      [0, `a${D}b${D}c`],
      [100, 'a'],
      [100, 'b'],
      [100, 'c'],
    ]);
    expect(results.map((r) => (r.outcome.kind === 'ok' ? r.outcome.text : ''))).toEqual([
      'A:a',
      'A:b',
      'A:c',
    ]);
    expect(results.map((r) => [r.context.trace.batchFallback, r.context.trace.attempts])).toEqual([
      [true, 1 + 1 / 3],
      [true, 1 + 1 / 3],
      [true, 1 + 1 / 3],
    ]);
  });

  it('fails every member with batch-split-failed when configured to', async () => {
    const { clock, transport, send } = setup({ size: 2, onSplitFailure: 'fail' }, () =>
      okOutcome('no delimiter', 10, 9),
    );
    const results = await clock.run(Promise.all([send(userRequest('a')), send(userRequest('b'))]));
    expect(results.map((r) => r.outcome)).toEqual([
      {
        kind: 'batch-split-failed',
        message: 'the batched answer split into 1 parts for 2 prompts (delimiter "\\n---\\n")',
        usage: { inputTokens: 5, outputTokens: 5 },
      },
      {
        kind: 'batch-split-failed',
        message: 'the batched answer split into 1 parts for 2 prompts (delimiter "\\n---\\n")',
        usage: { inputTokens: 5, outputTokens: 4 },
      },
    ]);
    expect(transport.calls.length).toBe(1);
  });

  it('fails every member when the merged call fails, and retries it for all when retry sits inside', async () => {
    const overloaded: Outcome = { kind: 'overloaded', status: 529, message: '529' };
    const failing = setup({ size: 2 }, () => overloaded);
    const failed = await failing.clock.run(
      Promise.all([failing.send(userRequest('a')), failing.send(userRequest('b'))]),
    );
    expect(failed.map((r) => r.outcome.kind)).toEqual(['overloaded', 'overloaded']);

    const retry: PolicySpec = { type: 'retry', options: { ...DEFAULT_RETRY, jitter: { type: 'none' } } };
    const script = (r: ApiRequest, i: number): Outcome => (i === 0 ? overloaded : answerEachPart(r));
    const { clock, transport, send } = setup({ size: 2 }, script, [retry]);
    const results = await clock.run(Promise.all([send(userRequest('a')), send(userRequest('b'))]));
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 600]);
    expect(results.map((r) => [r.outcome.kind, r.context.trace.attempts])).toEqual([
      ['ok', 1],
      ['ok', 1],
    ]);
  });

  it('batches only requests with the same model, system, stream flag and temperature', async () => {
    const { clock, transport, send } = setup({ size: 2, maxWaitMs: 100 });
    await clock.run(
      Promise.all([
        send(userRequest('a')),
        send(userRequest('b', { model: 'claude-haiku-4-5' })),
        send(userRequest('c', { system: 'terse' })),
        send(userRequest('d', { stream: true })),
        send(userRequest('e', { temperature: 0 })),
        send(userRequest('f')),
      ]),
    );
    expect(transport.calls.map((c) => c.request.messages[0]?.content).sort()).toEqual([
      `a${D}f`,
      'b',
      'c',
      'd',
      'e',
    ]);
  });

  it('sends multi-turn requests on their own at once', async () => {
    const { clock, transport, send } = setup({ size: 2, maxWaitMs: 100 });
    const multiTurn: ApiRequest = {
      ...userRequest('x'),
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'assistant', content: 'hello' },
        { role: 'user', content: 'more' },
      ],
    };
    const [result] = await clock.run(Promise.all([send(multiTurn)]));
    expect(transport.calls[0]?.atMs).toBe(0);
    expect(result?.context.trace.batchSize).toBeUndefined();
  });

  it('a member aborting before the send leaves the batch; one alone goes unmerged', async () => {
    const { clock, transport, send } = setup({ size: 3, maxWaitMs: 200 });
    const controller = new AbortController();
    clock.setTimer(50, () => controller.abort());
    const results = await clock.run(
      Promise.all([
        send(userRequest('a')),
        send(userRequest('b'), 0, testContext(clock, { signal: controller.signal })),
      ]),
    );
    expect(results.map((r) => [r.outcome.kind, r.doneAtMs])).toEqual([
      ['ok', 300],
      ['aborted', 50],
    ]);
    expect(transport.calls.map((c) => [c.atMs, c.request.messages[0]?.content])).toEqual([[200, 'a']]);
    expect(results[0]?.context.trace.batchSize).toBe(1);
  });
});
