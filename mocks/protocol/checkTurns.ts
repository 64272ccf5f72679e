import { type ApiProblem, invalidRequest } from './errors.ts';
import type { ThinkingSigner } from './thinkingSignature.ts';

/**
 * Content block types a request message may carry (the SDK's `ContentBlockParam` union,
 * `@anthropic-ai/sdk` 1.12). Any other `type` is a 400.
 */
export const BLOCK_TYPES: ReadonlySet<string> = new Set([
  'text',
  'image',
  'document',
  'search_result',
  'thinking',
  'redacted_thinking',
  'tool_use',
  'tool_result',
  'server_tool_use',
  'web_search_tool_result',
  'web_fetch_tool_result',
  'code_execution_tool_result',
  'bash_code_execution_tool_result',
  'text_editor_code_execution_tool_result',
  'tool_search_tool_result',
  'container_upload',
]);
const EXPECTED_TAGS = [...BLOCK_TYPES].map((t) => `'${t}'`).join(', ');

/**
 * The 400 for a block of unknown type. Assumed wording: the API validates with pydantic, whose
 * tagged-union message this is; no capture of the API's own was found.
 */
export function unknownBlockType(path: string, type: string): ApiProblem {
  return invalidRequest(
    `${path}: Input tag '${type}' found using 'type' does not match any of the expected tags: ${EXPECTED_TAGS}`,
  );
}

type Block = Record<string, unknown>;

/**
 * The conversation rules of tool use and thinking, checked across messages (each message's
 * blocks already have a known type):
 * - every `tool_result` answers a `tool_use` of the previous assistant message, else `messages.i.content.j:
 *   unexpected \`tool_use_id\` found in \`tool_result\` blocks: <id>. ...` (the API's message, as captured);
 * - the user message after an assistant message with `tool_use` starts with a `tool_result` for
 *   every one of them (tool_result blocks first, text after), else `messages.i: \`tool_use\` ids
 *   were found without \`tool_result\` blocks immediately after: <ids>. ...` (captured); a
 *   tool_result placed after text gets this message too, which is what the docs' "must come FIRST" rule leads to;
 * - every `thinking` block of an assistant message carries the signature the mock gave it: missing
 *   is `messages.i.content.j.thinking.signature: Field required` (pydantic's path), changed text or
 *   signature is `messages.i.content.j: Invalid \`signature\` in \`thinking\` block` (captured). A
 *   `redacted_thinking` block whose `data` the mock did not produce gets `Invalid \`data\` in
 *   \`redacted_thinking\` block` (assumed wording).
 */
export function checkTurns(
  messages: readonly unknown[],
  signer: ThinkingSigner | undefined,
): ApiProblem | undefined {
  let pending: string[] = [];
  let pendingAt = -1;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i] as { role: string; content: unknown };
    const blocks = Array.isArray(m.content) ? (m.content as Block[]) : undefined;
    if (m.role === 'assistant') {
      if (pending.length > 0) return missingResults(pendingAt, pending);
      pending = [];
      if (blocks === undefined) continue;
      for (let j = 0; j < blocks.length; j++) {
        const block = blocks[j] as Block;
        const problem = checkAssistantBlock(block, `messages.${i}.content.${j}`, signer);
        if (problem !== undefined) return problem;
        if (block.type === 'tool_use') pending.push(block.id as string);
      }
      pendingAt = i;
      continue;
    }
    const answered = new Set<string>();
    let leading = true;
    if (blocks !== undefined) {
      for (let j = 0; j < blocks.length; j++) {
        const block = blocks[j] as Block;
        if (block.type !== 'tool_result') {
          leading = false;
          continue;
        }
        const id = block.tool_use_id;
        if (typeof id !== 'string') {
          return invalidRequest(`messages.${i}.content.${j}.tool_result.tool_use_id: Field required`);
        }
        if (!pending.includes(id)) {
          return invalidRequest(
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
        if (leading) answered.add(id);
      }
    }
    const missing = pending.filter((id) => !answered.has(id));
    if (missing.length > 0) return missingResults(pendingAt, missing);
    pending = [];
  }
  return undefined;
}

function missingResults(at: number, ids: readonly string[]): ApiProblem {
  return invalidRequest(
    `messages.${at}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
  );
}

function checkAssistantBlock(
  block: Block,
  path: string,
  signer: ThinkingSigner | undefined,
): ApiProblem | undefined {
  switch (block.type) {
    case 'tool_use':
      if (typeof block.id !== 'string') return invalidRequest(`${path}.tool_use.id: Field required`);
      if (typeof block.name !== 'string') return invalidRequest(`${path}.tool_use.name: Field required`);
      if (block.input === undefined) return invalidRequest(`${path}.tool_use.input: Field required`);
      return undefined;
    case 'thinking': {
      if (typeof block.thinking !== 'string')
        return invalidRequest(`${path}.thinking.thinking: Field required`);
      const signature = block.signature;
      if (signature === undefined) return invalidRequest(`${path}.thinking.signature: Field required`);
      if (typeof signature !== 'string') {
        return invalidRequest(`${path}.thinking.signature: Input should be a valid string`);
      }
      if (signer !== undefined && !signer.verify(block.thinking, signature)) {
        return invalidRequest(`${path}: Invalid \`signature\` in \`thinking\` block`);
      }
      return undefined;
    }
    case 'redacted_thinking': {
      const data = block.data;
      if (typeof data !== 'string') return invalidRequest(`${path}.redacted_thinking.data: Field required`);
      if (signer !== undefined && !signer.verifyRedacted(data)) {
        return invalidRequest(`${path}: Invalid \`data\` in \`redacted_thinking\` block`);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}
