import type {
  ApiMessage,
  ApiRequest,
  CacheControl,
  TextBlock,
  ThinkingConfig,
  ToolChoice,
  ToolDefinition,
} from './Transport.ts';

/** The Messages API JSON body of a request (snake_case, optional fields left out when unset). */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  messages: readonly ApiMessage[];
  system?: string | readonly TextBlock[];
  tools?: readonly ToolDefinition[];
  tool_choice?: ToolChoice;
  thinking?: ThinkingConfig;
  temperature?: number;
  stream?: true;
  cache_control?: CacheControl;
}

const EPHEMERAL_5M: CacheControl = { type: 'ephemeral' };
const EPHEMERAL_1H: CacheControl = { type: 'ephemeral', ttl: '1h' };

/**
 * Turns an `ApiRequest` into the wire body. `messages`, `tools` and blocks are shared, not copied
 * (the direct transport never serialises); `cacheTtl` marks the last system block (a copy of it).
 */
export function toRequestBody(request: ApiRequest): MessagesRequestBody {
  const body: MessagesRequestBody = {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages,
  };
  const system = request.system;
  if (request.cacheTtl !== undefined) {
    const cacheControl = request.cacheTtl === '1h' ? EPHEMERAL_1H : EPHEMERAL_5M;
    if (typeof system === 'string') {
      body.system = [{ type: 'text', text: system, cache_control: cacheControl }];
    } else if (system !== undefined && system.length > 0) {
      const last = system[system.length - 1] as TextBlock;
      body.system = [...system.slice(0, -1), { ...last, cache_control: cacheControl }];
    } else {
      body.cache_control = cacheControl;
    }
  } else if (system !== undefined) body.system = system;
  if (request.tools !== undefined) body.tools = request.tools;
  if (request.toolChoice !== undefined) body.tool_choice = request.toolChoice;
  if (request.thinking !== undefined) body.thinking = request.thinking;
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
