import type { TimedEvent } from '../core/types.ts';

/** The SSE text of one event in the given wire format. */
export type EventEncoder = (event: TimedEvent) => string;

/** Anthropic framing: `event: NAME` then `data: JSON`, blank line. */
export const anthropicEventText: EventEncoder = (event) =>
  `event: ${event.event ?? 'message'}\ndata: ${JSON.stringify(event.data)}\n\n`;

/** OpenAI framing: `data: JSON` (or `data: [DONE]`), blank line; an `event:` line only when named. */
export const openAiEventText: EventEncoder = (event) => {
  const data = event.data === '[DONE]' ? '[DONE]' : JSON.stringify(event.data);
  return event.event === null ? `data: ${data}\n\n` : `event: ${event.event}\ndata: ${data}\n\n`;
};
