import { describe, expect, it } from 'vitest';
import { messagesBody, testServer } from './testServer.ts';

const TOOL = { name: 'get_weather', input_schema: { type: 'object', properties: { q: { type: 'string' } } } };
const USE = { type: 'tool_use', id: 'toolu_01A', name: 'get_weather', input: { q: 'x' } };
const RESULT = { type: 'tool_result', tool_use_id: 'toolu_01A', content: '18 degrees' };

async function problem(overrides: Record<string, unknown>): Promise<[number, string, string]> {
  const { json } = testServer();
  const response = await json(messagesBody(overrides));
  const body = response.body as { error: { type: string; message: string } };
  return [response.status, body.error?.type, body.error?.message];
}

function turns(...userBlocks: unknown[]) {
  return {
    tools: [TOOL],
    messages: [
      { role: 'user', content: 'weather?' },
      { role: 'assistant', content: [USE] },
      { role: 'user', content: userBlocks },
    ],
  };
}

describe('createMockServer: tool validation as the API does it', () => {
  it('rejects a tool name outside ^[a-zA-Z0-9_-]{1,64}$', async () => {
    for (const name of ['get.weather', '', 'x'.repeat(65)]) {
      expect(await problem({ tools: [{ ...TOOL, name }] })).toEqual([
        400,
        'invalid_request_error',
        "tools.0.custom.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'",
      ]);
    }
    expect((await problem({ tools: [{ ...TOOL, name: 'x'.repeat(64) }] }))[0]).toBe(200);
  });

  it('rejects duplicate tool names', async () => {
    expect(await problem({ tools: [TOOL, { ...TOOL }] })).toEqual([
      400,
      'invalid_request_error',
      'tools: Tool names must be unique.',
    ]);
  });

  it('rejects a missing input_schema and a tool_choice naming a tool that is not there', async () => {
    expect((await problem({ tools: [{ name: 'a' }] }))[2]).toBe(
      'tools.0.custom.input_schema: Field required',
    );
    expect(await problem({ tools: [TOOL], tool_choice: { type: 'tool', name: 'get_time' } })).toEqual([
      400,
      'invalid_request_error',
      "tool_choice.name: Tool 'get_time' not found in tools",
    ]);
    expect((await problem({ tools: [TOOL], tool_choice: { type: 'sometimes' } }))[2]).toBe(
      "tool_choice: Input tag 'sometimes' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'",
    );
  });

  it('accepts a tool_result answering the previous tool_use, text after it', async () => {
    expect((await problem(turns(RESULT, { type: 'text', text: 'thanks' })))[0]).toBe(200);
  });

  it('rejects a tool_result whose tool_use_id has no tool_use in the previous assistant turn', async () => {
    expect(await problem(turns({ ...RESULT, tool_use_id: 'toolu_01B' }))).toEqual([
      400,
      'invalid_request_error',
      'messages.2.content.0: unexpected `tool_use_id` found in `tool_result` blocks: toolu_01B. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
    ]);
  });

  it('rejects a tool_result that is not first in the user turn, and a tool_use left unanswered', async () => {
    const unanswered =
      'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01A. Each `tool_use` block must have a corresponding `tool_result` block in the next message.';
    expect(await problem(turns({ type: 'text', text: 'here:' }, RESULT))).toEqual([
      400,
      'invalid_request_error',
      unanswered,
    ]);
    expect((await problem(turns({ type: 'text', text: 'never mind' })))[2]).toBe(unanswered);
  });

  it('rejects unknown content block types', async () => {
    expect(
      (await problem({ messages: [{ role: 'user', content: [{ type: 'video', url: 'x' }] }] }))[2],
    ).toMatch(
      /^messages\.0\.content\.0: Input tag 'video' found using 'type' does not match any of the expected tags: 'text', 'image', /,
    );
  });
});
