import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

type Block = {
  type: string;
  thinking?: string;
  signature?: string;
  data?: string;
  text?: string;
  id?: string;
  name?: string;
  input?: unknown;
};
type Message = { content: Block[]; stop_reason: string; usage: { output_tokens: number } };
type ErrorBody = { error: { type: string; message: string } };

const THINKING = { type: 'enabled', budget_tokens: 1024 };
const SECRET = 'claude-bench-mock-thinking';
const TOOL = {
  name: 'lookup',
  input_schema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
};

function thinkingBody(overrides: Record<string, unknown> = {}) {
  return messagesBody({ max_tokens: 2000, thinking: THINKING, ...overrides });
}

async function problem(overrides: Record<string, unknown>): Promise<[number, string]> {
  const response = await testServer().json(thinkingBody(overrides));
  return [response.status, (response.body as ErrorBody).error?.message];
}

describe('createMockServer: extended thinking', () => {
  it('validates thinking with the API messages: budget ≥ 1024, below max_tokens, no forced tool use', async () => {
    expect(await problem({ thinking: { type: 'enabled', budget_tokens: 1000 } })).toEqual([
      400,
      'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
    ]);
    expect(await problem({ max_tokens: 1024 })).toEqual([
      400,
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    ]);
    expect(await problem({ thinking: { type: 'enabled' } })).toEqual([
      400,
      'thinking.enabled.budget_tokens: Field required',
    ]);
    expect(await problem({ tools: [TOOL], tool_choice: { type: 'any' } })).toEqual([
      400,
      'Thinking may not be enabled when tool_choice forces tool use.',
    ]);
    expect((await problem({ max_tokens: 1025 }))[0]).toBe(200);
    expect((await problem({ thinking: { type: 'disabled' } }))[0]).toBe(200);
  });

  it('opens the answer with a signed thinking block; thinking tokens are output tokens', async () => {
    const { json, server } = testServer({ thinking: { tokens: 30 }, output: { tokens: 10 } });
    const message = (await json(thinkingBody())).body as Message;
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text']);
    const thinking = message.content[0] as Block;
    expect(thinking.thinking).toHaveLength(120);
    expect(thinking.signature).toBe(
      createHmac('sha256', SECRET)
        .update(thinking.thinking as string)
        .digest('base64'),
    );
    expect([message.stop_reason, message.usage.output_tokens]).toEqual(['end_turn', 40]);
    expect(server.stats().outputTokens).toBe(40);
  });

  it('caps thinking at budget_tokens', async () => {
    const { json } = testServer({ thinking: { tokens: 5000 }, output: { tokens: 10 } });
    const message = (await json(thinkingBody())).body as Message;
    expect([message.content[0]?.thinking?.length, message.usage.output_tokens]).toEqual([4096, 1034]);
  });

  it('generates thinking tokens at the model token rate', async () => {
    const latency = { outputTokensPerSec: 100 };
    const timed = async (thinking: boolean) => {
      const { json, clock } = testServer({ latency, thinking: { tokens: 50 }, output: { tokens: 10 } });
      await json(thinking ? thinkingBody() : messagesBody({ max_tokens: 2000 }));
      return clock.now();
    };
    // 10 tokens take 100 ms; 50 thinking tokens more take 500 ms more.
    expect([await timed(false), await timed(true)]).toEqual([100, 600]);
  });

  it('charges thinking tokens to the output-token limit (OTPM)', async () => {
    const second = async (thinkingTokens: number | undefined) => {
      const { json } = testServer({
        rateLimits: { outputTokens: '3000/min' },
        thinking: { tokens: thinkingTokens ?? 1 },
        output: { tokens: 10 },
      });
      const thinking = thinkingTokens === undefined ? undefined : { type: 'enabled', budget_tokens: 1800 };
      await json(messagesBody({ max_tokens: 2000, thinking }));
      return (await json(messagesBody({ max_tokens: 2000 }))).status;
    };
    // 1500 thinking + 10 text tokens billed leave 1490 < 2000: the second request is refused.
    expect([await second(undefined), await second(1500)]).toEqual([200, 429]);
  });

  it('streams thinking as thinking_delta pieces, then one signature_delta before content_block_stop', async () => {
    const cfg = { thinking: { tokens: 30 }, output: { tokens: 10 } };
    const expected = (await testServer(cfg).json(thinkingBody())).body as Message;
    const response = await testServer(cfg).stream(thinkingBody({ stream: true }));
    const events = response.events.map(
      (e) => e.data as { type: string; index?: number; delta?: Record<string, string> },
    );
    const block0 = events.filter((e) => e.index === 0).map((e) => e.delta?.type ?? e.type);
    expect(block0).toEqual([
      'content_block_start',
      ...Array(10).fill('thinking_delta'),
      'signature_delta',
      'content_block_stop',
    ]);
    const text = events.map((e) => e.delta?.thinking ?? '').join('');
    const signature = events.find((e) => e.delta?.type === 'signature_delta')?.delta?.signature;
    expect([text, signature]).toEqual([expected.content[0]?.thinking, expected.content[0]?.signature]);
    const delta = events.find((e) => e.type === 'message_delta') as unknown as {
      usage: { output_tokens: number };
    };
    expect(delta.usage.output_tokens).toBe(40);
  });

  it('sends redacted_thinking with redactedProbability, and accepts its data back unchanged only', async () => {
    const { json } = testServer({ thinking: { tokens: 30, redactedProbability: 1 }, output: { tokens: 10 } });
    const message = (await json(thinkingBody())).body as Message;
    const redacted = message.content[0] as Block;
    expect(redacted.type).toBe('redacted_thinking');
    expect(message.usage.output_tokens).toBe(40);
    const back = (block: Block) =>
      thinkingBody({
        messages: [
          { role: 'user', content: 'Hello' },
          { role: 'assistant', content: [block, { type: 'text', text: 'ok' }] },
          { role: 'user', content: 'more' },
        ],
      });
    expect((await json(back(redacted))).status).toBe(200);
    const tampered = await json(back({ ...redacted, data: `${redacted.data}x` }));
    expect([tampered.status, (tampered.body as ErrorBody).error.message]).toEqual([
      400,
      'messages.1.content.0: Invalid `data` in `redacted_thinking` block',
    ]);
  });
});

describe('createMockServer: thinking blocks sent back with tool results', () => {
  const cfg = {
    thinking: { tokens: 30 },
    output: { tokens: 10 },
    tools: { useProbability: 1, parallelProbability: 0 },
  };

  async function firstTurn() {
    const t = testServer(cfg);
    const message = (await t.json(thinkingBody({ tools: [TOOL] }))).body as Message;
    const history = (assistant: Block[]) =>
      thinkingBody({
        tools: [TOOL],
        messages: [
          { role: 'user', content: 'Hello' },
          { role: 'assistant', content: assistant },
          {
            role: 'user',
            content: [{ type: 'tool_result', tool_use_id: message.content.at(-1)?.id, content: 'found it' }],
          },
        ],
      });
    return { t, message, history };
  }

  it('answers thinking, text and tool_use, and accepts the blocks sent back unchanged', async () => {
    const { t, message, history } = await firstTurn();
    expect(message.content.map((b) => b.type)).toEqual(['thinking', 'text', 'tool_use']);
    expect(message.stop_reason).toBe('tool_use');
    expect((await t.json(history(message.content))).status).toBe(200);
  });

  it('rejects a tampered thinking text or signature, and a stripped signature, as the API does', async () => {
    const { t, message, history } = await firstTurn();
    const [thinking, ...rest] = message.content as [Block, ...Block[]];
    const answer = async (first: Block) => {
      const r = await t.json(history([first, ...rest]));
      return [r.status, (r.body as ErrorBody).error?.message];
    };
    const invalid = [400, 'messages.1.content.0: Invalid `signature` in `thinking` block'];
    expect(await answer({ ...thinking, thinking: `${thinking.thinking} edited` })).toEqual(invalid);
    expect(await answer({ ...thinking, signature: `A${(thinking.signature as string).slice(1)}` })).toEqual(
      invalid,
    );
    const { signature: _s, ...stripped } = thinking;
    expect(await answer(stripped)).toEqual([400, 'messages.1.content.0.thinking.signature: Field required']);
    // Another mock secret, another signature: a block from elsewhere does not verify.
    const other = testServer({ ...cfg, thinking: { ...cfg.thinking, signingSecret: 'another' } });
    expect((await other.json(history(message.content))).status).toBe(400);
  });
});
