/**
 * A user strategy module built on the official Anthropic SDK, with the SDK's own retries
 * (2 retries, exponential backoff, honouring retry-after). claude-bench calls the default export once
 * per logical request; in simulated runs the SDK's HTTP calls reach the in-process mock through msw
 * and its retry sleeps take virtual time, so this runs unchanged in both modes.
 *
 * Copy it and put your own client logic in: anything that returns `{ text, usage }` or throws works.
 */
import Anthropic from '@anthropic-ai/sdk';
import type { UserContext, UserRequest, UserResult } from '../../harness/runner/userModule.ts';

const clients = new Map<string, Anthropic>();

function clientFor(context: UserContext): Anthropic {
  const options = (context.options ?? {}) as { maxRetries?: number };
  const key = `${context.baseURL} ${options.maxRetries ?? 2}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = new Anthropic({
      baseURL: context.baseURL,
      apiKey: context.apiKey,
      maxRetries: options.maxRetries ?? 2,
    });
    clients.set(key, client);
  }
  return client;
}

export default async function send(request: UserRequest, context: UserContext): Promise<UserResult> {
  const client = clientFor(context);
  const params = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.system === undefined ? {} : { system: request.system }),
  };
  if (request.stream) {
    const stream = client.messages.stream(params, { signal: context.signal });
    stream.on('text', () => context.firstToken());
    const message = await stream.finalMessage();
    return {
      text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
      usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
      stopReason: message.stop_reason ?? 'end_turn',
    };
  }
  const message = await client.messages.create(params, { signal: context.signal });
  return {
    text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
    usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
    stopReason: message.stop_reason ?? 'end_turn',
  };
}
