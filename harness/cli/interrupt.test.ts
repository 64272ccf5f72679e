import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readResultsFile } from '../../reports/io/readResultsFile.ts';
import { LiveRun } from '../runner/LiveRun.ts';
import { INTERRUPT_MESSAGE, interruptHandler } from './interrupt.ts';
import { ProgressView } from './ProgressView.ts';

const BIN = fileURLToPath(new URL('../../bin/bench.js', import.meta.url));

describe('the interrupt handler', () => {
  it('erases the progress bar before it speaks, aborts once, and quits at the second interrupt', () => {
    const out: string[] = [];
    let tick: (() => void) | undefined;
    const view = new ProgressView({
      stream: { write: (text: string) => out.push(text), columns: 100 },
      now: () => 0,
      setInterval: (fn) => {
        tick = fn;
        return {};
      },
      clearInterval: () => {},
    });
    const live = new LiveRun();
    live.attach(() => ({ done: 3, failed: 0, clockMs: 1000, warmingUp: false }));
    view.on({ type: 'scenario-start', cells: 1, strategies: 2, runs: 2, mode: 'realtime' });
    view.on({ type: 'run-start', run: 0, strategy: 'direct', cellId: 'default', total: 20, live });
    const calls: string[] = [];
    const onInterrupt = interruptHandler({
      abort: () => calls.push('abort'),
      stopProgress: () => view.stop(),
      print: (line) => out.push(`${line}\n`),
      exit: (code) => calls.push(`exit ${code}`),
    });
    onInterrupt();
    // The runner still reports after the abort (the current run's end): the bar stays erased.
    tick?.();
    view.on({ type: 'run-start', run: 1, strategy: 'retry', cellId: 'default', total: 20, live });
    onInterrupt();
    expect(out.slice(1)).toEqual(['\r\x1b[2K\x1b[?25h', `${INTERRUPT_MESSAGE}\n`]);
    expect(calls).toEqual(['abort', 'exit 130']);
  });
});

const SCENARIO = `
name: interrupt me
seed: 3
mode: realtime
mock:
  preset: perfect
  # 1 s answers at 40 arrivals a second: about 40 requests are always in flight.
  latency: { ttftMs: 1s }
workload:
  requests: 2000
  arrival: { type: poisson, rate: 40/s }
  prompts: { unique: 20 }
  maxTokens: 16
strategies: [direct, retry]
thresholds: [ "errorRate < 1%", "retry: p99 < 3s" ]
`;

describe('bench run interrupted by SIGINT, as a process', () => {
  it('counts in-flight requests as interrupted, skips the runs never started, and exits 130', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'bench-interrupt-'));
    let child: ChildProcess | undefined;
    try {
      const file = path.join(dir, 'interrupt.yaml');
      await writeFile(file, SCENARIO);
      child = spawn(process.execPath, [BIN, file, '--out', path.join(dir, 'out')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
      });
      // Interrupt at the first progress line (a log's: every 5 s), i.e. in the middle of run 1 of 2.
      let sent = false;
      child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        if (!sent && stderr.includes('progress: run 1/2')) {
          sent = true;
          process.kill(child?.pid as number, 'SIGINT');
        }
      });
      const running = child;
      const code = await new Promise<number | null>((resolve, reject) => {
        running.on('error', reject);
        running.on('close', resolve);
      });
      expect(sent).toBe(true);
      expect(code).toBe(130);
      expect(stderr).toContain(INTERRUPT_MESSAGE);
      expect(stdout).toContain('(PARTIAL: interrupted)\nskipped (interrupted): retry at default\n');
      expect(stdout).toContain('thresholds: 0 passed, 0 failed, 1 not evaluated, 2 skipped (interrupted)');
      expect(stdout).toContain(
        'skipped (interrupted)  retry: p99 < 3s\n  at default: skipped (interrupted): the run never started',
      );
      expect(stdout).not.toContain('FAIL');
      const results = await readResultsFile(path.join(dir, 'out', 'results.json'));
      expect(results.partial).toBe(true);
      expect(results.runs.map((r) => r.strategy)).toEqual(['direct']);
      expect(results.skipped).toEqual([{ strategy: 'retry', cellId: 'default', params: {} }]);
      const requests = results.runs[0]!.metrics.requests;
      // A perfect mock fails nothing: whatever did not answer was cut short by the interrupt.
      expect(requests.failed).toBe(0);
      expect(requests.byOutcome).toEqual({});
      expect(requests.interrupted).toBeGreaterThan(0);
      expect(results.runs[0]!.invalidReasons).toEqual([
        `interrupted: ${requests.total} of 2000 requests measured, ${requests.interrupted} in flight not counted`,
      ]);
    } finally {
      // Only if the test failed before the child ended: by its pid, never by name.
      if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        process.kill(child.pid, 'SIGKILL');
      }
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
