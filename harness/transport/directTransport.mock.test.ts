import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import type { MockConfigInput } from '../../mocks/config/MockConfig.ts';
import { resolveMockConfig } from '../../mocks/config/presets.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';
import { buildHandler } from '../strategies/buildHandler.ts';
import { DEFAULT_BATCH, PRESET_STRATEGIES } from '../strategies/options.ts';
import { newTrace } from '../strategies/Policy.ts';
import { createDirectTransport } from './directTransport.ts';
import type { ApiRequest, Outcome, Usage } from './Transport.ts';

/** The real mock core on a virtual clock, behind the direct transport. */
function setup(overrides: MockConfigInput = {}, preset = 'perfect') {
  const clock = new VirtualClock();
  const server = createMockServer({
    config: resolveMockConfig(preset, overrides),
    clock,
    random: new Random(7),
  });
  const calls: [number, Usage | undefined][] = [];
  const transport = createDirectTransport(server, {
    clock,
    observer: { onCall: (status, usage) => calls.push([status, usage]) },
  });
  return { clock, server, transport, calls };
}

const request = (content: string, overrides: Partial<ApiRequest> = {}): ApiRequest => ({
  model: 'claude-sonnet-4-5',
  maxTokens: 64,
  messages: [{ role: 'user', content }],
  stream: false,
  ...overrides,
});

describe('direct transport against the real mock core', () => {
  it('gets an answer whose usage matches what the mock billed', async () => {
    const { clock, server, transport, calls } = setup();
    const outcome = await clock.run(transport.send(request('Hello there')));
    expect(outcome.kind).toBe('ok');
    const usage = (outcome as Extract<Outcome, { kind: 'ok' }>).usage;
    expect(usage.outputTokens).toBeGreaterThan(0);
    expect(calls).toEqual([[200, usage]]);
    expect(server.stats()).toMatchObject({
      requests: 1,
      inputTokens: usage.inputTokens,
      outputTokens: usage.outputTokens,
    });
  });

  it('streams the same text as the JSON answer, with the first token before the end', async () => {
    const { clock, transport } = setup({}, 'default');
    const plain = await clock.run(transport.send(request('Tell me a story')));
    const startMs = clock.now();
    const streamed = await clock.run(transport.send(request('Tell me a story', { stream: true })));
    expect(streamed.kind).toBe('ok');
    expect(plain.kind).toBe('ok');
    if (streamed.kind !== 'ok' || plain.kind !== 'ok') return;
    expect(streamed.text).toBe(plain.text);
    expect(streamed.usage).toEqual(plain.usage);
    expect(streamed.firstTokenAtMs).toBeGreaterThan(startMs);
    expect(streamed.firstTokenAtMs).toBeLessThan(clock.now());
  });

  it('maps the mock 429 with its retry-after, and the injected 529', async () => {
    const { clock, transport } = setup({ rateLimits: { requests: '1/min' } });
    await clock.run(transport.send(request('a')));
    const limited = await clock.run(transport.send(request('b')));
    expect(limited).toMatchObject({ kind: 'rate-limited', status: 429, errorType: 'rate_limit_error' });
    expect(limited.kind !== 'ok' && limited.retryAfterMs).toBeGreaterThan(0);

    const overloaded = setup({ faults: { error529: 1 } });
    expect(await overloaded.clock.run(overloaded.transport.send(request('c')))).toMatchObject({
      kind: 'overloaded',
      status: 529,
      errorType: 'overloaded_error',
    });
  });

  it.each([
    [{ streamDrop: 1 }, undefined],
    [{ streamCleanClose: 1 }, undefined],
    [{ streamErrorEvent: 1 }, 'overloaded_error'],
    [{ streamStall: 1 }, undefined],
  ])('maps the mock stream fault %j to stream-dropped', async (faults, errorType) => {
    const { clock, transport, calls } = setup({ faults }, 'default');
    const outcome = await clock.run(
      transport.send(request('Tell me a long story', { stream: true, maxTokens: 400 }), {
        streamIdleTimeoutMs: 30_000,
      }),
    );
    expect(outcome.kind).toBe('stream-dropped');
    if (errorType !== undefined) expect(outcome).toMatchObject({ errorType });
    expect(calls.length).toBe(1);
    expect(calls[0]?.[0]).toBe(200);
  });

  it('batches prompts the mock answers part by part, so every member gets its own answer', async () => {
    const { clock, transport, calls } = setup({ output: { tokens: { type: 'fixed', value: 20 } } });
    const handler = buildHandler([{ type: 'batch', options: { ...DEFAULT_BATCH, size: 3 } }], transport);
    const traces = [newTrace(), newTrace(), newTrace()];
    const outcomes = await clock.run(
      Promise.all(
        ['first question', 'second question', 'third question'].map((p, i) =>
          handler(request(p), { clock, random: new Random(1), trace: traces[i] ?? newTrace() }),
        ),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(calls.length).toBe(1);
    const billed = calls[0]?.[1] as Usage;
    const okUsage = outcomes.map((o) => (o.kind === 'ok' ? o.usage : { inputTokens: 0, outputTokens: 0 }));
    expect(okUsage.reduce((sum, u) => sum + u.outputTokens, 0)).toBe(billed.outputTokens);
    expect(okUsage.reduce((sum, u) => sum + u.inputTokens, 0)).toBe(billed.inputTokens);
    expect(traces.map((t) => [t.batchSize, t.batchFallback])).toEqual([
      [3, false],
      [3, false],
      [3, false],
    ]);
  });

  it('marks only the last member cut when max_tokens cuts into the last part', async () => {
    const { clock, transport } = setup({ output: { tokens: { type: 'fixed', value: 50 } } });
    const handler = buildHandler([{ type: 'batch', options: { ...DEFAULT_BATCH, size: 3 } }], transport);
    const outcomes = await clock.run(
      Promise.all(
        ['first question', 'second question', 'third question'].map((p) =>
          handler(request(p, { maxTokens: 40 }), { clock, random: new Random(1), trace: newTrace() }),
        ),
      ),
    );
    expect(outcomes.map((o) => (o.kind === 'ok' ? [o.stopReason, o.text.length] : o.kind))).toEqual([
      ['end_turn', 200],
      ['end_turn', 200],
      ['max_tokens', 70],
    ]);
  });

  it('falls back to single calls when max_tokens cuts the batched answer short of its last parts', async () => {
    const { clock, transport, calls } = setup({ output: { tokens: { type: 'fixed', value: 50 } } });
    const handler = buildHandler([{ type: 'batch', options: { ...DEFAULT_BATCH, size: 3 } }], transport);
    const traces = [newTrace(), newTrace(), newTrace()];
    const outcomes = await clock.run(
      Promise.all(
        ['first question', 'second question', 'third question'].map((p, i) =>
          handler(request(p, { maxTokens: 20 }), {
            clock,
            random: new Random(1),
            trace: traces[i] ?? newTrace(),
          }),
        ),
      ),
    );
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok', 'ok']);
    expect(calls.length).toBe(4);
    expect(traces.map((t) => [t.batchFallback, t.attempts])).toEqual([
      [true, 1 + 1 / 3],
      [true, 1 + 1 / 3],
      [true, 1 + 1 / 3],
    ]);
  });

  it('the retry preset rides out a short outage on virtual time', async () => {
    const { clock, transport, calls } = setup({
      faults: { outages: [{ fromMs: 0, toMs: 1000, status: 529 }] },
    });
    const handler = buildHandler(PRESET_STRATEGIES.retry ?? [], transport);
    const trace = newTrace();
    const outcomes: Outcome[] = [];
    for (let i = 0; i < 5; i++) {
      outcomes.push(await clock.run(handler(request(`q${i}`), { clock, random: new Random(3), trace })));
    }
    expect(outcomes.filter((o) => o.kind === 'ok').length).toBeGreaterThan(0);
    expect(calls.map((c) => c[0])).toContain(529);
    expect(trace.attempts).toBe(calls.length);
  });
});

describe('direct transport: content blocks', () => {
  const TOOLS = [
    {
      name: 'read_file',
      description: 'Reads a file',
      input_schema: {
        type: 'object',
        properties: { path: { type: 'string' }, lines: { type: 'integer', minimum: 1, maximum: 9 } },
        required: ['path', 'lines'],
      },
    },
  ];

  it('answers a tools request with the tool_use blocks of the Message, and a stream assembles the same blocks', async () => {
    const config = { tools: { useProbability: 1, parallelProbability: 0 } };
    const plain = setup(config);
    const streamed = setup(config);
    const body = request('Open a.ts', { tools: TOOLS, toolChoice: { type: 'any' } });
    const a = await plain.clock.run(plain.transport.send(body));
    const b = await streamed.clock.run(streamed.transport.send({ ...body, stream: true }));
    if (a.kind !== 'ok' || b.kind !== 'ok') throw new Error(`not ok: ${a.kind} ${b.kind}`);
    expect(a.stopReason).toBe('tool_use');
    expect(b.stopReason).toBe('tool_use');
    const use = a.content?.find((block) => block.type === 'tool_use');
    expect(use).toMatchObject({ type: 'tool_use', name: 'read_file' });
    expect(use?.type === 'tool_use' && use.id.startsWith('toolu_')).toBe(true);
    expect(Object.keys((use as { input: object }).input).sort()).toEqual(['lines', 'path']);
    expect(b.content).toEqual(a.content);
    expect(b.usage).toEqual(a.usage);
  });

  it('sends a whole tool turn back (thinking, tool_use, tool_result) and gets thinking with its signature', async () => {
    const { clock, transport } = setup({ tools: { useProbability: 1, parallelProbability: 0 } });
    const thinking = { type: 'enabled' as const, budget_tokens: 1024 };
    const first = request('Open a.ts', { tools: TOOLS, thinking, maxTokens: 2048 });
    const one = await clock.run(transport.send(first));
    if (one.kind !== 'ok' || one.content === undefined) throw new Error(one.kind);
    expect(one.content.map((block) => block.type)).toEqual(['thinking', 'text', 'tool_use']);
    const use = one.content[2] as { id: string };
    const second: ApiRequest = {
      ...first,
      stream: true,
      messages: [
        ...first.messages,
        { role: 'assistant', content: one.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: 'export {}' }] },
      ],
    };
    const two = await clock.run(transport.send(second));
    if (two.kind !== 'ok' || two.content === undefined) throw new Error(two.kind);
    const block = two.content[0];
    expect(block?.type).toBe('thinking');
    expect(block?.type === 'thinking' && block.signature.length > 0 && block.thinking.length > 0).toBe(true);
  });
});
