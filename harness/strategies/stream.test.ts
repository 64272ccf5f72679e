import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import type { Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { DEFAULT_RETRY, DEFAULT_STREAM, type PolicySpec, type StreamOptions } from './options.ts';
import { scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

const drop = (outputTokens: number, firstTokenAtMs: number): Outcome => ({
  kind: 'stream-dropped',
  message: 'terminated',
  usage: { inputTokens: 10, outputTokens },
  firstTokenAtMs,
});

function setup(options: Partial<StreamOptions>, answers: Outcome[], extra: PolicySpec[] = []) {
  const clock = new VirtualClock();
  const transport = scriptedTransport(
    clock,
    (_r, i) => {
      const answer = answers[i] ?? answers[answers.length - 1];
      return answer as Outcome;
    },
    1000,
  );
  const handler = buildHandler(
    [{ type: 'stream', options: { ...DEFAULT_STREAM, ...options } }, ...extra],
    transport,
  );
  const context = testContext(clock);
  return { clock, transport, run: () => clock.run(handler(userRequest('q'), context)), trace: context.trace };
}

describe('stream', () => {
  it('streams the request and passes the idle timeout down to the transport', async () => {
    const ok: Outcome = {
      kind: 'ok',
      text: 'x',
      stopReason: 'end_turn',
      usage: { inputTokens: 1, outputTokens: 1 },
      firstTokenAtMs: 400,
    };
    const { transport, run, trace } = setup({ idleTimeoutMs: 1234 }, [ok]);
    await run();
    expect(transport.calls[0]?.request.stream).toBe(true);
    expect(transport.calls[0]?.options?.streamIdleTimeoutMs).toBe(1234);
    expect(trace.firstTokenAtMs).toBe(400);
  });

  it('restarts dropped streams, counts the wasted output, and keeps the TTFT of the attempt that succeeded', async () => {
    const ok: Outcome = {
      kind: 'ok',
      text: 'x',
      stopReason: 'end_turn',
      usage: { inputTokens: 10, outputTokens: 50 },
      firstTokenAtMs: 2300,
    };
    const { transport, run, trace } = setup({ maxRestarts: 2 }, [drop(7, 300), drop(12, 1300), ok]);
    const outcome = await run();
    expect(outcome).toEqual(ok);
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 1000, 2000]);
    expect(trace).toMatchObject({
      attempts: 3,
      streamRestarts: 2,
      wastedOutputTokens: 19,
      firstTokenAtMs: 2300,
    });
  });

  it('gives up after maxRestarts restarts with the last drop', async () => {
    const { transport, run, trace } = setup({ maxRestarts: 1 }, [drop(5, 100), drop(6, 1100), drop(7, 2100)]);
    const outcome = await run();
    expect(outcome).toEqual(drop(6, 1100));
    expect(transport.calls.length).toBe(2);
    expect(trace).toMatchObject({ streamRestarts: 1, wastedOutputTokens: 11 });
    expect(trace.firstTokenAtMs).toBeUndefined();
  });

  it('fails on the first drop when onDrop is fail', async () => {
    const { transport, run, trace } = setup({ onDrop: 'fail' }, [drop(5, 100)]);
    expect((await run()).kind).toBe('stream-dropped');
    expect(transport.calls.length).toBe(1);
    expect(trace.wastedOutputTokens).toBe(5);
  });

  it('does not restart other failures', async () => {
    const { transport, run } = setup({}, [{ kind: 'overloaded', status: 529, message: '529' }]);
    expect((await run()).kind).toBe('overloaded');
    expect(transport.calls.length).toBe(1);
  });

  it('with retry beneath it (the streaming preset), retry handles drops first and the wasted tokens still add up', async () => {
    const retry: PolicySpec = {
      type: 'retry',
      options: { ...DEFAULT_RETRY, jitter: { type: 'none' }, maxAttempts: 2 },
    };
    const ok: Outcome = {
      kind: 'ok',
      text: 'x',
      stopReason: 'end_turn',
      usage: { inputTokens: 1, outputTokens: 1 },
    };
    const { transport, run, trace } = setup({ maxRestarts: 1 }, [drop(3, 1), drop(4, 1), ok], [retry]);
    expect((await run()).kind).toBe('ok');
    expect(transport.calls.map((c) => c.atMs)).toEqual([0, 1500, 2500]);
    expect(trace).toMatchObject({ attempts: 3, streamRestarts: 1, wastedOutputTokens: 7 });
  });
});
