import { pathToFileURL } from 'node:url';
import { InputError } from '../../base/errors.ts';
import type { FailureKind, Outcome, Usage } from '../transport/Transport.ts';

/** What a user's client module receives for each logical request. */
export interface UserRequest {
  model: string;
  maxTokens: number;
  messages: readonly { role: 'user' | 'assistant'; content: string }[];
  system?: string;
  temperature?: number;
  stream: boolean;
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

/** What the module returns; throwing counts as a failure and is classified from the error. */
export interface UserResult {
  text?: string;
  /** Token usage as the API reported it (`usage.input_tokens` / `output_tokens` map here). */
  usage?: Partial<Usage>;
  stopReason?: string;
}

/** The module's shape: a default export (or a named `run`). */
export type UserClient = (request: UserRequest, context: UserContext) => Promise<UserResult | undefined>;

/** Loads a user's module and returns its client function; a bad module is the user's input error. */
export async function loadUserClient(modulePath: string, strategyName: string): Promise<UserClient> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    throw new InputError(
      [
        {
          file: modulePath,
          path: `strategies.${strategyName}.module`,
          message: `cannot load the module: ${(error as Error).message}`,
        },
      ],
      { cause: error },
    );
  }
  const fn = mod.default ?? mod.run;
  if (typeof fn !== 'function') {
    throw new InputError([
      {
        file: modulePath,
        path: `strategies.${strategyName}.module`,
        message:
          'the module must export a function as default (or as `run`): (request, context) => Promise<{ text?, usage? }>',
      },
    ]);
  }
  return fn as UserClient;
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
