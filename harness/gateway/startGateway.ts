import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BenchError } from '../../base/errors.ts';
import { fillPlaceholders, type GatewaySpec } from './GatewaySpec.ts';

/** A gateway that did not start, never became ready, or stopped on its own; the message holds its log's last lines. */
export class GatewayError extends BenchError {
  /** The gateway's process (group) id, 0 when it never started; none of the group is alive any more. */
  readonly pid: number;

  constructor(message: string, pid: number) {
    super('gateway', message);
    this.name = 'GatewayError';
    this.pid = pid;
  }
}

/** A started gateway process (the leader of its own process group). */
export interface RunningGateway {
  /** Where clients send their requests, placeholders filled in. */
  url: string;
  logFile: string;
  pid: number;
  /** Why it stopped on its own (`exited with code 1`, `was killed by SIGKILL`), once it has; undefined while it runs. */
  exitReason(): string | undefined;
  /** Called once if it stops on its own (not when {@link stop} stops it). */
  onExit(listener: (reason: string) => void): void;
  /** Its output's last lines (stdout and stderr as they came). */
  tail(): string[];
  /** SIGTERM to its process group, SIGKILL after the grace period; resolves when no process of the group is left. */
  stop(): Promise<void>;
}

const TAIL_LINES = 20;
const POLL_MS = 50;

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal !== null ? `was killed by ${signal}` : `exited with code ${code ?? 0}`;
}

/** Whether any process of group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: nothing left in the group.
  }
}

async function sleep(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function tcpAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function httpAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.status < 500;
  } catch {
    return false;
  }
}

export interface StartGatewayOptions {
  /** The run's mock, e.g. `http://127.0.0.1:40123`. */
  mockUrl: string;
  /** File its stdout and stderr go to (its folder is created). */
  logFile: string;
}

/**
 * Starts a gateway in a process group of its own, pointed at the run's mock, and resolves once it
 * is ready. Rejects with a {@link GatewayError} (its log's last lines in the message) when it cannot
 * start, exits first, or is not ready within `ready.timeoutMs`; no process of it is left then.
 */
export async function startGateway(spec: GatewaySpec, options: StartGatewayOptions): Promise<RunningGateway> {
  const mock = new URL(options.mockUrl);
  const values = {
    'mock.url': options.mockUrl.replace(/\/$/, ''),
    'mock.port': mock.port,
    port: String(await freePort()),
  };
  const fill = (text: string): string => fillPlaceholders(text, values);
  const argv = spec.command.map(fill);
  const url = fill(spec.url).replace(/\/$/, '');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(spec.env)) env[key] = fill(value);

  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log: WriteStream = createWriteStream(options.logFile);
  const lines: string[] = [];
  let partialLine = '';
  let logMatched = false;
  const readyLog = spec.ready.log === undefined ? undefined : new RegExp(spec.ready.log);
  const onOutput = (chunk: Buffer): void => {
    log.write(chunk);
    const parts = (partialLine + chunk.toString('utf8')).split('\n');
    partialLine = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (lines.length > TAIL_LINES) lines.shift();
      if (readyLog?.test(line) === true) logMatched = true;
    }
  };

  const child: ChildProcess = spawn(argv[0] as string, argv.slice(1), {
    cwd: spec.cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);

  let exit: string | undefined;
  let stopping = false;
  const exitListeners: ((reason: string) => void)[] = [];
  const exited = new Promise<void>((resolve) => {
    child.once('error', (error) => {
      exit ??= `could not be started (${error.message})`;
      resolve();
    });
    child.once('exit', (code, signal) => {
      exit ??= describeExit(code, signal);
      if (!stopping) for (const listener of exitListeners) listener(exit);
      resolve();
    });
  });
  const pid = child.pid ?? 0;
  const tail = (): string[] => (partialLine === '' ? [...lines] : [...lines, partialLine].slice(-TAIL_LINES));

  const stop = async (): Promise<void> => {
    stopping = true;
    if (pid > 0) {
      if (exit === undefined) killGroup(pid, 'SIGTERM');
      const deadline = Date.now() + spec.stopTimeoutMs;
      while ((exit === undefined || groupAlive(pid)) && Date.now() < deadline) await sleep(POLL_MS);
      // Past the grace, or the leader left children behind: nothing of the group survives.
      killGroup(pid, 'SIGKILL');
      while (groupAlive(pid)) await sleep(10);
    }
    await exited;
    await new Promise<void>((resolve) => log.end(resolve));
  };

  const fail = async (why: string): Promise<never> => {
    await stop();
    const shown = tail();
    throw new GatewayError(
      `gateway \`${argv.join(' ')}\` ${why}; its log: ${options.logFile}${
        shown.length > 0 ? `; last lines:\n${shown.map((line) => `  | ${line}`).join('\n')}` : ' (empty)'
      }`,
      pid,
    );
  };

  const started = Date.now();
  const target = new URL(url);
  const probe = spec.ready.path === undefined ? undefined : new URL(spec.ready.path, `${url}/`).toString();
  for (;;) {
    if (exit !== undefined) return fail(`${exit} before it was ready`);
    const ready =
      readyLog !== undefined
        ? logMatched
        : probe !== undefined
          ? await httpAnswers(probe)
          : await tcpAccepts(
              target.hostname,
              Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
            );
    if (ready && exit === undefined) break;
    if (Date.now() - started > spec.ready.timeoutMs) {
      const what =
        readyLog !== undefined
          ? `printed no line matching /${spec.ready.log}/`
          : probe !== undefined
            ? `did not answer ${probe}`
            : `accepted no connection on ${target.host}`;
      return fail(`${what} within ${spec.ready.timeoutMs} ms (gateway.ready.timeout)`);
    }
    await sleep(POLL_MS);
  }

  return {
    url,
    logFile: options.logFile,
    pid,
    exitReason: () => exit,
    onExit: (listener) => {
      exitListeners.push(listener);
    },
    tail,
    stop,
  };
}
