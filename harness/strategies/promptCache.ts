import type { ApiRequest, Outcome } from '../transport/Transport.ts';
import { DEFAULT_PROMPT_CACHE, type PromptCacheOptions } from './options.ts';
import type { CallContext, Handler, Policy } from './Policy.ts';

/**
 * Anthropic prompt caching on the client side: marks every request for the API's prompt cache
 * (`cache_control: { type: "ephemeral", ttl }`) on its system prompt, or, without one, at the top
 * level (automatic caching: the whole prompt). Requests whose prefix is long enough then pay cache
 * reads, at a tenth of the input price and a fraction of the input latency, instead of full
 * input. Unlike the `cache` policy it always calls the API. Stateless.
 */
export class PromptCachePolicy implements Policy {
  readonly name = 'promptCache';
  readonly ttl: '5m' | '1h';

  constructor(options: PromptCacheOptions = DEFAULT_PROMPT_CACHE) {
    this.ttl = options.ttl;
  }

  execute(request: ApiRequest, context: CallContext, next: Handler): Promise<Outcome> {
    if (request.cacheTtl === this.ttl) return next(request, context);
    return next({ ...request, cacheTtl: this.ttl }, context);
  }
}

export function promptCache(options?: PromptCacheOptions): PromptCachePolicy {
  return new PromptCachePolicy(options);
}
