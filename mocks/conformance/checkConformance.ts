/**
 * Replays a conformance fixture's probes against a target (the mock, or any endpoint through
 * `fetch`) and lists every difference from the documented answers: status, header formats, body
 * and stream shapes. Differences the fixture lists as `known` are reported apart; a known one that
 * no longer shows up is itself a difference (the fixture is stale).
 */
import { diffShape, type ShapeDifference } from './diffShape.ts';
import type { ConformanceFixture, Probe } from './fixture.ts';
import { formatProblem } from './formats.ts';

/** What a target answered: status, lower-case headers, the whole body as text. */
export interface ProbeAnswer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** Sends one probe's request to a target and reads the whole answer. */
export type ProbeTarget = (request: Request, probe: Probe) => Promise<ProbeAnswer>;

/** One difference: `probe: path: message`. */
export interface ConformanceDifference extends ShapeDifference {
  probe: string;
}

export interface ConformanceReport {
  /** Probes replayed (those needing mock settings are skipped against other targets). */
  probes: number;
  /** Differences not listed as known: each fails the check. */
  differences: string[];
  /** Known differences seen again, with the fixture's reason. */
  known: { difference: string; why: string }[];
  /** Known differences no longer seen: the fixture should drop them (they fail the check too). */
  stale: string[];
}

export interface CheckOptions {
  /** Replaces `$API_KEY` in probe headers. Default `sk-ant-conformance` (any key: the mock only checks presence). */
  apiKey?: string;
  /** Base URL the probe paths go under. Default `https://api.anthropic.com`. */
  baseUrl?: string;
  /** Skip probes that need mock settings (a real endpoint cannot be configured). Default false. */
  skipMockOnly?: boolean;
}

/** Replays every probe of `fixture` against `target`, one after the other. */
export async function checkConformance(
  fixture: ConformanceFixture,
  target: ProbeTarget,
  options: CheckOptions = {},
): Promise<ConformanceReport> {
  const all: string[] = [];
  let probes = 0;
  for (const probe of fixture.probes) {
    if (options.skipMockOnly === true && probe.mock !== undefined) continue;
    probes++;
    const answer = await target(probeRequest(probe, options), probe);
    for (const d of compareAnswer(probe, answer)) all.push(`${probe.name}: ${d.path}: ${d.message}`);
  }
  const knownByText = new Map(fixture.known.map((k) => [k.difference, k.why]));
  const seen = new Set(all);
  return {
    probes,
    differences: all.filter((d) => !knownByText.has(d)),
    known: fixture.known.filter((k) => seen.has(k.difference)),
    stale: fixture.known.filter((k) => !seen.has(k.difference)).map((k) => k.difference),
  };
}

/** The probe as a `Request`: `$API_KEY` filled in, a JSON body padded to `padToBytes` if asked. */
export function probeRequest(probe: Probe, options: CheckOptions = {}): Request {
  const { method, path, headers, body, padToBytes } = probe.request;
  const key = options.apiKey ?? 'sk-ant-conformance';
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) filled[name] = value.replaceAll('$API_KEY', key);
  let text: string | undefined;
  if (body !== undefined) {
    text = JSON.stringify(body);
    if (padToBytes !== undefined && text.length < padToBytes) text += ' '.repeat(padToBytes - text.length);
    filled['content-type'] ??= 'application/json';
  }
  const base = (options.baseUrl ?? 'https://api.anthropic.com').replace(/\/+$/, '');
  return new Request(`${base}${path}`, {
    method,
    headers: filled,
    ...(text === undefined ? {} : { body: text }),
  });
}

/** Every way `answer` differs from what `probe` documents (paths start at `status`, `headers`, `body`, `events`). */
export function compareAnswer(probe: Probe, answer: ProbeAnswer): ShapeDifference[] {
  const want = probe.expect;
  const out: ShapeDifference[] = [];
  if (answer.status !== want.status) {
    out.push({ path: 'status', message: `expected ${want.status}, got ${answer.status}` });
    return out; // a different answer altogether: its shape would only add noise
  }
  for (const [name, format] of Object.entries(want.headers)) {
    const problem = formatProblem(format, answer.headers[name]);
    if (problem !== undefined) out.push({ path: `headers.${name}`, message: problem });
  }
  if (want.body !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(answer.text);
    } catch {
      out.push({ path: 'body', message: `not JSON: ${JSON.stringify(answer.text.slice(0, 80))}` });
      return out;
    }
    out.push(...diffShape(want.body, body, 'body', want));
    for (const [path, format] of Object.entries(want.formats)) {
      const value = valueAt(body, path);
      const problem = formatProblem(format, typeof value === 'string' ? value : undefined);
      if (problem !== undefined) out.push({ path, message: problem });
    }
  }
  if (want.events !== undefined) out.push(...compareEvents(want.events, answer.text, want));
  return out;
}

interface SseEvent {
  event: string;
  data: unknown;
}

/** Order (pings dropped, repeats collapsed) and, per event name, the first event's data shape. */
function compareEvents(
  expected: readonly SseEvent[],
  text: string,
  rules: Probe['expect'],
): ShapeDifference[] {
  const parsed = parseSse(text);
  if (typeof parsed === 'string') return [{ path: 'events', message: parsed }];
  const order = (events: readonly SseEvent[]): string[] =>
    events
      .map((e) => e.event)
      .filter((name) => name !== 'ping')
      .filter((name, i, names) => name !== names[i - 1]);
  const want = order(expected);
  const got = order(parsed);
  const out: ShapeDifference[] = [];
  if (want.join(',') !== got.join(',')) {
    out.push({ path: 'events', message: `expected the order ${want.join(' > ')}, got ${got.join(' > ')}` });
  }
  const firstOf = (events: readonly SseEvent[], name: string) => events.find((e) => e.event === name);
  for (const name of new Set(want)) {
    const e = firstOf(expected, name);
    const a = firstOf(parsed, name);
    if (e !== undefined && a !== undefined) out.push(...diffShape(e.data, a.data, `events.${name}`, rules));
  }
  return out;
}

/** The events of an SSE body, or why it is not one. */
function parseSse(text: string): SseEvent[] | string {
  const events: SseEvent[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (block.trim() === '') continue;
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (event === undefined) return `an event without an event: line: ${JSON.stringify(block.slice(0, 80))}`;
    try {
      events.push({ event, data: JSON.parse(data.join('\n')) });
    } catch {
      return `event ${event}: data is not JSON: ${JSON.stringify(data.join('\n').slice(0, 80))}`;
    }
  }
  return events;
}

/** The value at a dotted path starting with `body.` (array elements as `[0]`). */
function valueAt(body: unknown, path: string): unknown {
  let value: unknown = body;
  for (const part of path
    .replace(/^body\.?/, '')
    .split(/\.|\[(\d+)\]/)
    .filter((p) => p !== undefined && p !== '')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}
