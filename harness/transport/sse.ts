/**
 * An incremental server-sent events parser (WHATWG framing, as the Anthropic SDK's decoder reads
 * it): lines end with `\n`, `\r\n` or `\r`, a blank line ends an event, `:` starts a comment,
 * several `data:` lines join with `\n`, one space after the colon is dropped. Chunks may split
 * anywhere, including between `\r` and `\n` and inside a UTF-8 sequence. It is a hot path: no
 * regular expressions, no per-line arrays, and it calls back rather than allocating event lists.
 */

/** One event: its `event:` name (null when the event had none) and its data lines joined with `\n`. */
export interface SseEvent {
  event: string | null;
  data: string;
}

/** Called once per complete event. */
export type SseListener = (event: string | null, data: string) => void;

const LF = 10;
const COLON = 58;
const SPACE = 32;

export class SseParser {
  readonly #onEvent: SseListener;
  #pending = '';
  /** The last chunk ended on `\r`: a `\n` starting the next one belongs to the same line end. */
  #skipLf = false;
  #event: string | null = null;
  #data: string | null = null;
  #decoder: TextDecoder | undefined;

  constructor(onEvent: SseListener) {
    this.#onEvent = onEvent;
  }

  /** Feeds a chunk: a string, or bytes (UTF-8, decoded across chunk boundaries). */
  push(chunk: string | Uint8Array): void {
    let text: string;
    if (typeof chunk === 'string') text = chunk;
    else {
      this.#decoder ??= new TextDecoder();
      text = this.#decoder.decode(chunk, { stream: true });
    }
    if (text.length === 0) return;
    if (this.#skipLf) {
      this.#skipLf = false;
      if (text.charCodeAt(0) === LF) {
        text = text.slice(1);
        if (text.length === 0) return;
      }
    }
    if (this.#pending !== '') {
      text = this.#pending + text;
      this.#pending = '';
    }
    const n = text.length;
    let start = 0;
    let lf = text.indexOf('\n');
    let cr = text.indexOf('\r');
    while (lf !== -1 || cr !== -1) {
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        this.#line(text, start, lf);
        start = lf + 1;
      } else {
        this.#line(text, start, cr);
        if (cr + 1 < n) {
          start = text.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
        } else {
          start = n;
          this.#skipLf = true;
        }
      }
      if (lf !== -1 && lf < start) lf = text.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = text.indexOf('\r', start);
    }
    if (start < n) this.#pending = text.slice(start);
  }

  /**
   * Ends the input. An event not closed by a blank line is discarded, as the SSE standard says;
   * returns true if one was (the stream was cut mid-event).
   */
  finish(): boolean {
    if (this.#decoder !== undefined) {
      const rest = this.#decoder.decode();
      if (rest !== '') this.push(rest);
    }
    const cut = this.#pending !== '' || this.#data !== null || this.#event !== null;
    this.#pending = '';
    this.#data = null;
    this.#event = null;
    return cut;
  }

  /** Handles the line text[start, end). */
  #line(text: string, start: number, end: number): void {
    if (start === end) {
      if (this.#data !== null || this.#event !== null) {
        const event = this.#event;
        const data = this.#data ?? '';
        this.#event = null;
        this.#data = null;
        this.#onEvent(event, data);
      }
      return;
    }
    const first = text.charCodeAt(start);
    if (first === COLON) return;
    let colon = text.indexOf(':', start);
    if (colon === -1 || colon > end) colon = end;
    let valueStart = colon + 1;
    if (valueStart < end && text.charCodeAt(valueStart) === SPACE) valueStart++;
    const value = valueStart < end ? text.slice(valueStart, end) : '';
    const fieldLength = colon - start;
    if (fieldLength === 4 && text.startsWith('data', start)) {
      this.#data = this.#data === null ? value : `${this.#data}\n${value}`;
    } else if (fieldLength === 5 && text.startsWith('event', start)) {
      this.#event = value;
    }
    // `id`, `retry` and unknown fields change nothing we report.
  }
}

/** Parses a complete SSE text into its events (tests, fixtures). */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((event, data) => events.push({ event, data }));
  parser.push(text);
  parser.finish();
  return events;
}
