import type { ApiMessage } from './Transport.ts';

/** The text of a message's content: the string itself, or its `text` blocks joined (other blocks left out). */
export function messageText(content: ApiMessage['content']): string {
  if (typeof content === 'string') return content;
  let text = '';
  for (const block of content) if (block.type === 'text') text += block.text;
  return text;
}
