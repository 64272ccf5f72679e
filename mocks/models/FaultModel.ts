import type { Random } from '../../base/random/Random.ts';
import type { MockConfig } from '../config/MockConfig.ts';

/** How an injected stream fault shows up. */
export type StreamFaultKind = 'error-event' | 'reset' | 'close' | 'stall';

/** An injected stream fault and where it strikes: `position` 0..1 between the first token and the end. */
export interface StreamFault {
  kind: StreamFaultKind;
  position: number;
}

/** One entry of `faults.script`: the status of an answer and the wait it asks for (ms). */
export type ScriptedFault = MockConfig['faults']['script'][number];

/** An outage answer: every request in the window gets `status`; 429s carry the seconds to the window's end. */
export interface OutageHit {
  status: number;
  retryAfterSec?: number;
  /** 429s: the exact ms to the window's end. */
  retryAfterMs?: number;
}

/**
 * Injected failures (MockConfig `faults`): a script of errors for the first requests, scheduled
 * outage windows on the clock, independent
 * per-request chances of 429/529/500/504 (drawn in that order; the first hit wins), and per-stream
 * chances of a mid-stream `event: error`, a reset, a clean close without message_stop, or a stall
 * (drawn in that order), striking at a uniformly drawn point between the first token and the end.
 * A zero probability draws nothing, so the perfect and default presets consume no fault draws.
 */
export class FaultModel {
  readonly #config: MockConfig['faults'];
  /** Entries of `script` already answered. */
  #scripted = 0;
  readonly #random: Random;
  readonly #hasRequestFaults: boolean;
  readonly #hasStreamFaults: boolean;

  constructor(config: MockConfig['faults'], random: Random) {
    this.#config = config;
    this.#random = random;
    this.#hasRequestFaults = config.error429 + config.error529 + config.error500 + config.error504 > 0;
    this.#hasStreamFaults =
      config.streamErrorEvent + config.streamDrop + config.streamCleanClose + config.streamStall > 0;
  }

  /** The outage window covering `nowMs` (from inclusive, to exclusive), if any. */
  outage(nowMs: number): OutageHit | undefined {
    for (const window of this.#config.outages) {
      if (nowMs < window.fromMs || nowMs >= window.toMs) continue;
      if (window.status !== 429) return { status: window.status };
      const waitMs = window.toMs - nowMs;
      return { status: 429, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)), retryAfterMs: waitMs };
    }
    return undefined;
  }

  /** The next entry of `faults.script`, consumed, or undefined once the script is played out. */
  scripted(): ScriptedFault | undefined {
    const script = this.#config.script;
    if (this.#scripted >= script.length) return undefined;
    return script[this.#scripted++];
  }

  /** The status of an injected error response for this request, or undefined to serve it. */
  requestFault(): number | undefined {
    if (!this.#hasRequestFaults) return undefined;
    const c = this.#config;
    const r = this.#random;
    if (r.chance(c.error429)) return 429;
    if (r.chance(c.error529)) return 529;
    if (r.chance(c.error500)) return 500;
    if (r.chance(c.error504)) return 504;
    return undefined;
  }

  /** The fault of a stream about to start, or undefined for a clean stream. */
  streamFault(): StreamFault | undefined {
    if (!this.#hasStreamFaults) return undefined;
    const c = this.#config;
    const r = this.#random;
    let kind: StreamFaultKind | undefined;
    if (r.chance(c.streamErrorEvent)) kind = 'error-event';
    else if (r.chance(c.streamDrop)) kind = 'reset';
    else if (r.chance(c.streamCleanClose)) kind = 'close';
    else if (r.chance(c.streamStall)) kind = 'stall';
    return kind === undefined ? undefined : { kind, position: r.next() };
  }
}
