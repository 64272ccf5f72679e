import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { InputError } from '../../base/errors.ts';
import type { MessagesRequestBody } from '../transport/requestBody.ts';
import type {
  AnswerBlock,
  ApiMessage,
  FailureKind,
  Outcome,
  TextBlock,
  ThinkingConfig,
  ToolChoice,
  ToolDefinition,
  Usage,
} from '../transport/Transport.ts';

/**
 * What a user's client module receives for each logical request: the fields, and `body`, the same
 * request as the Messages API's JSON body (snake_case, ready for `client.messages.create(body)`).
 * Content blocks (text, tool_use, tool_result, thinking, redacted_thinking) are in wire form.
 */
export interface UserRequest {
  model: string;
  maxTokens: number;
  messages: readonly ApiMessage[];
  system?: string | readonly TextBlock[];
  tools?: readonly ToolDefinition[];
  toolChoice?: ToolChoice;
  thinking?: ThinkingConfig;
  temperature?: number;
  stream: boolean;
  /** The whole request as the API's JSON body (`cache_control` marks included). */
  body: MessagesRequestBody;
}

/** The context of a call: where the API is, and the run's clock. */
export interface UserContext {
  /** Base URL of the API (the in-process mock in simulated runs), e.g. for `new Anthropic({ baseURL })`. */
  baseURL: string;
  /** API key to send (a dummy for the mock; from the scenario's `apiKeyEnv` for a real target). */
  apiKey: string;
  /** Aborts when the run is interrupted. */
  signal: AbortSignal;
  /** The `options` given to the strategy in the scenario. */
  options: unknown;
  /** Milliseconds on the run's clock (virtual in simulated runs). */
  now(): number;
  /** Call when the first content token arrives (streams), to get TTFT and inter-token latency. */
  firstToken(): void;
}

/**
 * Token usage a module reports: the API's own `usage` object as it came (`input_tokens`,
 * `output_tokens`, `cache_read_input_tokens`, `cache_creation_input_tokens`), or the same in
 * camelCase (`inputTokens`, `outputTokens`, `cacheReadTokens`, `cacheWriteTokens`). Missing: 0.
 */
export type UserUsage = Partial<Usage> & {
  input_tokens?: number;
  output_tokens?: number;
  cache_read_input_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
};

/** What the module returns; throwing counts as a failure and is classified from the error. */
export interface UserResult {
  text?: string;
  /** The answer's content blocks (an SDK Message's `content`), e.g. the `tool_use` blocks a session answers. */
  content?: readonly AnswerBlock[];
  /**
   * Token usage as the API reported it. Against a `target:` (a gateway or the real API) this is
   * where tokens and cost come from; against the built-in mock the mock's own billing is used.
   */
  usage?: UserUsage;
  stopReason?: string;
  /**
   * HTTP attempts the module made for this request (1 without retries), for targets the harness
   * cannot count itself. Against the built-in mock the attempts the mock received are used.
   */
  attempts?: number;
}

/**
 * The module's shape: a default export, or a named `run` (for a CommonJS module,
 * `module.exports = fn` or `exports.run = fn`).
 */
export type UserClient = (request: UserRequest, context: UserContext) => Promise<UserResult | undefined>;

/** The accepted module shapes, for error messages. */
const SHAPES =
  'export a function as default (`export default async function (request, context) { … }`) or as `run` (`export async function run(request, context)`; CommonJS: `module.exports = fn` or `exports.run = fn`) that returns { text?, usage?, attempts? }';

/**
 * Loads a user's module and returns its client function; a bad module is the user's input error.
 * Any of `.ts/.mts/.cts/.js/.mjs/.cjs` in any folder (no package.json, a CommonJS or an ESM
 * package) loads under `bin/bench.js`, which installs both of tsx's hooks.
 */
export async function loadUserClient(modulePath: string, strategyName: string): Promise<UserClient> {
  const where = { file: modulePath, path: `strategies.${strategyName}.module` };
  let mod: unknown;
  try {
    mod = await importModule(modulePath);
  } catch (error) {
    throw new InputError([{ ...where, message: loadFailure(error) }], { cause: error });
  }
  const fn = clientFunction(mod);
  if (fn === undefined) {
    const names = exportNames(mod);
    throw new InputError([
      {
        ...where,
        message: `the module must ${SHAPES}; it exports ${names.length > 0 ? names.join(', ') : 'nothing'}`,
      },
    ]);
  }
  return fn;
}

/**
 * `.cts` and `.cjs` through `require` (tsx's CommonJS hook): Node's ESM loader runs CommonJS source a
 * hook hands it with a `require` that cannot load ES modules, so a `.cts` requiring a `.ts` of an ESM
 * package would fail. Everything else through `import()`, which allows top-level await. A host
 * without tsx's require hook (a test runner with its own transform) gets `import()` as a fallback.
 */
async function importModule(modulePath: string): Promise<unknown> {
  if (/\.c[jt]s$/.test(modulePath)) {
    try {
      // As import() shows CommonJS: module.exports is the default export.
      return { default: createRequire(import.meta.url)(modulePath) as unknown };
    } catch (error) {
      try {
        return await import(pathToFileURL(modulePath).href);
      } catch {
        throw error;
      }
    }
  }
  return import(pathToFileURL(modulePath).href);
}

/** Why a module did not load, without Node's require stack, and what to do about it. */
function loadFailure(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/\nRequire stack:[\s\S]*$/, '').trim();
  const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
  let fix = 'fix the module, then run again';
  if (missing !== undefined && !missing.startsWith('.') && !missing.startsWith('/')) {
    fix = `install ${missing} where the module can find it (npm install ${missing} in its project)`;
  } else if (missing !== undefined) {
    fix = 'check the import path in the module (relative imports resolve from the module file)';
  } else if (/Transform failed|SyntaxError|ERROR:/.test(message)) {
    fix = 'fix the syntax error at the line and column above';
  }
  return `cannot load the module: ${message}\n  fix: ${fix}`;
}

/**
 * The client function of a loaded module: `default` or `run`, looked for in the namespace and, for
 * CommonJS (whose whole `module.exports` is the namespace's `default`), in `module.exports` too.
 */
function clientFunction(mod: unknown): UserClient | undefined {
  const ns = mod as Record<string, unknown> | undefined;
  const inner = ns?.default;
  const candidates: unknown[] = [ns?.default, ns?.run];
  if (inner !== null && typeof inner === 'object') {
    candidates.push((inner as Record<string, unknown>).default, (inner as Record<string, unknown>).run);
  }
  return candidates.find((c): c is UserClient => typeof c === 'function');
}

function exportNames(mod: unknown): string[] {
  const ns = (mod ?? {}) as Record<string, unknown>;
  const names = Object.keys(ns).filter((k) => k !== 'default' && k !== '__esModule');
  const inner = ns.default;
  if (inner !== null && typeof inner === 'object') {
    names.push(...Object.keys(inner).filter((k) => k !== '__esModule' && !names.includes(k)));
  } else if (inner !== undefined) names.unshift(`default (a ${typeof inner}, not a function)`);
  return names;
}

/** Usage a module returned, in the harness's shape (snake_case or camelCase accepted; missing 0). */
export function usageOf(usage: UserUsage | undefined): Usage {
  const out: Usage = {
    inputTokens: count(usage?.inputTokens ?? usage?.input_tokens),
    outputTokens: count(usage?.outputTokens ?? usage?.output_tokens),
  };
  const read = count(usage?.cacheReadTokens ?? usage?.cache_read_input_tokens);
  const write = count(usage?.cacheWriteTokens ?? usage?.cache_creation_input_tokens);
  const write1h = count(usage?.cacheWrite1hTokens);
  if (read > 0) out.cacheReadTokens = read;
  if (write > 0) out.cacheWriteTokens = write;
  if (write1h > 0) out.cacheWrite1hTokens = write1h;
  return out;
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Maps what a user's client threw to a failure outcome, by the official SDKs' error shapes. */
export function classifyThrown(error: unknown): Outcome {
  const e = error as {
    status?: unknown;
    name?: unknown;
    message?: unknown;
    type?: unknown;
    error?: unknown;
    cause?: unknown;
  };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  const status = typeof e?.status === 'number' ? e.status : undefined;
  const errorType =
    typeof e?.type === 'string'
      ? e.type
      : typeof (e?.error as { error?: { type?: unknown } })?.error?.type === 'string'
        ? ((e.error as { error: { type: string } }).error.type as string)
        : undefined;
  let kind: FailureKind;
  if (status === 429) kind = 'rate-limited';
  else if (status === 529 || errorType === 'overloaded_error')
    kind = status === undefined ? 'stream-dropped' : 'overloaded';
  else if (status === 504 || status === 408) kind = 'timeout';
  else if (status !== undefined && status >= 500) kind = 'server-error';
  else if (status === 401 || status === 403) kind = 'auth-error';
  else if (status !== undefined && status >= 400) kind = 'invalid-request';
  else if (e?.name === 'AbortError' || e?.name === 'APIUserAbortError') kind = 'aborted';
  else if (e?.name === 'APIConnectionTimeoutError') kind = 'timeout';
  else if (e?.name === 'APIConnectionError') kind = 'connection-error';
  else if (/terminated|stream ended|without producing|other side closed/i.test(message))
    kind = 'stream-dropped';
  else kind = 'connection-error';
  const outcome: Outcome = { kind, message: message.slice(0, 300) };
  if (status !== undefined) outcome.status = status;
  if (errorType !== undefined) outcome.errorType = errorType;
  return outcome;
}
