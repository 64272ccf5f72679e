import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { messageText } from '../transport/messageText.ts';
import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { buildHandler } from './buildHandler.ts';
import { connectionOptionsOf } from './connection.ts';
import { createPolicies } from './createPolicies.ts';
import { DEFAULT_CONNECTION, type PolicySpec, PRESET_STRATEGIES } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';
import { okOutcome, scriptedTransport, testContext, userRequest } from './scriptedTransport.ts';

const D = '\n---\n';
const answerEachPart = (r: ApiRequest): Outcome =>
  okOutcome(
    messageText(r.messages[0]?.content ?? '')
      .split(D)
      .map((t) => `A:${t}`)
      .join(D),
  );

describe('createPolicies', () => {
  it('builds one fresh policy per spec, in order, for every preset', () => {
    for (const [name, specs] of Object.entries(PRESET_STRATEGIES)) {
      const a = createPolicies(specs);
      const b = createPolicies(specs);
      expect(
        a.map((p) => p.name),
        name,
      ).toEqual(specs.map((s) => s.type));
      a.forEach((policy, i) => {
        expect(policy).not.toBe(b[i]);
      });
    }
  });
});

describe('buildHandler', () => {
  it('runs policies outside-in: the first spec sees the call first', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const tracer = (name: string): Policy => ({
      name,
      async execute(request, context, next) {
        log.push(`>${name}`);
        const outcome = await next(request, context);
        log.push(`<${name}`);
        return outcome;
      },
    });
    const transport = scriptedTransport(clock, () => {
      log.push('call');
      return okOutcome('x');
    });
    const handler: Handler = buildHandler([tracer('a'), tracer('b')], transport);
    await clock.run(handler(userRequest('q'), testContext(clock)));
    expect(log).toEqual(['>a', '>b', 'call', '<b', '<a']);
  });

  it('with the direct preset makes exactly one call per request, counted in the trace', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, () => ({ kind: 'overloaded', status: 529, message: '529' }));
    const context = testContext(clock);
    const outcome = await clock.run(
      buildHandler(PRESET_STRATEGIES.direct ?? [], transport)(userRequest('q'), context),
    );
    expect(outcome.kind).toBe('overloaded');
    expect(context.trace.attempts).toBe(1);
    expect(transport.calls[0]?.options).toBeUndefined();
  });

  it('cached+batched: the first wave goes out as one batch, the repeat is answered from the cache', async () => {
    const clock = new VirtualClock();
    const transport = scriptedTransport(clock, answerEachPart, 300);
    const handler = buildHandler(PRESET_STRATEGIES['cached+batched'] ?? [], transport);
    const contexts: CallContext[] = [];
    const send = (prompt: string, atMs: number) => {
      const context = testContext(clock);
      contexts.push(context);
      return clock.sleep(atMs).then(() => handler(userRequest(prompt), context));
    };
    const outcomes = await clock.run(Promise.all([send('a', 0), send('b', 10), send('a', 1000)]));
    expect(outcomes.map((o) => (o.kind === 'ok' ? o.text : o.kind))).toEqual(['A:a', 'A:b', 'A:a']);
    expect(transport.calls.map((c) => [c.atMs, c.request.messages[0]?.content])).toEqual([[200, `a${D}b`]]);
    expect(contexts.map((c) => [c.trace.attempts, c.trace.batchSize, c.trace.cacheHit])).toEqual([
      [0.5, 2, false],
      [0.5, 2, false],
      [0, undefined, true],
    ]);
  });
});

describe('connectionOptionsOf', () => {
  it("reads a strategy's connection policy, defaulting to a keep-alive pool of 100", () => {
    const specs: PolicySpec[] = [{ type: 'connection', options: { keepAlive: false, maxSockets: 10 } }];
    expect(connectionOptionsOf(specs)).toEqual({ keepAlive: false, maxSockets: 10 });
    expect(connectionOptionsOf([])).toEqual(DEFAULT_CONNECTION);
  });
});
