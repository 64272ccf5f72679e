import type { ApiRequest } from './Transport.ts';

/** `cache_control` of the Messages API. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '1h';
}

/** The Messages API JSON body of a request (snake_case, optional fields left out when unset). */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: readonly { role: 'user' | 'assistant'; content: string }[];
  system?: string | readonly { type: 'text'; text: string; cache_control: CacheControl }[];
  temperature?: number;
  stream?: true;
  cache_control?: CacheControl;
}

const EPHEMERAL_5M: CacheControl = { type: 'ephemeral' };
const EPHEMERAL_1H: CacheControl = { type: 'ephemeral', ttl: '1h' };

/** Turns an `ApiRequest` into the wire body. `messages` is shared, not copied (the direct transport never serialises). */
export function toRequestBody(request: ApiRequest): MessagesRequestBody {
  const body: MessagesRequestBody = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages,
  };
  if (request.cacheTtl !== undefined) {
    const cacheControl = request.cacheTtl === '1h' ? EPHEMERAL_1H : EPHEMERAL_5M;
    if (request.system !== undefined) {
      body.system = [{ type: 'text', text: request.system, cache_control: cacheControl }];
    } else {
      body.cache_control = cacheControl;
    }
  } else if (request.system !== undefined) body.system = request.system;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.stream) body.stream = true;
  return body;
}

/** The headers both transports send: API key and the API version of SDK 0.x (which the mock and the API accept). */
export function apiHeaders(apiKey: string, anthropicVersion: string): Record<string, string> {
  return {
    'x-api-key': apiKey,
    'anthropic-version': anthropicVersion,
    'content-type': 'application/json',
  };
}

/** `anthropic-version` sent by default. */
export const DEFAULT_ANTHROPIC_VERSION = '2023-06-01';
