import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GatewaySpec } from './GatewaySpec.ts';
import { GatewayError, type RunningGateway, startGateway } from './startGateway.ts';

const FAKE = new URL('../../test/fixtures/gateways/fake-gateway.mjs', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'gateway-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function spec(mode: string, overrides: Partial<GatewaySpec> = {}): GatewaySpec {
  return {
    command: [process.execPath, FAKE],
    cwd: dir,
    env: { FAKE_MODE: mode, PORT: '{{port}}' },
    url: 'http://127.0.0.1:{{port}}',
    ready: { timeoutMs: 5000 },
    restart: 'run',
    stopTimeoutMs: 1000,
    baseline: 'none',
    ...overrides,
  };
}

/** Whether any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

const MOCK = 'http://127.0.0.1:1';

describe('startGateway', () => {
  it('starts the command with the placeholders filled in, waits for its port, and stops its whole process group', async () => {
    const logFile = join(dir, 'ready.log');
    const gateway = await startGateway(spec('ready'), { mockUrl: MOCK, logFile });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const answer = await fetch(`${gateway.url}/anything`);
    expect(answer.status).toBe(200);
    expect(groupAlive(gateway.pid)).toBe(true);
    await gateway.stop();
    expect(groupAlive(gateway.pid)).toBe(false);
    expect(gateway.exitReason()).toBe('was killed by SIGTERM');
    expect(readFileSync(logFile, 'utf8')).toBe(`fake gateway ready on ${new URL(gateway.url).port}\n`);
  });

  it('waits for a log line or an HTTP path when told to', async () => {
    const byLog = await startGateway(spec('ready', { ready: { log: 'ready on \\d+', timeoutMs: 5000 } }), {
      mockUrl: MOCK,
      logFile: join(dir, 'log.log'),
    });
    expect(byLog.tail()).toEqual([`fake gateway ready on ${new URL(byLog.url).port}`]);
    await byLog.stop();
    const byPath = await startGateway(spec('ready', { ready: { path: '/healthz', timeoutMs: 5000 } }), {
      mockUrl: MOCK,
      logFile: join(dir, 'path.log'),
    });
    expect((await fetch(`${byPath.url}/healthz`)).status).toBe(200);
    await byPath.stop();
    expect(groupAlive(byPath.pid)).toBe(false);
  });

  it('fails within its timeout when the gateway never becomes ready, and leaves nothing running', async () => {
    const started = Date.now();
    const error = await startGateway(spec('never', { ready: { timeoutMs: 400 } }), {
      mockUrl: MOCK,
      logFile: join(dir, 'never.log'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as Error).message).toMatch(
      /^gateway `.+fake-gateway\.mjs` accepted no connection on 127\.0\.0\.1:\d+ within 400 ms \(gateway\.ready\.timeout\); its log: .+never\.log \(empty\)$/,
    );
    // The timeout, then SIGTERM (the fake dies at once, well within its 1 s grace), plus slack for a busy machine.
    expect(Date.now() - started).toBeLessThan(400 + 1000 + 2000);
    expect((error as GatewayError).pid).toBeGreaterThan(0);
    expect(groupAlive((error as GatewayError).pid)).toBe(false);
  });

  it('says the gateway exited before it was ready, with its exit code and its last lines', async () => {
    const error = await startGateway(spec('exit'), { mockUrl: MOCK, logFile: join(dir, 'exit.log') }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as Error).message).toMatch(
      /exited with code 7 before it was ready; its log: .+exit\.log; last lines:\n {2}\| fake gateway: missing configuration, giving up$/,
    );
    expect(groupAlive((error as GatewayError).pid)).toBe(false);
  });

  it('says so when the command cannot be started at all', async () => {
    const error = await startGateway(spec('ready', { command: ['./no-such-gateway'] }), {
      mockUrl: MOCK,
      logFile: join(dir, 'missing.log'),
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(
      /^gateway `\.\/no-such-gateway` could not be started \(spawn \.\/no-such-gateway ENOENT\) before it was ready/,
    );
  });

  it('reports a gateway that exits on its own after it was ready', async () => {
    const gateway = await startGateway(
      spec('crash', { env: { FAKE_MODE: 'crash', PORT: '{{port}}', CRASH_AFTER_MS: '200' } }),
      {
        mockUrl: MOCK,
        logFile: join(dir, 'crash.log'),
      },
    );
    const reason = await new Promise<string>((resolve) => gateway.onExit(resolve));
    expect(reason).toBe('exited with code 7');
    expect(gateway.exitReason()).toBe('exited with code 7');
    await gateway.stop();
  });

  it('kills with SIGKILL after the grace a gateway that ignores SIGTERM, grandchildren included', async () => {
    const gateway: RunningGateway = await startGateway(spec('stubborn', { stopTimeoutMs: 300 }), {
      mockUrl: MOCK,
      logFile: join(dir, 'stubborn.log'),
    });
    const started = Date.now();
    await gateway.stop();
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(gateway.exitReason()).toBe('was killed by SIGKILL');
    expect(groupAlive(gateway.pid)).toBe(false);
    expect(readFileSync(join(dir, 'stubborn.log'), 'utf8')).toContain('fake gateway: ignoring SIGTERM');
  });
});
