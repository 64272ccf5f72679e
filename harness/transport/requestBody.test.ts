import { describe, expect, it } from 'vitest';
import { toRequestBody } from './requestBody.ts';
import type { ApiRequest } from './Transport.ts';

const TOOL = { name: 'read_file', description: 'Reads a file', input_schema: { type: 'object' } };

describe('toRequestBody', () => {
  it('passes system blocks, tools, tool_choice, thinking and block contents through as they are', () => {
    const request: ApiRequest = {
      model: 'claude-sonnet-4-5',
      maxTokens: 4096,
      system: [{ type: 'text', text: 'You are a coding agent.' }],
      tools: [TOOL],
      toolChoice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      messages: [
        { role: 'user', content: 'Fix the bug' },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'Look first.', signature: 'sig' },
            { type: 'redacted_thinking', data: 'enc' },
            { type: 'tool_use', id: 'toolu_1', name: 'read_file', input: { path: 'a.ts' } },
          ],
        },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: 'export {}',
              cache_control: { type: 'ephemeral' },
            },
          ],
        },
      ],
      stream: true,
    };
    const body = toRequestBody(request);
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: request.messages,
      system: [{ type: 'text', text: 'You are a coding agent.' }],
      tools: [TOOL],
      tool_choice: { type: 'auto', disable_parallel_tool_use: true },
      thinking: { type: 'enabled', budget_tokens: 2048 },
      stream: true,
    });
    expect(body.messages).toBe(request.messages);
  });

  it('marks the last system block for the prompt cache without touching the caller’s blocks', () => {
    const system = [
      { type: 'text' as const, text: 'a' },
      { type: 'text' as const, text: 'b' },
    ];
    const body = toRequestBody({
      model: 'm',
      maxTokens: 8,
      system,
      messages: [{ role: 'user', content: 'hi' }],
      stream: false,
      cacheTtl: '1h',
    });
    expect(body.system).toEqual([
      { type: 'text', text: 'a' },
      { type: 'text', text: 'b', cache_control: { type: 'ephemeral', ttl: '1h' } },
    ]);
    expect(system[1]).toEqual({ type: 'text', text: 'b' });
  });
});
