import { setImmediate as realSetImmediate } from 'node:timers';
import { BenchError } from '../errors.ts';
import { type Clock, sleepOnTimer } from './Clock.ts';

/** Options of a {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** Wall-clock epoch (ms) that virtual time 0 maps to. Default 2026-01-01T00:00:00Z, so headers are reproducible. */
  epochMs?: number;
}

interface Timer {
  atMs: number;
  seq: number;
  fn: (() => void) | undefined;
}

const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

/** How many idle turns `run` waits for outside work (msw, streams) before it calls the simulation stalled. */
const IDLE_TURNS_BEFORE_STALL = 64;

/**
 * A deterministic discrete-event clock. Time stands still while work is pending; `run` lets all
 * pending work settle (one macrotask turn drains every microtask), then jumps to the earliest timer
 * and fires every timer due at that instant, in the order they were set. Same inputs, same order,
 * same times: a run is repeatable to the bit.
 *
 * Timers live in a binary min-heap ordered by (time, sequence); cancelled timers are dropped lazily.
 */
export class VirtualClock implements Clock {
  #nowMs = 0;
  #seq = 0;
  #live = 0;
  readonly #heap: Timer[] = [];
  readonly #epochMs: number;

  constructor(options: VirtualClockOptions = {}) {
    this.#epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  }

  now(): number {
    return this.#nowMs;
  }

  epochMs(): number {
    return this.#epochMs + this.#nowMs;
  }

  /** Number of timers still due to fire. */
  get pendingTimers(): number {
    return this.#live;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { atMs: this.#nowMs + (ms > 0 ? ms : 0), seq: this.#seq++, fn };
    this.#push(timer);
    this.#live++;
    return () => {
      if (timer.fn !== undefined) {
        timer.fn = undefined;
        this.#live--;
      }
    };
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOnTimer(this, ms, signal);
  }

  /**
   * Fires every timer due at the earliest pending instant, after moving time there.
   * Returns false when no timer is pending.
   */
  step(): boolean {
    const first = this.#popLive();
    if (first === undefined) return false;
    this.#nowMs = first.atMs;
    this.#fire(first);
    for (;;) {
      const top = this.#heap[0];
      if (top === undefined || top.atMs > this.#nowMs) break;
      this.#pop();
      if (top.fn !== undefined) this.#fire(top);
    }
    return true;
  }

  /**
   * Drives virtual time until `work` settles and returns its result. Between steps every pending
   * microtask and immediate runs, so promise chains of any length finish before time moves on.
   * Throws a `BenchError` of kind `simulation-stalled` if `work` waits on something no timer will
   * ever wake (a deadlock, or real I/O inside a simulated run).
   */
  run<T>(work: Promise<T>, options: { untilMs?: number } = {}): Promise<T> {
    const untilMs = options.untilMs ?? Number.POSITIVE_INFINITY;
    // A callback loop rather than `await` per turn: one Immediate a step and no promise, because
    // the turn is the floor of a simulated request's cost.
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      work.then(
        () => {
          settled = true;
        },
        () => {
          settled = true;
        },
      );
      let idleTurns = 0;
      const loop = (): void => {
        if (settled) {
          resolve(work);
          return;
        }
        if (this.#live === 0) {
          // Outside work (a stream pipe, an interceptor) may still be moving without timers.
          if (idleTurns++ < IDLE_TURNS_BEFORE_STALL) {
            realSetImmediate(loop);
            return;
          }
          reject(
            new BenchError(
              'simulation-stalled',
              `the simulation stalled at virtual time ${this.#nowMs} ms: work is pending but no timer is due. ` +
                'Something waits on real I/O or on a promise nothing will resolve.',
            ),
          );
          return;
        }
        idleTurns = 0;
        const next = this.#peekLive();
        if (next !== undefined && next.atMs > untilMs) {
          this.#nowMs = untilMs;
          resolve(work);
          return;
        }
        try {
          this.step();
        } catch (error) {
          reject(error);
          return;
        }
        realSetImmediate(loop);
      };
      realSetImmediate(loop);
    });
  }

  /** Advances time by `ms`, firing every timer due on the way and settling work between instants. */
  async advance(ms: number): Promise<void> {
    const target = this.#nowMs + ms;
    for (;;) {
      await turn();
      const next = this.#peekLive();
      if (next === undefined || next.atMs > target) break;
      this.step();
    }
    this.#nowMs = target;
    await turn();
  }

  #fire(timer: Timer): void {
    const fn = timer.fn as () => void;
    timer.fn = undefined;
    this.#live--;
    fn();
  }

  #peekLive(): Timer | undefined {
    let top = this.#heap[0];
    while (top !== undefined && top.fn === undefined) {
      this.#pop();
      top = this.#heap[0];
    }
    return top;
  }

  #popLive(): Timer | undefined {
    const top = this.#peekLive();
    if (top !== undefined) this.#pop();
    return top;
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    let i = heap.length;
    heap.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = heap[parent] as Timer;
      if (before(p, timer)) break;
      heap[i] = p;
      i = parent;
    }
    heap[i] = timer;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop() as Timer;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      let c = l;
      if (r < n && before(heap[r] as Timer, heap[l] as Timer)) c = r;
      const child = heap[c] as Timer;
      if (before(last, child)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}

function turn(): Promise<void> {
  return new Promise((resolve) => realSetImmediate(resolve));
}
