import type { Clock } from '../../base/clock/Clock.ts';
import type { Random } from '../../base/random/Random.ts';
import type { Recorder } from '../runner/Recorder.ts';
import type { Upstream } from '../runner/Upstream.ts';
import type { Workload } from '../scenario/types.ts';
import { newTrace } from '../strategies/Policy.ts';
import { driveSessions } from './driveSessions.ts';
import { runSession } from './runSession.ts';
import type { SessionRecorder } from './SessionRecorder.ts';
import { toolDefinitions } from './toolDefinitions.ts';

export interface RunSessionsOptions {
  workload: Workload;
  clock: Clock;
  /** The run's random generator: sessions fork `sessions` and then one stream per session index. */
  random: Random;
  upstream: Upstream;
  /** Every turn is recorded here as a logical request (latency, errors, tokens, cost). */
  recorder: Recorder;
  sessionRecorder: SessionRecorder;
  system?: string;
  signal: AbortSignal;
  /** Called after every ended session with the count so far. */
  onSessionEnd?: (ended: number) => void;
}

/**
 * Runs a session workload through a strategy: every turn goes through `upstream.call` with a
 * fresh trace and is recorded as one logical request; every session's end goes to the session
 * recorder. The whole run is measured (sessions have no warm-up).
 */
export async function runSessions(options: RunSessionsOptions): Promise<void> {
  const { workload, clock, upstream, recorder, sessionRecorder, signal } = options;
  const sessions = workload.sessions;
  if (sessions === undefined) throw new Error('runSessions needs workload.sessions');
  const tools = toolDefinitions(sessions.tools);
  const random = options.random.fork('sessions');
  upstream.startMeasuring();
  let ended = 0;
  await driveSessions(
    sessions,
    workload.durationMs,
    clock,
    random,
    async (index) => {
      const state = sessionRecorder.start(index);
      const setup: Parameters<typeof runSession>[0] = {
        workload,
        sessions,
        tools,
        clock,
        random: random.fork(`session-${index}`),
        signal,
        send: async (request, turnIndex) => {
          const sentAtMs = clock.now();
          const trace = newTrace();
          const outcome = await upstream.call(request, trace, signal);
          const endMs = clock.now();
          recorder.record(sentAtMs, sentAtMs, endMs, outcome, trace);
          upstream.noteTrace(trace);
          state.turn(turnIndex, sentAtMs, endMs, outcome, trace);
          return outcome;
        },
      };
      if (options.system !== undefined) setup.system = options.system;
      const end = await runSession(setup);
      sessionRecorder.end(state, end);
      options.onSessionEnd?.(++ended);
    },
    signal,
  );
}
