/**
 * `claude-bench/mock`: the mock Claude API as a library for your own tests. Three ways in:
 * {@link createMockServer} (the core: a function from request to response), {@link claudeHandlers}
 * (msw handlers for your own `setupServer`) and {@link startMock} (a real HTTP server on
 * 127.0.0.1). Each takes a `preset` (default `perfect`: instant answers, no limits, no faults) and
 * `config` on top of it, the same settings as a scenario's `mock:` (harness/scenario/FORMAT.md).
 */
import type { HttpHandler } from 'msw';
import type { Clock } from '../base/clock/Clock.ts';
import { RealClock } from '../base/clock/RealClock.ts';
import { InputError } from '../base/errors.ts';
import { Random } from '../base/random/Random.ts';
import { type ServedMock, serveMock } from './bindings/httpServer.ts';
import { mockHandlers } from './bindings/msw.ts';
import type { MockConfig, MockConfigInput } from './config/MockConfig.ts';
import { MOCK_PRESETS, resolveMockConfig } from './config/presets.ts';
import { createMockServer as createCore, type MockCoreServer } from './core/createMockServer.ts';
import type { MockStats } from './core/types.ts';

export type { Clock } from '../base/clock/Clock.ts';
export { installVirtualTimers } from '../base/clock/installVirtualTimers.ts';
export { VirtualClock } from '../base/clock/VirtualClock.ts';
export { InputError } from '../base/errors.ts';
export { cancelResponseClones } from './bindings/msw.ts';
export type { MockConfig, MockConfigInput } from './config/MockConfig.ts';
export type { MockCoreServer } from './core/createMockServer.ts';
export type { MockRequest, MockResponse, MockServer, MockStats } from './core/types.ts';

/** The presets' names (`bench mock --list-presets` describes them; FORMAT.md lists their settings). */
export type MockPresetName =
  | 'perfect'
  | 'default'
  | 'free-tier'
  | 'model-latency'
  | 'tier-1'
  | 'tier-2'
  | 'tier-3'
  | 'tier-4'
  | 'flaky';

/** The presets' names, in the order `bench mock --list-presets` lists them. */
export const MOCK_PRESET_NAMES = Object.keys(MOCK_PRESETS) as readonly MockPresetName[];

/** What every entry point takes. */
export interface MockOptions {
  /** Starting configuration. Default `perfect` (instant answers, no limits, no faults). */
  preset?: MockPresetName;
  /** Settings on top of the preset (objects merge key by key, lists and values replace). Default {}. */
  config?: MockConfigInput;
  /** The mock's only source of time. Default: the real clock. Pass a `VirtualClock` for simulated time. */
  clock?: Clock;
  /** Seed of the mock's random streams (ids, latency jitter, faults, text). Default 1. */
  seed?: number;
}

/**
 * The mock core: `handle(request)` answers a plain request, `stats()` counts what it served.
 * Throws {@link InputError} naming the field when `preset` or `config` is invalid.
 */
export function createMockServer(options: MockOptions = {}): MockCoreServer {
  return createCore({
    config: resolve(options),
    clock: options.clock ?? new RealClock(),
    random: new Random(options.seed ?? 1),
  });
}

/** Options of {@link claudeHandlers}. */
export interface ClaudeHandlersOptions extends MockOptions {
  /** Origin the handlers intercept. Default `https://api.anthropic.com` (the SDKs' default). */
  baseUrl?: string;
  /** A core to answer from (e.g. to read its `stats()`); then `preset`, `config` and `seed` are not used. */
  server?: MockCoreServer;
}

/**
 * msw 2 handlers answering the Claude API under `baseUrl` from the mock, for your own
 * `setupServer(...claudeHandlers())`. Call {@link cancelResponseClones} on that server too: without
 * it msw keeps a copy of every mocked response and the official SDKs' retries (which cancel the
 * body of a 429 or 5xx first) never settle.
 */
export function claudeHandlers(options: ClaudeHandlersOptions = {}): HttpHandler[] {
  const clock = options.clock ?? new RealClock();
  const server = options.server ?? createMockServer({ ...options, clock });
  return mockHandlers(server, clock, {
    baseUrl: options.baseUrl ?? 'https://api.anthropic.com',
    maxBodyBytes: server.config.maxBodyBytes,
  });
}

/** Options of {@link startMock}. */
export interface StartMockOptions extends MockOptions {
  /** TCP port; 0 picks a free one (read it from `url`). Default 0. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1` (loopback only). */
  host?: string;
}

/** A mock listening on a socket. */
export interface RunningMock {
  /** `http://127.0.0.1:PORT`: the SDKs' `baseURL`. */
  url: string;
  port: number;
  /** The core it answers from. */
  server: MockCoreServer;
  /** What it served so far. */
  stats(): MockStats;
  /** Stops listening and closes every connection (in-flight answers get up to 1 s). Idempotent. */
  close(): Promise<void>;
}

/** Starts the mock over HTTP (real clock unless `clock` says otherwise). Close it when done. */
export async function startMock(options: StartMockOptions = {}): Promise<RunningMock> {
  const clock = options.clock ?? new RealClock();
  const server = createMockServer({ ...options, clock });
  const served: ServedMock = await serveMock(server, clock, {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    maxBodyBytes: server.config.maxBodyBytes,
    closeDeadlineMs: 1000,
  });
  return {
    url: served.url,
    port: served.port,
    server,
    stats: () => server.stats(),
    close: () => served.close(),
  };
}

function resolve(options: MockOptions): MockConfig {
  const preset = options.preset ?? 'perfect';
  if (MOCK_PRESETS[preset] === undefined) {
    throw new InputError([
      {
        path: 'preset',
        message: `unknown preset "${preset}"; use one of ${Object.keys(MOCK_PRESETS).join(', ')}`,
      },
    ]);
  }
  try {
    return resolveMockConfig(preset, options.config ?? {});
  } catch (error) {
    const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues;
    if (issues === undefined) throw error;
    throw new InputError(
      issues.map((issue) => ({
        path: ['config', ...issue.path.map(String)].join('.'),
        message: issue.message,
      })),
      { cause: error },
    );
  }
}
