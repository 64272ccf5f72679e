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
import {
  type AttemptScope,
  currentAttemptScope,
  noteAttempt,
  withAttemptScope,
} from '../attempts/AttemptScope.ts';
import { observeHttpClient } from '../attempts/observeHttpClient.ts';
import { type GatewayUpstream, startGatewayUpstream } from '../gateway/gatewayUpstream.ts';
import type { AttemptsSource } from '../results/ResultsFile.ts';
import type { ResolvedScenario } from '../scenario/types.ts';
import { buildHandler } from '../strategies/buildHandler.ts';
import { connectionOptionsOf } from '../strategies/connection.ts';
import type { StrategySpec } from '../strategies/options.ts';
import type { RequestTrace } from '../strategies/Policy.ts';
import type { TimeSeriesRecorder } from '../timeSeries/TimeSeriesRecorder.ts';
import { createDirectTransport } from '../transport/directTransport.ts';
import { createHttpTransport } from '../transport/httpTransport.ts';
import { toRequestBody } from '../transport/requestBody.ts';
import type { Outcome, Transport, UpstreamObserver, Usage } from '../transport/Transport.ts';
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
  /** With a gateway: called once if it stops on its own during the run, with what happened. */
  onGatewayExit?(listener: (reason: string) => void): void;
}

/** The mock's counters at one instant. */
interface MockSnapshot {
  stats: MockStats;
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
  /**
   * With `scenario.gateway`: the gateway (and mock) the whole scenario shares (`restart: scenario`),
   * or the log file of the one this run starts for itself.
   */
  gateway?: { shared: GatewayUpstream } | { logFile: string };
  /** Gets every upstream call the harness sees (and a user module's tokens), for the time series. */
  series?: TimeSeriesRecorder;
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
  let gateway: GatewayUpstream | undefined;
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
  } else if (scenario.mode === 'realtime' && scenario.gateway !== undefined) {
    const gatewayOptions = options.gateway ?? { logFile: 'gateway.log' };
    let running: GatewayUpstream;
    if ('shared' in gatewayOptions) running = gatewayOptions.shared;
    else {
      running = await startGatewayUpstream(
        { ...scenario, gateway: scenario.gateway },
        gatewayOptions.logFile,
        options.realClock,
      );
      closers.push(() => running.close());
    }
    baseUrl = running.baseUrl;
    snapshot = async () => ({ stats: (await running.mock.stats()).stats });
    gateway = running;
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
    snapshot = async () => ({ stats: (await worker.stats()).stats });
    closers.push(() => worker.close());
  } else {
    const mock = createMockServer({ config: scenario.mock, clock, random: random.fork('mock') });
    // Built-in strategies report their calls from the transport (with their ends and tokens);
    // a user module's calls are only seen here, at the response head.
    const inProcess = counts.wrap(
      mock,
      strategy.kind === 'policies'
        ? undefined
        : (status, retry) => {
            options.series?.call(clock.now(), { kind: 'status', status }, retry);
          },
    );
    server = inProcess;
    snapshot = () => ({ stats: inProcess.stats() });
  }
  const observer: UpstreamObserver | undefined = snapshot === undefined ? counts : undefined;

  let call: Call;
  /** User modules: what each logical request's module call did, for the measured ones' totals. */
  const moduleCalls = new WeakMap<RequestTrace, ModuleCall>();
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
    const series = options.series;
    const handler = buildHandler(
      strategy.policies,
      transport,
      series === undefined ? undefined : (outcome, retry) => series.call(clock.now(), outcome, retry),
    );
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
    // Realtime: the module's HTTP calls are counted as this process sends them (the mock is behind a
    // socket, or there is no mock). Simulated: the in-process mock counts them (counts.wrap).
    if (server === undefined) closers.push(observeHttpClient());
    const counted: AttemptsSource = server === undefined ? 'http-client' : 'mock';
    call = async (request, trace, signal) => {
      const { cacheTtl: _marked, ...fields } = request;
      const userRequest: UserRequest = { ...fields, body: toRequestBody(request) };
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
      const scope: AttemptScope = { calls: [] };
      const note = (reported: unknown, usage: Usage | undefined): void => {
        // The module's own count only where no mock saw the calls: against the mock, the mock is right.
        const byModule = target !== undefined && isCount(reported);
        trace.attempts = byModule ? reported : scope.calls.length;
        moduleCalls.set(trace, { calls: scope.calls, usage, source: byModule ? 'module' : counted });
      };
      try {
        const result = await withAttemptScope(scope, () => client(userRequest, context));
        const usage = usageOf(result?.usage);
        note(result?.attempts, usage);
        if (server !== undefined) options.series?.tokens(clock.now(), usage);
        const outcome: Outcome = {
          kind: 'ok',
          text: result?.text ?? '',
          stopReason: result?.stopReason ?? 'end_turn',
          usage,
        };
        if (result?.content !== undefined) outcome.content = result.content;
        return outcome;
      } catch (error) {
        note((error as { attempts?: unknown } | undefined)?.attempts, undefined);
        return classifyThrown(error);
      }
    };
  }

  return {
    call,
    startMeasuring: () => counts.start(snapshot?.()),
    noteTrace: (trace) => {
      counts.noteTrace(trace);
      const moduleCall = moduleCalls.get(trace);
      // Against a target nothing else sees the module's calls and tokens: they are counted here.
      if (moduleCall !== undefined) counts.noteModuleCall(moduleCall, target !== undefined);
    },
    totals: async () => counts.totals(await snapshot?.()),
    close: async () => {
      for (const close of closers.reverse()) await close();
    },
    ...(gateway !== undefined
      ? {
          onGatewayExit: (listener: (reason: string) => void) => {
            const { gateway: running } = gateway as GatewayUpstream;
            const reason = running.exitReason();
            const describe = (why: string): string =>
              `gateway ${why} during the run; its log: ${running.logFile}; last lines:\n${running
                .tail()
                .map((line) => `  | ${line}`)
                .join('\n')}`;
            if (reason !== undefined) listener(describe(reason));
            else running.onExit((why) => listener(describe(why)));
          },
        }
      : {}),
  };
}

/** What one call of a user's module did: its HTTP calls, the usage it returned, where its attempts came from. */
interface ModuleCall {
  calls: readonly { status: number }[];
  usage: Usage | undefined;
  source: AttemptsSource;
}

/** A number of attempts a module may report: a whole number ≥ 0. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * Counts what the upstream API saw during the measured part of a run: from the mock's own counters
 * when the mock is in play, from the transport's observations (built-in strategies) or the module's
 * calls and returned usage (user modules) against a real target. Retries: attempts beyond each
 * logical request's first, from the traces of built-in strategies, and for user modules from the
 * attempts counted for each request (at the mock, at this process's HTTP clients, or as the module
 * reported them against a target).
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
  #traceAttempts = 0;
  #traceFirsts = 0;
  /** User modules: measured requests by where their attempts were counted. */
  readonly #attemptSources: Partial<Record<AttemptsSource, number>> = {};

  /** The in-process mock, recording each call it receives in the attempt scope of the module call that made it. */
  wrap(server: MockServer, onResponse?: (status: number, retry: boolean) => void): MockServer {
    return {
      handle: async (request) => {
        const call = noteAttempt();
        // A retry: not the first call of its module call (the SDK's retries, or the module's own).
        const retry = (currentAttemptScope()?.calls.length ?? 1) > 1;
        const response = await server.handle(request);
        if (call !== undefined) call.status = response.status;
        onResponse?.(response.status, retry);
        return response;
      },
      stats: () => server.stats(),
    };
  }

  /**
   * A measured request of a user module: where its attempts came from and, against a target (no mock
   * to count them), its HTTP calls and the tokens of the usage it returned.
   */
  noteModuleCall(moduleCall: ModuleCall, target: boolean): void {
    this.#attemptSources[moduleCall.source] = (this.#attemptSources[moduleCall.source] ?? 0) + 1;
    if (!target) return;
    for (const { status } of moduleCall.calls) {
      this.#calls++;
      this.#byStatus[String(status)] = (this.#byStatus[String(status)] ?? 0) + 1;
    }
    const usage = moduleCall.usage;
    this.#inputTokens += usage?.inputTokens ?? 0;
    this.#outputTokens += usage?.outputTokens ?? 0;
    this.#cacheReadTokens += usage?.cacheReadTokens ?? 0;
    this.#cacheWriteTokens += usage?.cacheWriteTokens ?? 0;
    this.#cacheWrite1hTokens += usage?.cacheWrite1hTokens ?? 0;
  }

  /** User modules: the source of the attempts (`module+http-client` when the module reported some). */
  #attemptsOf(): UpstreamTotals['attempts'] {
    const sources = Object.keys(this.#attemptSources).sort() as AttemptsSource[];
    if (sources.length === 0) return undefined;
    const source = (sources.length === 1 ? sources[0] : 'module+http-client') as AttemptsSource;
    return { total: Math.round(this.#traceAttempts), source };
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
    const retries = Math.max(0, Math.round(this.#traceAttempts - this.#traceFirsts));
    const attempts = this.#attemptsOf();
    if (now === undefined) {
      return {
        ...(attempts !== undefined ? { attempts } : {}),
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
      ...(attempts !== undefined ? { attempts } : {}),
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
