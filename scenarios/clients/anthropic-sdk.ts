/**
 * A user strategy module built on the official Anthropic SDK, with the SDK's own retries
 * (2 retries, exponential backoff, honouring retry-after). claude-bench calls the default export once
 * per logical request; in simulated runs the SDK's HTTP calls reach the in-process mock through msw
 * and its retry sleeps take virtual time, so this runs unchanged in both modes.
 *
 * Copy it and put your own client logic in: anything that returns `{ text, content, usage }` or
 * throws works. `request.body` is the whole request in the API's JSON form (system, tools,
 * tool_choice, thinking, content blocks), so it goes to `messages.create` unchanged.
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

/** Maps an SDK Message to what claude-bench records: text, content blocks, usage with cache counts. */
function resultOf(message: Anthropic.Message): UserResult {
  const usage = message.usage;
  return {
    text: message.content.map((b) => (b.type === 'text' ? b.text : '')).join(''),
    content: message.content as NonNullable<UserResult['content']>,
    usage: {
      inputTokens: usage.input_tokens,
      outputTokens: usage.output_tokens,
      cacheReadTokens: usage.cache_read_input_tokens ?? 0,
      cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
    },
    stopReason: message.stop_reason ?? 'end_turn',
  };
}

export default async function send(request: UserRequest, context: UserContext): Promise<UserResult> {
  const client = clientFor(context);
  // The wire body as is: system, tools, tool_choice, thinking and content blocks included.
  const { stream: _stream, ...params } = request.body as unknown as Anthropic.MessageCreateParamsNonStreaming;
  if (request.stream) {
    const stream = client.messages.stream(params, { signal: context.signal });
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') context.firstToken();
    });
    return resultOf(await stream.finalMessage());
  }
  return resultOf(await client.messages.create(params, { signal: context.signal }));
}
