/**
 * The contract of the mock Claude API core: plain data in, plain data out. The core owns every
 * behaviour (validation, rate limits, latency, faults, generated text) and takes time only from its
 * injected clock. Bindings are thin: the direct binding passes objects straight through (fastest,
 * for simulated runs), the fetch binding turns a `Request` into a `MockRequest` and a `MockResponse`
 * into a `Response` (msw and `node:http` sit on top of it).
 */

/** A request as the core sees it. */
export interface MockRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** Query string parameters, if any. */
  query?: URLSearchParams | undefined;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  /** Already-parsed JSON body (direct binding: no serialisation at all). */
  json?: unknown;
  /** Raw body text (fetch/HTTP bindings); the core parses it so malformed JSON gets the API's own 400. */
  text?: string | undefined;
  /** Aborts when the client goes away; the core then releases the request's capacity early. */
  signal?: AbortSignal;
}

/** One server-sent event, scheduled at a time on the server's clock. */
export interface TimedEvent {
  /** Clock time (ms) at which the event is written. Non-decreasing along `events`. */
  atMs: number;
  /** SSE `event:` name (Anthropic format), or null for a `data:`-only chunk (OpenAI format). */
  event: string | null;
  /** The JSON payload of the `data:` line, or the literal string `[DONE]`. */
  data: unknown;
}

/** How a stream ends after its last event. */
export type StreamEnd =
  /** Normal end (message_stop or `[DONE]` was the last event), connection kept alive. */
  | { kind: 'complete'; atMs: number }
  /** The connection is destroyed (TCP reset) at `atMs`: clients see `TypeError: terminated`. */
  | { kind: 'reset'; atMs: number }
  /** The body ends cleanly at `atMs` without `message_stop`: raw iteration just stops. */
  | { kind: 'close'; atMs: number }
  /** Nothing more is ever sent; the connection stays open until the client gives up. */
  | { kind: 'stall'; atMs: number };

export interface MockJsonResponse {
  kind: 'json';
  status: number;
  headers: Record<string, string>;
  /** The JSON body (a Message, an error body, a model list, ...). */
  body: unknown;
}

export interface MockStreamResponse {
  kind: 'stream';
  status: 200;
  headers: Record<string, string>;
  /** `anthropic`: `event:` + `data:` lines; `openai`: `data:` lines ending with `data: [DONE]`. */
  format: 'anthropic' | 'openai';
  /** Every event with the clock time it is due; the first is due at or after the response itself. */
  events: readonly TimedEvent[];
  end: StreamEnd;
  /** The client stopped reading: release the request's capacity now rather than at `end.atMs`. */
  cancel(): void;
}

export type MockResponse = MockJsonResponse | MockStreamResponse;

/** Counters the server keeps; `/metrics` renders them and the runner reads upstream figures from them. */
export interface MockStats {
  requests: number;
  /** Responses by HTTP status, e.g. `{ "200": 90, "429": 10 }`. */
  byStatus: Record<string, number>;
  /** Error responses and mid-stream error events by `error.type`. */
  byErrorType: Record<string, number>;
  /** 429s by the limit that refused them: `requests`, `input-tokens`, `output-tokens`, `duplicate`. */
  rateLimited: Record<string, number>;
  /** Injected stream faults by kind: `error-event`, `reset`, `close`, `stall`. */
  streamFaults: Record<string, number>;
  /** Tokens billed in successful or partially streamed responses (`input_tokens`: uncached input). */
  inputTokens: number;
  outputTokens: number;
  /** Prompt-cache tokens billed: `cache_read_input_tokens`, `cache_creation_input_tokens` (all ttls) and its 1h part. */
  cacheReadTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  /** Requests being generated right now. */
  inFlight: number;
}

/** The mock API: one function from request to response, plus its counters. */
export interface MockServer {
  /**
   * Resolves when the response head would be on the wire: for a JSON response, when the body is
   * complete (after the modelled latency); for a stream, when the 200 headers are sent.
   */
  handle(request: MockRequest): Promise<MockResponse>;
  stats(): MockStats;
}
