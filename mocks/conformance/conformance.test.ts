import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkConformance, type ProbeTarget } from './checkConformance.ts';
import { diffShape } from './diffShape.ts';
import { loadFixture } from './fixture.ts';
import { formatProblem } from './formats.ts';
import { mockTarget } from './mockTarget.ts';
import { conforms, renderReport } from './renderReport.ts';

const SHIPPED = path.join(import.meta.dirname, 'fixtures/anthropic-wire.json');

/** The mock, with `change` applied to the JSON body of every answer (a mock that drifted). */
function drifted(change: (body: Record<string, unknown>) => void): ProbeTarget {
  const mock = mockTarget();
  return async (request, probe) => {
    const answer = await mock(request, probe);
    if (!answer.headers['content-type']?.startsWith('application/json')) return answer;
    const body = JSON.parse(answer.text) as Record<string, unknown>;
    change(body);
    return { ...answer, text: JSON.stringify(body) };
  };
}

describe('conformance against the shared wire reference', () => {
  it('the mock answers every probe of the shipped fixture as documented (known gaps aside)', async () => {
    const report = await checkConformance(loadFixture(SHIPPED), mockTarget());
    expect(report.probes).toBe(13);
    expect(report.differences).toEqual([]);
    expect(report.stale).toEqual([]);
    expect(report.known.map((k) => k.difference)).toEqual([
      'messages, stream: events.message_start.message.stop_details: missing (documented as null)',
      'messages, stream: events.message_start.message.usage.inference_geo: missing (documented as string)',
    ]);
    expect(conforms(report)).toBe(true);
  });

  it('lists a changed mock field, a changed error message and a changed discriminator', async () => {
    const target = drifted((body) => {
      const usage = body.usage as Record<string, unknown> | undefined;
      if (usage !== undefined) {
        usage.tier = usage.service_tier;
        delete usage.service_tier;
      }
      const error = body.error as Record<string, unknown> | undefined;
      if (error?.type === 'overloaded_error') error.message = 'Overloaded, try later';
      if (error?.type === 'request_too_large') error.type = 'invalid_request_error';
    });
    const report = await checkConformance(loadFixture(SHIPPED), target);
    expect(report.differences).toEqual([
      'messages, SDK 0.x headers: body.usage.service_tier: missing (documented as string)',
      'messages, SDK 0.x headers: body.usage.tier: not documented (the mock sends string)',
      'messages, SDK 1.x headers: body.usage.service_tier: missing (documented as string)',
      'messages, SDK 1.x headers: body.usage.tier: not documented (the mock sends string)',
      '529 overloaded_error: body.error.message: expected "Overloaded", got "Overloaded, try later"',
      '413 request_too_large: body.error.type: expected "request_too_large", got "invalid_request_error"',
    ]);
    expect(conforms(report)).toBe(false);
  });

  it('lists a header the mock no longer sends in the documented format, and a different status', async () => {
    const mock = mockTarget();
    const target: ProbeTarget = async (request, probe) => {
      const answer = await mock(request, probe);
      if (probe.name === '429 rate_limit_error') answer.headers['retry-after'] = '1.5';
      if (probe.name === 'unknown model') return { ...answer, status: 400 };
      delete answer.headers['anthropic-ratelimit-tokens-reset'];
      return answer;
    };
    const report = await checkConformance(loadFixture(SHIPPED), target);
    expect(report.differences).toEqual([
      'messages, SDK 0.x headers: headers.anthropic-ratelimit-tokens-reset: missing (documented as rfc3339)',
      'messages, stream: headers.anthropic-ratelimit-tokens-reset: missing (documented as rfc3339)',
      'unknown model: status: expected 404, got 400',
      '429 rate_limit_error: headers.retry-after: expected integer, got "1.5"',
    ]);
  });

  it('fails on a known difference that no longer shows up, naming it', async () => {
    const fixture = loadFixture(SHIPPED);
    fixture.known.push({
      difference: 'count_tokens: body.input_tokens: missing (documented as number)',
      why: 'x',
    });
    const report = await checkConformance(fixture, mockTarget());
    expect(report.stale).toEqual(['count_tokens: body.input_tokens: missing (documented as number)']);
    expect(conforms(report)).toBe(false);
    expect(renderReport(report, 'f.json against the mock')).toBe(
      [
        'conformance: 13 probes of f.json against the mock',
        'no differences',
        "1 known difference(s) no longer seen (drop them from the fixture's known list):",
        '  count_tokens: body.input_tokens: missing (documented as number)',
        '2 known difference(s), not failed on:',
        '  messages, stream: events.message_start.message.stop_details: missing (documented as null)',
        '    why: stop_details is a 2026 field (the recording in 2.2); the mock does not send it yet',
        '  messages, stream: events.message_start.message.usage.inference_geo: missing (documented as string)',
        '    why: inference_geo (2.2 recording) is not modelled by the mock',
        '',
      ].join('\n'),
    );
  });

  it('skips the probes that need mock settings when asked (a real endpoint cannot be configured)', async () => {
    const report = await checkConformance(loadFixture(SHIPPED), mockTarget(), { skipMockOnly: true });
    expect(report.probes).toBe(10);
  });
});

describe('diffShape', () => {
  it('compares types, discriminators, exact paths, arrays by their first element, and partial objects', () => {
    const expected = { type: 'a', n: 1, s: 'x', list: [{ k: 1 }], open: { a: 1 }, exact: 'v' };
    const actual = {
      type: 'b',
      n: '1',
      s: 'other',
      list: [{ k: 2, extra: true }],
      open: { a: 2, more: 1 },
      exact: 'w',
    };
    expect(diffShape(expected, actual, 'body', { exact: ['body.exact'], partial: ['body.open'] })).toEqual([
      { path: 'body.type', message: 'expected "a", got "b"' },
      { path: 'body.n', message: 'expected number 1, got string "1"' },
      { path: 'body.list[0].extra', message: 'not documented (the mock sends boolean)' },
      { path: 'body.exact', message: 'expected "v", got "w"' },
    ]);
    expect(diffShape({ list: [1] }, { list: [] }, 'body')).toEqual([
      { path: 'body.list[0]', message: 'missing (the mock sent an empty array)' },
    ]);
  });
});

describe('formats and fixture files', () => {
  it('checks the header formats', () => {
    expect(formatProblem('rfc3339', '2025-08-21T12:40:59Z')).toBeUndefined();
    expect(formatProblem('rfc3339', '1755780059')).toBe('expected rfc3339, got "1755780059"');
    expect(formatProblem('request-id', undefined)).toBe('missing (documented as request-id)');
    expect(formatProblem('=no-cache', 'no-store')).toBe('expected "no-cache", got "no-store"');
    expect(formatProblem('uuid', 'x')).toBe(
      'unknown format "uuid"; use one of integer, rfc3339, request-id, message-id, present, =VALUE',
    );
  });

  it('names the file and the field of a bad fixture', () => {
    const file = path.join(tmpdir(), `conformance-${process.pid}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        description: 'd',
        probes: [{ name: 'a', source: 's', request: { path: 'v1' }, expect: {} }],
      }),
    );
    expect(() => loadFixture(file)).toThrow(
      `${file}: probes.0.request.path: Invalid string: must start with "/"\n${file}: probes.0.expect.status: Invalid input: expected number, received undefined`,
    );
  });
});
