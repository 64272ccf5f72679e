import type { TimedEvent } from '../core/types.ts';
import { encodeAnthropicEvent, encodeOpenAiChunk } from '../protocol/sse.ts';

/** The SSE text of one event in the given wire format. */
export type EventEncoder = (event: TimedEvent) => string;

/** Anthropic framing: `event: NAME` then `data: JSON`, blank line. */
export const anthropicEventText: EventEncoder = (event) =>
  encodeAnthropicEvent(event.event ?? 'message', event.data);

/** OpenAI framing: `data: JSON` (or `data: [DONE]`), blank line; an `event:` line only when the event is named. */
export const openAiEventText: EventEncoder = (event) =>
  event.event === null
    ? encodeOpenAiChunk(event.data)
    : `event: ${event.event}\n${encodeOpenAiChunk(event.data)}`;
