import { describe, expect, it } from 'vitest';
import { estimateInputTokens, estimateTokens } from './tokens.ts';

describe('estimateTokens', () => {
  it('counts a quarter token per Latin character, rounded up, and one per CJK character', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('Hi')).toBe(1);
    expect(estimateTokens('Hello world!')).toBe(3);
    expect(estimateTokens('你好世界')).toBe(4);
    expect(estimateTokens('你好 world')).toBe(2 + 2);
  });

  it('adds message framing to a request body', () => {
    expect(estimateInputTokens({ messages: [{ role: 'user', content: 'Hello world!' }] })).toBe(3 + 4 + 3);
    expect(
      estimateInputTokens({
        system: [{ type: 'text', text: 'Be brief.' }],
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
      }),
    ).toBe(3 + 3 + 4 + 1);
  });
});

describe('estimateInputTokens with tools, tool results and thinking', () => {
  const tool = {
    name: 'get_weather',
    description: 'Weather now.',
    input_schema: { type: 'object', properties: { q: { type: 'string' } } },
  };
  // get_weather + Weather now. + {"type":"object","properties":{"q":{"type":"string"}}}: 77 characters.
  const toolTokens = 20;
  const user = { role: 'user', content: 'Hi' };

  it('counts tool definitions plus the tool-use system prompt by tool_choice (346 auto/none, 313 any/tool)', () => {
    const base = 3 + 4 + 1;
    expect(estimateInputTokens({ messages: [user], tools: [tool] })).toBe(base + 346 + toolTokens);
    expect(estimateInputTokens({ messages: [user], tools: [tool], tool_choice: { type: 'none' } })).toBe(
      base + 346 + toolTokens,
    );
    expect(estimateInputTokens({ messages: [user], tools: [tool], tool_choice: { type: 'any' } })).toBe(
      base + 313 + toolTokens,
    );
    expect(
      estimateInputTokens({
        messages: [user],
        tools: [tool],
        tool_choice: { type: 'tool', name: 'get_weather' },
      }),
    ).toBe(base + 313 + toolTokens);
    expect(estimateInputTokens({ messages: [user], tools: [] })).toBe(base);
  });

  it('counts tool_use, tool_result and thinking blocks sent back', () => {
    const messages = [
      user,
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'abcdefgh', signature: 'sig' },
          { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { q: 'Paris' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_1', content: [{ type: 'text', text: '18 degrees' }] },
        ],
      },
    ];
    // thinking 8 chars + get_weather{"q":"Paris"} 24 chars = 32 chars: 8 tokens; the result 10 chars: 3.
    expect(estimateInputTokens({ messages })).toBe(3 + (4 + 1) + (4 + 8) + (4 + 3));
  });
});
