import type { Clock } from '../../base/clock/Clock.ts';
import { installVirtualTimers } from '../../base/clock/installVirtualTimers.ts';
import type { RealClockOptions } from '../../base/clock/RealClock.ts';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { InputError } from '../../base/errors.ts';
import type { Random } from '../../base/random/Random.ts';
import { startMockWorker } from '../../mocks/bindings/mockWorkerClient.ts';
import { setupMockServer } from '../../mocks/bindings/msw.ts';
import { createMockServer } from '../../mocks/core/createMockServer.ts';
import type { MockServer, MockStats } from '../../mocks/core/types.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import { buildHandler } from '../strategies/buildHandler.ts';
import { connectionOptionsOf } from '../strategies/connection.ts';
import type { StrategySpec } from '../strategies/options.ts';
import type { RequestTrace } from '../strategies/Policy.ts';
import { createDirectTransport } from '../transport/directTransport.ts';
import { createHttpTransport } from '../transport/httpTransport.ts';
import type { Transport, UpstreamObserver, Usage } from '../transport/Transport.ts';
import type { UpstreamTotals } from './Recorder.ts';
import type { Call } from './runStrategy.ts';
import { classifyThrown, loadUserClient, type UserContext, type UserRequest, usageOf } from './userModule.ts';

/** Where a run's requests go, and what the API saw of them. */
export interface Upstream {
  call: Call;
  /** Warm-up is over: upstream counters start from here. */
  startMeasuring(): void;
  /** A measured request finished with this trace (for counting retries of built-in strategies). */
  noteTrace(trace: RequestTrace): void;
  totals(): Promise<UpstreamTotals>;
  close(): Promise<void>;
}

/** The mock's counters at one instant, with the SDK retries it saw. */
interface MockSnapshot {
  stats: MockStats;
  headerRetries: number;
}

/** Origin the in-process mock answers on in simulated runs (msw intercepts it; nothing leaves the process). */
export const SIMULATED_BASE_URL = 'http://mock.claude-bench.invalid';
const MOCK_API_KEY = 'sk-ant-mock-key';

interface ConnectOptions {
  scenario: ResolvedScenario;
  strategy: StrategySpec;
  clock: Clock;
  random: Random;
  /** Settings of the local mock's RealClock in realtime runs. Default: precise timers. */
  realClock?: RealClockOptions;
}

/**
 * Connects a strategy to its API: the mock in-process (direct call for built-in policies, msw for a
 * user's module), the mock over loopback HTTP (realtime), or a real endpoint (`target`).
 */
export async function connectUpstream(options: ConnectOptions): Promise<Upstream> {
  const { scenario, strategy, clock, random } = options;
  const counts = new UpstreamCounts();
  const target = scenario.mode === 'realtime' ? scenario.target : undefined;

  let server: MockServer | undefined;
  let snapshot: (() => MockSnapshot | Promise<MockSnapshot>) | undefined;
  let baseUrl = SIMULATED_BASE_URL;
  let apiKey = MOCK_API_KEY;
  const closers: (() => Promise<void> | void)[] = [];
  if (target !== undefined) {
    baseUrl = target.baseUrl;
    const key = process.env[target.apiKeyEnv];
    if (key === undefined || key === '') {
      throw new InputError([
        {
          path: 'target.apiKeyEnv',
          message: `the environment variable ${target.apiKeyEnv} is not set; export it with your API key`,
        },
      ]);
    }
    apiKey = key;
  } else if (scenario.mode === 'realtime') {
    // The mock gets a thread of its own: sharing the load generator's event loop would add its
    // work to every latency the runner measures.
    const workerOptions: Parameters<typeof startMockWorker>[0] = {
      config: scenario.mock,
      seed: scenario.seed,
    };
    if (options.realClock !== undefined) workerOptions.clock = options.realClock;
    const worker = await startMockWorker(workerOptions);
    baseUrl = worker.url;
    snapshot = () => worker.stats();
    closers.push(() => worker.close());
  } else {
    const mock = createMockServer({ config: scenario.mock, clock, random: random.fork('mock') });
    const inProcess = counts.wrap(mock);
    server = inProcess;
    snapshot = () => ({ stats: inProcess.stats(), headerRetries: counts.headerRetries });
  }
  const observer: UpstreamObserver | undefined = snapshot === undefined ? counts : undefined;

  let call: Call;
  if (strategy.kind === 'policies') {
    let transport: Transport;
    if (server !== undefined) {
      transport = createDirectTransport(server, { clock, apiKey });
    } else {
      const httpOptions: Parameters<typeof createHttpTransport>[0] = {
        baseUrl,
        apiKey,
        clock,
        connection: connectionOptionsOf(strategy.policies),
      };
      if (observer !== undefined) httpOptions.observer = observer;
      transport = createHttpTransport(httpOptions);
      closers.push(() => (transport as { close?: () => void }).close?.());
    }
    const handler = buildHandler(strategy.policies, transport);
    const policyRandom = random.fork('strategy');
    call = (request, trace, signal) => handler(request, { clock, random: policyRandom, trace, signal });
  } else {
    if (server !== undefined && clock instanceof VirtualClock) {
      const msw = setupMockServer(server, clock, { baseUrl });
      msw.listen({ onUnhandledRequest: 'bypass' });
      const uninstall = installVirtualTimers(clock);
      // The SDKs jitter their retries with Math.random: seed it too, or runs differ.
      const realRandom = Math.random;
      const moduleRandom = random.fork('module');
      Math.random = () => moduleRandom.next();
      closers.push(() => {
        Math.random = realRandom;
        uninstall();
        msw.close();
      });
    }
    const client = await loadUserClient(strategy.modulePath, strategy.name);
    call = async (request, trace, signal) => {
      const userRequest: UserRequest = { ...request };
      const context: UserContext = {
        baseURL: baseUrl,
        apiKey,
        signal,
        options: strategy.options,
        now: () => clock.now(),
        firstToken: () => {
          trace.firstTokenAtMs ??= clock.now();
        },
      };
      try {
        const result = await client(userRequest, context);
        const usage = usageOf(result?.usage);
        return { kind: 'ok', text: result?.text ?? '', stopReason: result?.stopReason ?? 'end_turn', usage };
      } catch (error) {
        return classifyThrown(error);
      }
    };
  }

  return {
    call,
    startMeasuring: () => counts.start(snapshot?.()),
    noteTrace: (trace) => counts.noteTrace(trace),
    totals: async () => counts.totals(await snapshot?.()),
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
  };
}

/**
 * Counts what the upstream API saw during the measured part of a run: from the mock's own counters
 * when the mock is in play, from the transport's observations against a real target. Retries: the
 * official SDKs' `x-stainless-retry-count` header for user modules; the traces of built-in strategies
 * (upstream calls beyond each logical call's first).
 */
class UpstreamCounts implements UpstreamObserver {
  #measuring = false;
  #base: Promise<MockSnapshot | undefined> = Promise.resolve(undefined);
  #calls = 0;
  readonly #byStatus: Record<string, number> = {};
  #inputTokens = 0;
  #outputTokens = 0;
  #cacheReadTokens = 0;
  #cacheWriteTokens = 0;
  #cacheWrite1hTokens = 0;
  /** In-process mock: calls the official SDKs marked as retries (`x-stainless-retry-count` ≥ 1). */
  headerRetries = 0;
  #traceAttempts = 0;
  #traceFirsts = 0;

  wrap(server: MockServer): MockServer {
    return {
      handle: (request) => {
        if (Number(request.headers['x-stainless-retry-count'] ?? 0) > 0) this.headerRetries++;
        return server.handle(request);
      },
      stats: () => server.stats(),
    };
  }

  start(snapshot: MockSnapshot | Promise<MockSnapshot> | undefined): void {
    this.#measuring = true;
    this.#base = Promise.resolve(snapshot).then((s) => (s === undefined ? undefined : structuredClone(s)));
  }

  onCall(status: number, usage: Usage | undefined): void {
    if (!this.#measuring) return;
    this.#calls++;
    this.#byStatus[String(status)] = (this.#byStatus[String(status)] ?? 0) + 1;
    this.#inputTokens += usage?.inputTokens ?? 0;
    this.#outputTokens += usage?.outputTokens ?? 0;
    this.#cacheReadTokens += usage?.cacheReadTokens ?? 0;
    this.#cacheWriteTokens += usage?.cacheWriteTokens ?? 0;
    this.#cacheWrite1hTokens += usage?.cacheWrite1hTokens ?? 0;
  }

  noteTrace(trace: RequestTrace): void {
    if (trace.attempts <= 0) return;
    this.#traceAttempts += trace.attempts;
    const firstShare = trace.batchSize !== undefined ? 1 / trace.batchSize : 1;
    this.#traceFirsts += Math.min(trace.attempts, firstShare + (trace.batchFallback ? 1 : 0));
  }

  async totals(now: MockSnapshot | undefined): Promise<UpstreamTotals> {
    const base = await this.#base;
    const headerRetries = now === undefined ? 0 : now.headerRetries - (base?.headerRetries ?? 0);
    const retries = Math.max(0, Math.round(headerRetries + this.#traceAttempts - this.#traceFirsts));
    if (now === undefined) {
      return {
        calls: this.#calls,
        byStatus: { ...this.#byStatus },
        retries,
        inputTokens: this.#inputTokens,
        outputTokens: this.#outputTokens,
        cacheReadTokens: this.#cacheReadTokens,
        cacheWriteTokens: this.#cacheWriteTokens,
        cacheWrite1hTokens: this.#cacheWrite1hTokens,
      };
    }
    const stats = now.stats;
    const byStatus: Record<string, number> = {};
    for (const [status, n] of Object.entries(stats.byStatus)) {
      const d = n - (base?.stats.byStatus[status] ?? 0);
      if (d > 0) byStatus[status] = d;
    }
    return {
      calls: stats.requests - (base?.stats.requests ?? 0),
      byStatus,
      retries,
      inputTokens: stats.inputTokens - (base?.stats.inputTokens ?? 0),
      outputTokens: stats.outputTokens - (base?.stats.outputTokens ?? 0),
      cacheReadTokens: stats.cacheReadTokens - (base?.stats.cacheReadTokens ?? 0),
      cacheWriteTokens: stats.cacheWriteTokens - (base?.stats.cacheWriteTokens ?? 0),
      cacheWrite1hTokens: stats.cacheWrite1hTokens - (base?.stats.cacheWrite1hTokens ?? 0),
    };
  }
}
