import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import { parseScenario } from '../scenario/parseScenario.ts';
import { newTrace } from '../strategies/Policy.ts';
import type { ApiRequest } from '../transport/Transport.ts';
import { connectUpstream } from './Upstream.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'claude-bench-upstream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A module that keeps what it received and answers with a tool call and cache counts.
const MODULE = path.join(dir, 'echo-client.mjs');
writeFileSync(
  MODULE,
  `export default async function (request) {
  globalThis.__claudeBenchSeen = request;
  return {
    text: '',
    content: [{ type: 'tool_use', id: 'toolu_9', name: 'grep', input: { pattern: 'x' } }],
    usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 3000, cacheWriteTokens: 40 },
    stopReason: 'tool_use',
  };
}
`,
);

const REQUEST: ApiRequest = {
  model: 'claude-sonnet-4-5',
  maxTokens: 2048,
  system: [{ type: 'text', text: 'You are an agent.' }],
  tools: [{ name: 'grep', input_schema: { type: 'object' } }],
  toolChoice: { type: 'auto' },
  thinking: { type: 'enabled', budget_tokens: 1024 },
  messages: [
    { role: 'user', content: 'find x' },
    { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'grep', input: {} }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'none' }] },
  ],
  stream: false,
  cacheTtl: '5m',
};

describe('a user module', () => {
  it('receives the full request (blocks, tools, thinking) and its wire body, and returns blocks and cache usage', async () => {
    const scenario = parseScenario(
      `name: echo\nworkload: { requests: 1 }\nstrategies: [ { name: mine, module: ${MODULE} } ]\n`,
      path.join(dir, 'inline.yaml'),
    );
    const clock = new VirtualClock();
    const upstream = await connectUpstream({
      scenario,
      strategy: scenario.strategies[0] as (typeof scenario.strategies)[0],
      clock,
      random: new Random(1),
    });
    try {
      const outcome = await upstream.call(REQUEST, newTrace(), new AbortController().signal);
      const seen = (globalThis as { __claudeBenchSeen?: unknown }).__claudeBenchSeen;
      const { cacheTtl: _ttl, ...fields } = REQUEST;
      expect(seen).toEqual({
        ...fields,
        body: {
          model: 'claude-sonnet-4-5',
          max_tokens: 2048,
          messages: REQUEST.messages,
          system: [{ type: 'text', text: 'You are an agent.', cache_control: { type: 'ephemeral' } }],
          tools: REQUEST.tools,
          tool_choice: { type: 'auto' },
          thinking: { type: 'enabled', budget_tokens: 1024 },
        },
      });
      expect(outcome).toEqual({
        kind: 'ok',
        text: '',
        content: [{ type: 'tool_use', id: 'toolu_9', name: 'grep', input: { pattern: 'x' } }],
        stopReason: 'tool_use',
        usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 3000, cacheWriteTokens: 40 },
      });
    } finally {
      await upstream.close();
    }
  });
});
