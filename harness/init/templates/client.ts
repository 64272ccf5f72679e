/**
 * Your client, as claude-bench calls it: once per logical request, with the request and a context
 * (`baseURL` of the API: the in-process mock in simulated runs; `apiKey`; `signal`; `options` from
 * the scenario). Return `{ text, usage }` or throw (an error with a numeric `status` is classified
 * as the API's: 429 rate-limited, 529 overloaded, ...). Replace the body with your application's
 * own call: the official SDK (`new Anthropic({ baseURL: context.baseURL, apiKey: context.apiKey })`),
 * your retry loop, your cache.
 */
import type { UserContext, UserRequest, UserResult } from 'claude-bench/harness/runner/userModule.ts';

export default async function send(request: UserRequest, context: UserContext): Promise<UserResult> {
  const response = await fetch(`${context.baseURL}/v1/messages`, {
    method: 'POST',
    headers: {
      'x-api-key': context.apiKey,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      model: request.model,
      max_tokens: request.maxTokens,
      messages: request.messages,
      ...(request.system === undefined ? {} : { system: request.system }),
    }),
    signal: context.signal,
  });
  if (!response.ok) {
    throw Object.assign(new Error(`HTTP ${response.status}: ${await response.text()}`), {
      status: response.status,
    });
  }
  const message = (await response.json()) as {
    content: { type: string; text?: string }[];
    usage: { input_tokens: number; output_tokens: number };
    stop_reason?: string;
  };
  return {
    text: message.content.map((block) => block.text ?? '').join(''),
    usage: { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens },
    ...(message.stop_reason === undefined ? {} : { stopReason: message.stop_reason }),
  };
}
