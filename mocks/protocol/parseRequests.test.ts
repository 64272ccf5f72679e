import { describe, expect, it } from 'vitest';
import { DEFAULT_MODELS } from '../config/catalog.ts';
import { mockConfigSchema } from '../config/MockConfig.ts';
import { type ApiProblem, errorTypeForStatus } from './errors.ts';
import { ModelIndex } from './ModelIndex.ts';
import { parseChatRequest } from './parseChatRequest.ts';
import { isProblem, type PromptRequest, parseMessagesRequest } from './parseMessagesRequest.ts';

const index = new ModelIndex(mockConfigSchema.parse({ models: DEFAULT_MODELS }).models ?? []);

function ok<T extends PromptRequest>(value: T | ApiProblem): T {
  if (isProblem(value)) throw new Error(value.message);
  return value;
}

describe('parseMessagesRequest and parseChatRequest', () => {
  it('keys the output on the prompt texts and finds the last user message', () => {
    const parse = (content: string, maxTokens = 10) =>
      ok(
        parseMessagesRequest(
          {
            model: 'claude-haiku-4-5',
            max_tokens: maxTokens,
            system: 'sys',
            messages: [
              { role: 'user', content },
              { role: 'assistant', content: 'a' },
              { role: 'user', content: [{ type: 'text', text: 'last' }] },
            ],
          },
          { models: index, apiVersion: '2023-06-01' },
        ),
      );
    expect(parse('x').lastUserText).toBe('last');
    expect(parse('x').promptHash).toBe(parse('x', 20).promptHash);
    expect(parse('x').promptHash).not.toBe(parse('y').promptHash);
  });

  it('maps a chat request onto the same tokens and output key as the equivalent Messages request', () => {
    const messages = ok(
      parseMessagesRequest(
        {
          model: 'claude-sonnet-4-5',
          max_tokens: 100,
          system: 'Be terse.',
          messages: [{ role: 'user', content: 'Hi there' }],
        },
        { models: index, apiVersion: '2023-06-01' },
      ),
    );
    const chat = ok(
      parseChatRequest(
        {
          model: 'anthropic/claude-sonnet-4.5',
          max_tokens: 100,
          messages: [
            { role: 'system', content: 'Be terse.' },
            { role: 'user', content: 'Hi there' },
          ],
        },
        index,
      ),
    );
    expect([chat.inputTokens, chat.promptHash, chat.model.id]).toEqual([
      messages.inputTokens,
      messages.promptHash,
      'claude-sonnet-4-5',
    ]);
  });

  it('defaults a chat request without max_tokens to 4096', () => {
    const chat = ok(
      parseChatRequest({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'x' }] }, index),
    );
    expect([chat.maxTokens, chat.stream, chat.includeUsage]).toEqual([4096, false, false]);
  });

  it('maps statuses to the API error types', () => {
    expect([400, 401, 403, 404, 413, 429, 500, 502, 504, 529].map(errorTypeForStatus)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'request_too_large',
      'rate_limit_error',
      'api_error',
      'api_error',
      'timeout_error',
      'overloaded_error',
    ]);
  });
});
