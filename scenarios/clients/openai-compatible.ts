/**
 * A user strategy module for apps that reach Claude through an OpenAI-compatible relay (the
 * OpenRouter-style gateways of seeds 001 and 004): the official `openai` SDK calling
 * `POST {baseURL}/v1/chat/completions`, which the mock serves too, with the SDK's own retries
 * (default 2). In simulated runs its HTTP calls reach the in-process mock through msw and its
 * retry sleeps take virtual time.
 *
 * Options (the strategy's `options:` in the scenario): `maxRetries` (default 2).
 * Copy it and point `baseURL` at your relay by running the scenario with a `target:`.
 */
import OpenAI from 'openai';
import type { UserContext, UserRequest, UserResult } from '../../harness/runner/userModule.ts';
import { messageText } from '../../harness/transport/messageText.ts';

const clients = new Map<string, OpenAI>();

function clientFor(context: UserContext): OpenAI {
  const options = (context.options ?? {}) as { maxRetries?: number };
  const maxRetries = options.maxRetries ?? 2;
  const key = `${context.baseURL} ${maxRetries}`;
  let client = clients.get(key);
  if (client === undefined) {
    // The OpenAI SDK expects the `/v1` prefix in its base URL; the Anthropic SDK adds it itself.
    client = new OpenAI({ baseURL: `${context.baseURL}/v1`, apiKey: context.apiKey, maxRetries });
    clients.set(key, client);
  }
  return client;
}

export default async function send(request: UserRequest, context: UserContext): Promise<UserResult> {
  const client = clientFor(context);
  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    ...(request.system === undefined
      ? []
      : [{ role: 'system' as const, content: messageText(request.system) }]),
    // Chat completions carry text only: tool and thinking blocks are left out.
    ...request.messages.map((m) => ({ role: m.role, content: messageText(m.content) })),
  ];
  const params = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages,
    ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
  };
  if (request.stream) {
    const stream = await client.chat.completions.create(
      { ...params, stream: true, stream_options: { include_usage: true } },
      { signal: context.signal },
    );
    let text = '';
    let usage: UserResult['usage'];
    let stopReason: string | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      const delta = choice?.delta.content;
      if (delta) {
        if (text === '') context.firstToken();
        text += delta;
      }
      if (choice?.finish_reason) stopReason = choice.finish_reason;
      if (chunk.usage) {
        usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
      }
    }
    return { text, ...(usage === undefined ? {} : { usage }), stopReason: stopReason ?? 'stop' };
  }
  const completion = await client.chat.completions.create(params, { signal: context.signal });
  const choice = completion.choices[0];
  return {
    text: choice?.message.content ?? '',
    ...(completion.usage === undefined
      ? {}
      : {
          usage: {
            inputTokens: completion.usage.prompt_tokens,
            outputTokens: completion.usage.completion_tokens,
          },
        }),
    stopReason: choice?.finish_reason ?? 'stop',
  };
}
