import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

const WEATHER = {
  name: 'get_weather',
  description: 'The weather now at a place.',
  input_schema: {
    type: 'object',
    properties: {
      location: { type: 'string' },
      unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    },
    required: ['location'],
  },
};
const TIME = {
  name: 'get_time',
  input_schema: { type: 'object', properties: { tz: { type: 'string' } }, required: ['tz'] },
};
const TOOLS = [WEATHER, TIME];

type Block = { type: string; id?: string; name?: string; input?: unknown; text?: string };
type Message = { content: Block[]; stop_reason: string; usage: { output_tokens: number } };

const ajv = new Ajv2020({ strict: false });
const schemaOf = (name: string) => TOOLS.find((t) => t.name === name)?.input_schema as object;

function body(overrides: Record<string, unknown> = {}, prompt = 'What is the weather in Paris?') {
  return messagesBody({
    tools: TOOLS,
    max_tokens: 200,
    messages: [{ role: 'user', content: prompt }],
    ...overrides,
  });
}

describe('createMockServer: tool use', () => {
  it('answers tool_choice auto with a text preamble and a tool_use block valid against its schema', async () => {
    const { json } = testServer({ tools: { useProbability: 1, parallelProbability: 0 } });
    const message = (await json(body())).body as Message;
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content.map((b) => b.type)).toEqual(['text', 'tool_use']);
    const use = message.content[1] as Block;
    expect(use.id).toMatch(/^toolu_01[0-9A-Za-z]{22}$/);
    expect(use).toMatchObject({ name: 'get_time', input: { tz: 'search paris' } });
    expect(ajv.validate(schemaOf(use.name as string), use.input)).toBe(true);
    expect(message.usage.output_tokens).toBe(12 + Math.ceil(JSON.stringify(use.input).length / 4));
  });

  it('answers with text only when useProbability is 0 (auto) or tool_choice is none', async () => {
    const never = testServer({ tools: { useProbability: 0 } });
    const none = testServer({ tools: { useProbability: 1 } });
    const a = (await never.json(body())).body as Message;
    const b = (await none.json(body({ tool_choice: { type: 'none' } }))).body as Message;
    for (const m of [a, b]) {
      expect(m.content.map((x) => x.type)).toEqual(['text']);
      expect(m.stop_reason).not.toBe('tool_use');
    }
  });

  it('forces a call without preamble under tool_choice any, and calls the named tool under tool', async () => {
    const { json } = testServer({ tools: { useProbability: 0, parallelProbability: 0 } });
    const any = (await json(body({ tool_choice: { type: 'any' } }))).body as Message;
    const named = (await json(body({ tool_choice: { type: 'tool', name: 'get_weather' } }))).body as Message;
    expect(any.content.map((b) => b.type)).toEqual(['tool_use']);
    expect(named.content.map((b) => [b.type, b.name])).toEqual([['tool_use', 'get_weather']]);
    expect(named.content[0]?.input).toEqual({ location: 'london search search', unit: 'fahrenheit' });
    expect([any.stop_reason, named.stop_reason]).toEqual(['tool_use', 'tool_use']);
  });

  it('makes parallel calls, unless disable_parallel_tool_use', async () => {
    const { json } = testServer({ tools: { useProbability: 1, parallelProbability: 1, maxParallel: 3 } });
    const counts: number[] = [];
    const single: number[] = [];
    for (let i = 0; i < 6; i++) {
      const m = (await json(body({ tool_choice: { type: 'any' } }, `task ${i}`))).body as Message;
      counts.push(m.content.filter((b) => b.type === 'tool_use').length);
      const s = (
        await json(body({ tool_choice: { type: 'any', disable_parallel_tool_use: true } }, `task ${i}`))
      ).body as Message;
      single.push(s.content.filter((b) => b.type === 'tool_use').length);
    }
    expect(counts).toEqual([2, 2, 2, 3, 2, 3]);
    expect(single).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('calls tools on a share of turns set by useProbability, the same share under the same seed', async () => {
    const share = async (seed: number) => {
      const { json } = testServer({ tools: { useProbability: 0.3 } }, { seed });
      let calls = 0;
      for (let i = 0; i < 200; i++) {
        const m = (await json(body({}, `question number ${i}`))).body as Message;
        if (m.stop_reason === 'tool_use') calls++;
      }
      return calls;
    };
    expect(await share(1)).toBe(59);
    expect(await share(1)).toBe(59);
  });

  it('gives the same prompt the same calls (deterministic output), with fresh tool_use ids', async () => {
    const { json } = testServer({ tools: { useProbability: 1 } });
    const a = (await json(body())).body as Message;
    const b = (await json(body())).body as Message;
    const strip = (m: Message) => m.content.map(({ id: _id, ...rest }) => rest);
    expect(strip(a)).toEqual(strip(b));
    expect(a.content.at(-1)?.id).not.toBe(b.content.at(-1)?.id);
  });

  it('streams a tool-use answer served by Priority Tier with usage.service_tier priority, as a text answer', async () => {
    const { stream } = testServer({
      tools: { useProbability: 1, parallelProbability: 0 },
      priorityTier: { inputTokens: '100000/min', outputTokens: '100000/min' },
    });
    const events = (await stream(body({ stream: true, service_tier: 'auto' }))).events.map(
      (e) => e.data as { type: string; message?: { usage: unknown }; usage?: unknown },
    );
    const start = events.find((e) => e.type === 'message_start')?.message?.usage as { service_tier?: string };
    const end = events.find((e) => e.type === 'message_delta')?.usage as { service_tier?: string };
    expect([start.service_tier, end.service_tier]).toEqual(['priority', 'priority']);
  });

  it('streams tool_use as content_block_start then input_json_delta pieces that add up to the input', async () => {
    const cfg = { tools: { useProbability: 1, parallelProbability: 1, maxParallel: 2 } };
    const expected = (await testServer(cfg).json(body())).body as Message;
    const { stream } = testServer(cfg);
    const response = await stream(body({ stream: true }));
    const events = response.events.map((e) => e.data as Record<string, unknown>);
    const kinds = events.map((e) => {
      const d = e as { type: string; delta?: { type: string }; content_block?: { type: string } };
      return d.type === 'content_block_start' ? `start:${d.content_block?.type}` : (d.delta?.type ?? d.type);
    });
    const collapsed = kinds.filter((k, i) => k !== kinds[i - 1]);
    expect(collapsed).toEqual([
      'message_start',
      'start:text',
      'ping',
      'text_delta',
      'content_block_stop',
      'start:tool_use',
      'input_json_delta',
      'content_block_stop',
      'start:tool_use',
      'input_json_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    const json: string[] = ['', '', ''];
    for (const e of events as { type: string; index: number; delta?: { partial_json?: string } }[]) {
      if (e.delta?.partial_json !== undefined) json[e.index] += e.delta.partial_json;
    }
    expect(json.slice(1).map((j) => JSON.parse(j))).toEqual(expected.content.slice(1).map((b) => b.input));
    const first = events.find(
      (e) => e.type === 'content_block_delta' && (e as { index: number }).index === 1,
    );
    expect((first as { delta: unknown }).delta).toEqual({ type: 'input_json_delta', partial_json: '' });
    const delta = events.find((e) => e.type === 'message_delta') as {
      delta: { stop_reason: string };
      usage: { output_tokens: number };
    };
    expect([delta.delta.stop_reason, delta.usage.output_tokens]).toEqual([
      'tool_use',
      expected.usage.output_tokens,
    ]);
  });
});

describe('createMockServer: tool tokens', () => {
  it('counts tool definitions, the tool-use system prompt and tool results the same in Messages and count_tokens', async () => {
    const { json, send } = testServer({ tools: { useProbability: 1, parallelProbability: 0 } });
    const first = (await json(body({ tool_choice: { type: 'any' } }))).body as Message & {
      usage: { input_tokens: number };
    };
    // 3 framing + 4 + 8 (the question) + 313 (tool_choice any) + 45 + 21 (the two definitions).
    expect(first.usage.input_tokens).toBe(3 + 4 + 8 + 313 + 45 + 21);
    const use = first.content[0] as Block;
    const next = body({
      messages: [
        { role: 'user', content: 'What is the weather in Paris?' },
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: use.id, content: '18 degrees, clear' }],
        },
      ],
    });
    const answered = (await json(next)).body as { usage: { input_tokens: number } };
    const counted = (await send({
      method: 'POST',
      path: '/v1/messages/count_tokens',
      headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' },
      json: { ...next, max_tokens: undefined },
    })) as { body: unknown };
    const useTokens = Math.ceil(`${use.name}${JSON.stringify(use.input)}`.length / 4);
    // auto this time (346); the assistant turn counts its tool_use, the user turn its result (5 tokens).
    expect(answered.usage.input_tokens).toBe(3 + 4 + 8 + 346 + 45 + 21 + 4 + useTokens + 4 + 5);
    expect(counted.body).toEqual({ input_tokens: answered.usage.input_tokens });
  });
});
