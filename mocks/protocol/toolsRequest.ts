/**
 * `tools`, `tool_choice` and `thinking` of a Messages request, validated the way the API does and
 * resolved into what the mock's turn model needs. Messages are the API's where public traffic
 * shows them (anthropic-wire.md, and 400s quoted in public issue trackers); where no recording was
 * found the message is an assumption, marked as such beside it.
 */
import { type ApiProblem, invalidRequest } from './errors.ts';
import { isRecord } from './isRecord.ts';

/** One client tool the model may call. */
export interface ToolSpec {
  name: string;
  /** The tool's `input_schema` (a JSON Schema object); `{}` for server tools, which have none. */
  inputSchema: Record<string, unknown>;
}

/** `tool_choice`, resolved: `auto` when absent. */
export interface ToolChoice {
  type: 'auto' | 'any' | 'tool' | 'none';
  /** The forced tool's name (`type: "tool"`), else undefined. */
  name: string | undefined;
  /** At most one tool_use block per answer. Default false. */
  disableParallel: boolean;
}

/** What tool use and extended thinking add to a request; undefined on requests with neither. */
export interface AgentRequest {
  tools: readonly ToolSpec[];
  toolChoice: ToolChoice;
  /** `thinking.budget_tokens` when thinking is enabled, else undefined. */
  thinkingBudget: number | undefined;
}

/**
 * Tool names the docs accept: `^[a-zA-Z0-9_-]{1,64}$` (platform.claude.com, "Define tools"). A
 * 2025 capture of the API's own 400 reads `tools.0.custom.name: String should match pattern
 * '^[a-zA-Z0-9_-]{1,128}$'` (home-assistant/core#147760); the mock keeps the documented 64 and the
 * captured message shape.
 */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
const TOOL_NAME_SOURCE = '^[a-zA-Z0-9_-]{1,64}$';

/** The smallest `thinking.budget_tokens` the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

const TOOL_CHOICE_TYPES: ReadonlySet<string> = new Set(['auto', 'any', 'tool', 'none']);

/** Validates `tools`; answers the tool list (empty when absent) or the API's 400. */
export function parseTools(tools: unknown): ToolSpec[] | ApiProblem {
  if (tools === undefined) return [];
  if (!Array.isArray(tools)) return invalidRequest('tools: Input should be a valid list');
  const specs: ToolSpec[] = [];
  const names = new Set<string>();
  for (let i = 0; i < tools.length; i++) {
    const tool: unknown = tools[i];
    if (!isRecord(tool)) return invalidRequest(`tools.${i}: Input should be a valid dictionary`);
    const name = tool.name;
    // Server tools (`type: "web_search_20250305"` ...) carry a type and no input_schema.
    const server = typeof tool.type === 'string' && tool.type !== 'custom';
    const path = server ? `tools.${i}` : `tools.${i}.custom`;
    if (name === undefined) return invalidRequest(`${path}.name: Field required`);
    if (typeof name !== 'string') return invalidRequest(`${path}.name: Input should be a valid string`);
    if (!TOOL_NAME_PATTERN.test(name)) {
      return invalidRequest(`${path}.name: String should match pattern '${TOOL_NAME_SOURCE}'`);
    }
    let inputSchema: Record<string, unknown> = {};
    if (!server) {
      const schema = tool.input_schema;
      if (schema === undefined) return invalidRequest(`${path}.input_schema: Field required`);
      if (!isRecord(schema))
        return invalidRequest(`${path}.input_schema: Input should be a valid dictionary`);
      inputSchema = schema;
    }
    // The API's message (captured in many public 400s): "tools: Tool names must be unique."
    if (names.has(name)) return invalidRequest('tools: Tool names must be unique.');
    names.add(name);
    specs.push({ name, inputSchema });
  }
  return specs;
}

/**
 * Validates `tool_choice` against the tools. A forced tool that is not in `tools` gets a 400 whose
 * wording is assumed (no capture found): `tool_choice.name: Tool '<name>' not found in tools`.
 */
export function parseToolChoice(value: unknown, tools: readonly ToolSpec[]): ToolChoice | ApiProblem {
  if (value === undefined) return { type: 'auto', name: undefined, disableParallel: false };
  if (!isRecord(value)) return invalidRequest('tool_choice: Input should be a valid dictionary');
  const type = value.type;
  if (type === undefined) return invalidRequest('tool_choice.type: Field required');
  if (typeof type !== 'string' || !TOOL_CHOICE_TYPES.has(type)) {
    return invalidRequest(
      `tool_choice: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'`,
    );
  }
  const disable = value.disable_parallel_tool_use;
  if (disable !== undefined && typeof disable !== 'boolean') {
    return invalidRequest(`tool_choice.${type}.disable_parallel_tool_use: Input should be a valid boolean`);
  }
  let name: string | undefined;
  if (type === 'tool') {
    const raw = value.name;
    if (raw === undefined) return invalidRequest('tool_choice.tool.name: Field required');
    if (typeof raw !== 'string')
      return invalidRequest('tool_choice.tool.name: Input should be a valid string');
    if (!tools.some((t) => t.name === raw)) {
      return invalidRequest(`tool_choice.name: Tool '${raw}' not found in tools`);
    }
    name = raw;
  }
  return { type: type as ToolChoice['type'], name, disableParallel: disable === true };
}

/**
 * Validates `thinking`: `{type: "enabled", budget_tokens}` with a budget of at least 1024 and
 * below `max_tokens` (count_tokens has no max_tokens: `maxTokens` undefined skips that check), or
 * `{type: "disabled"}`. Answers the budget, undefined (off), or the API's 400 (both messages as
 * captured in public issue trackers).
 */
export function parseThinking(
  value: unknown,
  maxTokens: number | undefined,
): number | undefined | ApiProblem {
  if (value === undefined) return undefined;
  if (!isRecord(value)) return invalidRequest('thinking: Input should be a valid dictionary');
  const type = value.type;
  if (type === 'disabled') return undefined;
  if (type !== 'enabled') {
    return invalidRequest(
      `thinking: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'disabled', 'enabled'`,
    );
  }
  const budget = value.budget_tokens;
  if (budget === undefined) return invalidRequest('thinking.enabled.budget_tokens: Field required');
  if (typeof budget !== 'number' || !Number.isInteger(budget)) {
    return invalidRequest('thinking.enabled.budget_tokens: Input should be a valid integer');
  }
  if (budget < MIN_THINKING_BUDGET) {
    return invalidRequest(
      `thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_THINKING_BUDGET}`,
    );
  }
  if (maxTokens !== undefined && maxTokens <= budget) {
    return invalidRequest(
      '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
    );
  }
  return budget;
}

/** Type guard for the three parsers' answers. */
export function isApiProblem(value: unknown): value is ApiProblem {
  return isRecord(value) && typeof value.status === 'number' && typeof value.message === 'string';
}
