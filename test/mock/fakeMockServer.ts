import type {
  MockJsonResponse,
  MockRequest,
  MockResponse,
  MockServer,
  MockStats,
  MockStreamResponse,
  StreamEnd,
  TimedEvent,
} from '../../mocks/core/types.ts';

/** One request the fake saw, with the clock time it arrived. */
export interface SeenRequest {
  request: MockRequest;
  atMs: number;
}

/**
 * A tiny scripted MockServer for binding tests: `respond` decides each answer, so a test controls
 * exactly what goes on the wire. Records requests and how many streams were cancelled.
 */
export class FakeMockServer implements MockServer {
  readonly seen: SeenRequest[] = [];
  cancelled = 0;
  readonly #respond: (request: MockRequest, index: number) => MockResponse | Promise<MockResponse>;
  readonly #now: () => number;
  readonly #stats: MockStats = {
    requests: 0,
    byStatus: {},
    byErrorType: {},
    rateLimited: {},
    streamFaults: {},
    inputTokens: 0,
    outputTokens: 0,
    cacheReadTokens: 0,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    inFlight: 0,
  };

  constructor(
    now: () => number,
    respond: (request: MockRequest, index: number) => MockResponse | Promise<MockResponse>,
  ) {
    this.#now = now;
    this.#respond = respond;
  }

  async handle(request: MockRequest): Promise<MockResponse> {
    const index = this.seen.length;
    this.seen.push({ request, atMs: this.#now() });
    const response = await this.#respond(request, index);
    this.#stats.requests++;
    this.#stats.byStatus[response.status] = (this.#stats.byStatus[response.status] ?? 0) + 1;
    if (response.kind === 'json') {
      const type = errorType(response.body);
      if (type !== undefined) this.#stats.byErrorType[type] = (this.#stats.byErrorType[type] ?? 0) + 1;
      if (response.status === 429)
        this.#stats.rateLimited.requests = (this.#stats.rateLimited.requests ?? 0) + 1;
      if (response.status === 200) {
        this.#stats.inputTokens += 10;
        this.#stats.outputTokens += 5;
      }
      return response;
    }
    const cancel = response.cancel;
    return {
      ...response,
      cancel: () => {
        this.cancelled++;
        cancel();
      },
    };
  }

  stats(): MockStats {
    return this.#stats;
  }
}

function errorType(body: unknown): string | undefined {
  const error = (body as { error?: { type?: string } } | null)?.error;
  return error?.type;
}

let messageNumber = 0;

/** A minimal valid non-streaming Message response. */
export function messageResponse(text = 'Hello!', model = 'claude-sonnet-4-6'): MockJsonResponse {
  const id = `msg_01fake${String(++messageNumber).padStart(16, '0')}`;
  return {
    kind: 'json',
    status: 200,
    headers: { 'content-type': 'application/json', 'request-id': `req_01fake${messageNumber}` },
    body: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [{ type: 'text', text }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 5 },
    },
  };
}

/** An API error response, e.g. `errorResponse(429, 'rate_limit_error', { 'retry-after': '2' })`. */
export function errorResponse(
  status: number,
  type: string,
  headers: Record<string, string> = {},
): MockJsonResponse {
  return {
    kind: 'json',
    status,
    headers: { 'content-type': 'application/json', 'request-id': 'req_01fakeerror', ...headers },
    body: { type: 'error', error: { type, message: `${type} from the fake` }, request_id: 'req_01fakeerror' },
  };
}

/** The text of a streamed message, split into `pieces` text_delta events. */
export interface StreamScript {
  /** Clock time (ms) of the first event. */
  startMs: number;
  /** Gap between events (ms). */
  gapMs: number;
  pieces: readonly string[];
  /** How the stream ends. Default `complete` (with message_stop). */
  end?: StreamEnd['kind'] | 'error-event';
}

/** A valid Anthropic SSE stream with the given timing and ending. */
export function anthropicStream(script: StreamScript): MockStreamResponse {
  const events: TimedEvent[] = [];
  let atMs = script.startMs;
  const push = (event: string, data: unknown): void => {
    events.push({ atMs, event, data });
    atMs += script.gapMs;
  };
  push('message_start', {
    type: 'message_start',
    message: {
      id: 'msg_01fakestream',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-6',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1 },
    },
  });
  push('content_block_start', {
    type: 'content_block_start',
    index: 0,
    content_block: { type: 'text', text: '' },
  });
  for (const text of script.pieces) {
    push('content_block_delta', {
      type: 'content_block_delta',
      index: 0,
      delta: { type: 'text_delta', text },
    });
  }
  const end = script.end ?? 'complete';
  if (end === 'error-event') {
    push('error', { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } });
  } else if (end === 'complete') {
    push('content_block_stop', { type: 'content_block_stop', index: 0 });
    push('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: script.pieces.length },
    });
    push('message_stop', { type: 'message_stop' });
  }
  const lastMs = events.at(-1)?.atMs ?? script.startMs;
  return {
    kind: 'stream',
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'request-id': 'req_01fakestream' },
    format: 'anthropic',
    events,
    end: { kind: end === 'error-event' ? 'complete' : end, atMs: lastMs },
    cancel: () => {},
  };
}
