import { whenAborted } from '../../base/clock/abortListeners.ts';
import type { Clock } from '../../base/clock/Clock.ts';
import type { MockStreamResponse } from '../core/types.ts';
import { anthropicEventText, type EventEncoder, openAiEventText } from './eventText.ts';

/** Where a binding writes a stream's bytes (a `ReadableStream` controller, a `ServerResponse`). */
export interface StreamSink {
  /** Writes SSE text; returns false when the consumer's buffer is full and {@link drained} should be awaited. */
  write(text: string): boolean;
  /** Resolves when the consumer can take more (or has gone away). */
  drained(): Promise<void>;
  /** Ends the body cleanly (chunked terminator / stream close). */
  close(): void;
  /**
   * Kills the connection without a clean end, after what was already written has reached the
   * client (a connection that dies after sending it): clients see `TypeError: terminated`.
   */
  reset(): void | Promise<void>;
}

/** How a played stream ended. `cancelled`: the client went away first (the core was told via `cancel()`). */
export type StreamPlayResult =
  | { kind: 'complete' | 'close' | 'reset'; eventsWritten: number }
  | { kind: 'cancelled'; eventsWritten: number };

function encoderOf(format: MockStreamResponse['format']): EventEncoder {
  return format === 'anthropic' ? anthropicEventText : openAiEventText;
}

async function sleepUntil(clock: Clock, atMs: number, signal: AbortSignal): Promise<void> {
  const waitMs = atMs - clock.now();
  if (waitMs > 0) await clock.sleep(waitMs, signal);
}

/**
 * Writes a stream's events into `sink`, each at its `atMs` on `clock` (events due at the same
 * instant go out in one write), then ends it as `stream.end` says: `complete`/`close` end the body,
 * `reset` kills the connection, `stall` writes nothing more until the client gives up. When
 * `signal` aborts (client disconnect, body cancelled) playing stops and `stream.cancel()` is called
 * so the core releases the request's capacity. Never rejects.
 */
export async function playStream(
  stream: MockStreamResponse,
  clock: Clock,
  sink: StreamSink,
  signal: AbortSignal,
): Promise<StreamPlayResult> {
  const encode = encoderOf(stream.format);
  const events = stream.events;
  let written = 0;
  try {
    while (written < events.length && !signal.aborted) {
      await sleepUntil(clock, (events[written] as (typeof events)[number]).atMs, signal);
      const nowMs = clock.now();
      let text = '';
      do {
        text += encode(events[written] as (typeof events)[number]);
        written++;
      } while (written < events.length && (events[written] as (typeof events)[number]).atMs <= nowMs);
      if (!sink.write(text)) await sink.drained();
    }
    if (!signal.aborted) {
      await sleepUntil(clock, stream.end.atMs, signal);
      const end = stream.end.kind;
      if (end === 'stall') await whenAborted(signal);
      else if (end === 'reset') {
        await sink.reset();
        return { kind: 'reset', eventsWritten: written };
      } else if (!signal.aborted) {
        sink.close();
        return { kind: end, eventsWritten: written };
      }
    }
  } catch {
    // An aborted sleep or a write into a gone consumer: the client left.
  }
  stream.cancel();
  return { kind: 'cancelled', eventsWritten: written };
}
