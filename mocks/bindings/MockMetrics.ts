import { Counter, Gauge, type Metric, Registry } from 'prom-client';
import type { MockServer, MockStats } from '../core/types.ts';

/** Latency buckets (seconds) from 1 ms to 2 min: covers instant mocks and long streams alike. */
const DURATION_BUCKETS_SEC = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120,
];

/** Known API routes, so the `route` label stays low-cardinality (ids collapse to `{id}`). */
export function routeLabel(path: string): string {
  switch (path) {
    case '/v1/messages':
    case '/v1/messages/count_tokens':
    case '/v1/messages/batches':
    case '/v1/chat/completions':
    case '/v1/models':
      return path;
  }
  if (path.startsWith('/v1/messages/batches/')) {
    const rest = path.slice('/v1/messages/batches/'.length);
    const slash = rest.indexOf('/');
    return slash < 0 ? '/v1/messages/batches/{id}' : `/v1/messages/batches/{id}${rest.slice(slash)}`;
  }
  if (path.startsWith('/v1/models/')) return '/v1/models/{id}';
  return 'other';
}

/** The `error.type` of an error body (Anthropic or OpenAI shape), or `none`. */
export function errorTypeOf(body: unknown): string {
  if (typeof body !== 'object' || body === null) return 'none';
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return 'none';
  const type = (error as { type?: unknown; code?: unknown }).type ?? (error as { code?: unknown }).code;
  return type === undefined || type === null ? 'none' : String(type);
}

interface DurationSeries {
  labels: { route: string; status: string };
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  counts: number[];
  sumSec: number;
  count: number;
}

/**
 * `api_request_duration_seconds` as a registry entry that renders plain recorded numbers. A
 * prom-client Histogram costs tens of microseconds of CPU per observation on a busy server (label
 * hashing, closures); this one is an array increment, and the work moves to the scrape.
 */
class DurationHistogram {
  readonly name = 'api_request_duration_seconds';
  readonly help =
    'Time from request received to the last byte of the response (streams: to the end of the stream), seconds on the server clock';
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, DurationSeries>();

  /** The series of one `route`/`status` pair (created empty on first use). */
  series(route: string, status: string): DurationSeries {
    const key = `${route} ${status}`;
    let series = this.#series.get(key);
    if (series === undefined) {
      series = {
        labels: { route, status },
        counts: new Array(DURATION_BUCKETS_SEC.length + 1).fill(0),
        sumSec: 0,
        count: 0,
      };
      this.#series.set(key, series);
    }
    return series;
  }

  observeIn(series: DurationSeries, seconds: number): void {
    let i = 0;
    while (i < DURATION_BUCKETS_SEC.length && seconds > (DURATION_BUCKETS_SEC[i] as number)) i++;
    series.counts[i] = (series.counts[i] as number) + 1;
    series.sumSec += seconds;
    series.count++;
  }

  /** The shape prom-client's Registry renders (as its own Histogram's `get()` returns). */
  async get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: unknown[] }> {
    const values: unknown[] = [];
    for (const { labels, counts, sumSec, count } of this.#series.values()) {
      let cumulative = 0;
      DURATION_BUCKETS_SEC.forEach((bound, i) => {
        cumulative += counts[i] as number;
        values.push({
          metricName: `${this.name}_bucket`,
          labels: { le: bound, ...labels },
          value: cumulative,
        });
      });
      values.push({ metricName: `${this.name}_bucket`, labels: { le: '+Inf', ...labels }, value: count });
      values.push({ metricName: `${this.name}_sum`, labels, value: sumSec });
      values.push({ metricName: `${this.name}_count`, labels, value: count });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** Zeroes every series in place (MockMetrics keeps references to them). */
  reset(): void {
    for (const series of this.#series.values()) {
      series.counts.fill(0);
      series.sumSec = 0;
      series.count = 0;
    }
  }
}

/**
 * Prometheus metrics of one mock server, in a registry of its own (never prom-client's global one,
 * so several mocks in one process do not mix). The hot path only bumps plain numbers: counters the
 * core keeps (`MockStats`) and what the binding records through {@link MockMetrics.responseStarted}
 * and {@link MockMetrics.responseFinished} (status + error type of each response, durations, open
 * responses) are turned into Prometheus metrics when `/metrics` is scraped.
 *
 * Names follow seed 002: `api_request_duration_seconds`, `api_errors_total`, plus
 * `api_responses_total{status,error_type}`, `api_tokens_total{direction}`,
 * `api_rate_limited_total{limit}`, `api_stream_faults_total{kind}`, `api_in_flight_requests` and
 * `api_generating_requests`.
 */
export class MockMetrics {
  readonly registry = new Registry();
  readonly #duration = new DurationHistogram();
  /** Responses by `status error_type`. */
  readonly #responses = new Map<string, { status: string; errorType: string; count: number }>();
  /** Error responses the binding made itself (413 before the core saw the request, 500 on a core crash). */
  readonly #bindingErrors = new Map<string, number>();
  #open = 0;
  /** The series the previous response was counted in. */
  #last:
    | {
        path: string;
        status: number;
        errorType: string;
        series: DurationSeries;
        entry: { status: string; errorType: string; count: number };
      }
    | undefined;

  constructor(server: MockServer) {
    const registry = this.registry;
    const stats = (): MockStats => server.stats();
    registry.registerMetric(this.#duration as unknown as Metric);
    const responses = this.#responses;
    new Counter({
      name: 'api_responses_total',
      help: 'Responses by HTTP status and error.type (none for successes)',
      labelNames: ['status', 'error_type'],
      registers: [registry],
      collect() {
        this.reset();
        for (const r of responses.values()) this.inc({ status: r.status, error_type: r.errorType }, r.count);
      },
    });
    const bindingErrors = this.#bindingErrors;
    new Counter({
      name: 'api_errors_total',
      help: 'Error responses and mid-stream error events by error.type',
      labelNames: ['type'],
      registers: [registry],
      collect() {
        this.reset();
        const merged = new Map(Object.entries(stats().byErrorType));
        for (const [type, n] of bindingErrors) merged.set(type, (merged.get(type) ?? 0) + n);
        for (const [type, n] of merged) this.inc({ type }, n);
      },
    });
    new Counter({
      name: 'api_tokens_total',
      help: 'Tokens billed (successful and partially streamed responses) by direction: input (uncached), output, cache_read, cache_write',
      labelNames: ['direction'],
      registers: [registry],
      collect() {
        const s = stats();
        this.reset();
        this.inc({ direction: 'input' }, s.inputTokens);
        this.inc({ direction: 'output' }, s.outputTokens);
        this.inc({ direction: 'cache_read' }, s.cacheReadTokens);
        this.inc({ direction: 'cache_write' }, s.cacheWriteTokens);
      },
    });
    new Counter({
      name: 'api_rate_limited_total',
      help: '429 responses by the limit that refused them (requests, input-tokens, output-tokens, duplicate)',
      labelNames: ['limit'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [limit, n] of Object.entries(stats().rateLimited)) this.inc({ limit }, n);
      },
    });
    new Counter({
      name: 'api_stream_faults_total',
      help: 'Injected stream faults by kind (error-event, reset, close, stall)',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        this.reset();
        for (const [kind, n] of Object.entries(stats().streamFaults)) this.inc({ kind }, n);
      },
    });
    new Gauge({
      name: 'api_generating_requests',
      help: 'Requests the mock core is generating right now',
      registers: [registry],
      collect() {
        this.set(stats().inFlight);
      },
    });
    const open = (): number => this.#open;
    new Gauge({
      name: 'api_in_flight_requests',
      help: 'Requests received whose response has not finished (streams count until their end)',
      registers: [registry],
      collect() {
        this.set(open());
      },
    });
  }

  /** A request arrived; call {@link responseFinished} exactly once when its response is over. */
  responseStarted(): void {
    this.#open++;
  }

  /**
   * A response ended (completely, or because the client left). `durationMs` is on the server clock.
   * `fromBinding` marks error responses the core never produced (they are added to `api_errors_total`).
   */
  responseFinished(
    path: string,
    status: number,
    errorType: string,
    durationMs: number,
    fromBinding = false,
  ): void {
    this.#open--;
    // Consecutive responses nearly always share path, status and error type: reuse their series.
    let last = this.#last;
    if (last === undefined || last.path !== path || last.status !== status || last.errorType !== errorType) {
      const statusText = String(status);
      const key = `${statusText} ${errorType}`;
      let entry = this.#responses.get(key);
      if (entry === undefined) {
        entry = { status: statusText, errorType, count: 0 };
        this.#responses.set(key, entry);
      }
      last = { path, status, errorType, series: this.#duration.series(routeLabel(path), statusText), entry };
      this.#last = last;
    }
    this.#duration.observeIn(last.series, durationMs / 1000);
    last.entry.count++;
    if (fromBinding && errorType !== 'none') {
      this.#bindingErrors.set(errorType, (this.#bindingErrors.get(errorType) ?? 0) + 1);
    }
  }

  /** `Content-Type` of {@link render}'s output. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  render(): Promise<string> {
    return this.registry.metrics();
  }
}
