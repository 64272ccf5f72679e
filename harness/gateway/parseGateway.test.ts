import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError } from '../../base/errors.ts';
import { loadScenario } from '../scenario/loadScenario.ts';
import { parseScenario } from '../scenario/parseScenario.ts';

const GATEWAY = `mode: realtime
gateway:
  command: [node, relay.mjs]
  env: { UPSTREAM_URL: "{{mock.url}}", PORT: "{{port}}" }
  url: "http://127.0.0.1:{{port}}"
workload: { requests: 10 }
`;

function problemsOf(text: string): string[] {
  try {
    parseScenario(text, 'gw.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the scenario to be invalid');
}

describe('the gateway: section', () => {
  it('loads the node relay examples (relay.yaml: through the relay; overhead.yaml: with its direct twin)', async () => {
    const dir = new URL('../../examples/gateways/node-relay/', import.meta.url).pathname;
    const relay = await loadScenario(`${dir}relay.yaml`);
    const overhead = await loadScenario(`${dir}overhead.yaml`);
    expect(relay.gateway?.baseline).toBe('none');
    expect(overhead.gateway?.baseline).toBe('direct');
    expect(overhead.gateway?.env).toEqual({
      UPSTREAM_URL: '{{mock.url}}',
      PORT: '{{port}}',
      CACHE: '0',
      RETRIES: '0',
    });
  });

  it('resolves to the documented defaults: TCP readiness in 10 s, a gateway per run, 5 s grace, no direct baseline', () => {
    expect(parseScenario(GATEWAY, 'scenarios/gw.yaml').gateway).toEqual({
      command: ['node', 'relay.mjs'],
      cwd: resolve('scenarios'),
      env: { UPSTREAM_URL: '{{mock.url}}', PORT: '{{port}}' },
      url: 'http://127.0.0.1:{{port}}',
      ready: { timeoutMs: 10_000 },
      restart: 'run',
      stopTimeoutMs: 5000,
      baseline: 'none',
    });
  });

  it('takes baseline: direct (a direct twin of each run, for the overhead)', () => {
    const text = GATEWAY.replace('  url:', '  baseline: direct\n  url:');
    expect(parseScenario(text, 'gw.yaml').gateway?.baseline).toBe('direct');
  });

  it('names the line and the accepted values of a bad baseline, an unknown placeholder and simulated mode', () => {
    expect(problemsOf(GATEWAY.replace('  url:', '  baseline: proxy\n  url:'))).toEqual([
      'gw.yaml:5:13: gateway.baseline: expected one of direct, none, got "proxy"',
    ]);
    expect(problemsOf(GATEWAY.replace('{{port}}"\n', '{{gateway.port}}"\n'))).toEqual([
      'gw.yaml:5:8: gateway.url: unknown placeholder {{gateway.port}}; accepted: {{mock.url}}, {{mock.port}}, {{port}}',
    ]);
    expect(problemsOf(GATEWAY.replace('mode: realtime', 'mode: simulated'))).toEqual([
      'gw.yaml:2:1: gateway: gateway is for realtime mode (a real process on real time): set mode: realtime, or remove gateway',
    ]);
  });
});
