import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, InputError, type InputProblem } from '../../base/errors.ts';
import { resolveMockConfig } from '../../mocks/config/presets.ts';
import { parseScenario } from './parseScenario.ts';

/** Every problem the loader reports for `text`, formatted as the CLI prints them. */
function problemsOf(text: string, file = 'bad.yaml'): string[] {
  try {
    parseScenario(text, file);
  } catch (error) {
    if (error instanceof InputError) return error.problems.map(formatProblem);
    throw error;
  }
  throw new Error('expected the scenario to be invalid');
}

describe('parseScenario defaults', () => {
  it('fills every field a minimal scenario leaves out with the documented default', () => {
    const scenario = parseScenario('workload: { requests: 100 }\n', 'scenarios/quick.yaml');
    expect(scenario).toEqual({
      name: 'quick',
      file: resolve('scenarios/quick.yaml'),
      seed: 1,
      mode: 'simulated',
      mock: resolveMockConfig('default'),
      mockPreset: 'default',
      workload: {
        requests: 100,
        warmupRequests: 0,
        warmupMs: 0,
        arrival: { type: 'closed', concurrency: [1], thinkTimeMs: [0] },
        prompts: {
          type: 'generated',
          unique: 100,
          popularity: { type: 'zipf', exponent: 1 },
          inputTokens: { type: 'lognormal', median: 200, sigma: 0.5 },
        },
        maxTokens: [256],
        stream: [false],
        model: ['claude-sonnet-4-6'],
        axes: [],
      },
      strategies: [{ kind: 'policies', name: 'direct', policies: [] }],
      baseline: 'direct',
      thresholds: [],
      validity: { startLagP99Ms: 10, offeredRateTolerance: 0.02 },
      prices: expect.objectContaining({ 'claude-sonnet-4-6': { inputPerMTok: 3, outputPerMTok: 15 } }),
      references: [],
    });
  });

  it('reads the validity limits in their units, each defaulting on its own', () => {
    const both = parseScenario(
      'mode: realtime\nvalidity: { startLagP99: 25ms, offeredRateTolerance: 5% }\nworkload: { requests: 1 }\n',
      'a.yaml',
    );
    expect(both.validity).toEqual({ startLagP99Ms: 25, offeredRateTolerance: 0.05 });
    const one = parseScenario('validity: { startLagP99: 0.5s }\nworkload: { requests: 1 }\n', 'a.yaml');
    expect(one.validity).toEqual({ startLagP99Ms: 500, offeredRateTolerance: 0.02 });
  });

  it('rejects a validity limit of 0 ms and an unknown validity key, naming the line', () => {
    expect(problemsOf('validity: { startLagP99: 0ms, lag: 3 }\nworkload: { requests: 1 }\n')).toEqual([
      'bad.yaml:1:26: validity.startLagP99: expected a duration longer than 0 such as 200ms, 30s or 5m, got 0',
      'bad.yaml:1:31: validity.lag: unknown key "lag"; accepted: startLagP99, offeredRateTolerance',
    ]);
  });

  it('makes the first strategy the baseline when none is named', () => {
    const scenario = parseScenario('workload: { requests: 1 }\nstrategies: [retry, direct]\n', 'a.yaml');
    expect(scenario.baseline).toBe('retry');
  });

  it('merges the mock section over its preset', () => {
    const scenario = parseScenario(
      'mock: { preset: free-tier, faults: { error529: 0.01, streamDrop: 5% } }\nworkload: { requests: 1 }\n',
      'a.yaml',
    );
    expect(scenario.mockPreset).toBe('free-tier');
    expect(scenario.mock).toEqual(
      resolveMockConfig('free-tier', { faults: { error529: 0.01, streamDrop: 0.05 } }),
    );
  });

  it('merges user prices over the catalog prices, a known model taking one side only', () => {
    const scenario = parseScenario(
      'workload: { requests: 1 }\nprices: { claude-sonnet-4-6: { output: 16 }, my-model: { input: 1, output: 2 } }\n',
      'a.yaml',
    );
    expect(scenario.prices['claude-sonnet-4-6']).toEqual({ inputPerMTok: 3, outputPerMTok: 16 });
    expect(scenario.prices['my-model']).toEqual({ inputPerMTok: 1, outputPerMTok: 2 });
  });

  it('takes systemTokens for a generated shared system prompt, but not next to system', () => {
    const scenario = parseScenario('workload: { requests: 1, systemTokens: 4000 }\n', 'a.yaml');
    expect(scenario.workload.systemTokens).toBe(4000);
    expect(problemsOf('workload: { requests: 1, system: hi, systemTokens: 10 }\n')).toEqual([
      expect.stringContaining('workload.systemTokens: give either system (a text) or systemTokens'),
    ]);
  });

  it('keeps per-model prompt-cache prices when written, and only then', () => {
    const scenario = parseScenario(
      'workload: { requests: 1 }\nprices: { claude-sonnet-4-6: { cacheWrite: 4, cacheWrite1h: 5, cacheRead: 0.25 } }\n',
      'a.yaml',
    );
    expect(scenario.prices['claude-sonnet-4-6']).toEqual({
      inputPerMTok: 3,
      outputPerMTok: 15,
      cacheWritePerMTok: 4,
      cacheWrite1hPerMTok: 5,
      cacheReadPerMTok: 0.25,
    });
    expect(scenario.prices['claude-opus-4-6']).toEqual({ inputPerMTok: 5, outputPerMTok: 25 });
  });
});

describe('parseScenario units', () => {
  it('resolves durations to ms, rates to per second and percentages to ratios', () => {
    const scenario = parseScenario(
      [
        'workload:',
        '  duration: 10m',
        '  warmup: 30s',
        '  arrival: { type: poisson, rate: [2/s, 60/min, 0.5], maxConcurrency: 100 }',
        'slo: { latency: 2s, ttft: 500ms }',
        'mock: { faults: { streamDrop: 2.5% } }',
      ].join('\n'),
      'a.yaml',
    );
    expect(scenario.workload.durationMs).toBe(600_000);
    expect(scenario.workload.warmupMs).toBe(30_000);
    expect(scenario.workload.warmupRequests).toBe(0);
    expect(scenario.workload.arrival).toEqual({
      type: 'open',
      process: 'poisson',
      ratePerSec: [2, 1, 0.5],
      maxConcurrency: 100,
    });
    expect(scenario.slo).toEqual({ latencyMs: 2000, ttftMs: 500 });
    expect(scenario.mock.faults.streamDrop).toBe(0.025);
  });

  it('reads a number of warm-up requests and think times as durations', () => {
    const scenario = parseScenario(
      'workload: { requests: 10, warmup: 50, arrival: { concurrency: 2, thinkTime: [0s, 1.5s, 250ms] } }\n',
      'a.yaml',
    );
    expect(scenario.workload.warmupRequests).toBe(50);
    expect(scenario.workload.arrival).toEqual({
      type: 'closed',
      concurrency: [2],
      thinkTimeMs: [0, 1500, 250],
    });
  });

  it('resolves a prompt file against the scenario folder', () => {
    const scenario = parseScenario(
      'workload: { requests: 1, prompts: { file: ./prompts.jsonl, popularity: sequential } }\n',
      'test/scenario/x.yaml',
    );
    expect(scenario.workload.prompts).toEqual({
      type: 'file',
      path: resolve('test/scenario/prompts.jsonl'),
      popularity: { type: 'sequential' },
    });
  });

  it('records the swept fields in the order the file declares them', () => {
    const scenario = parseScenario(
      'workload: { requests: 1, model: [claude-haiku-4-5], maxTokens: [256, 512], arrival: { thinkTime: [0s, 1s], concurrency: [1, 2] }, stream: true }\n',
      'a.yaml',
    );
    expect(scenario.workload.axes).toEqual(['model', 'maxTokens', 'thinkTimeMs', 'concurrency']);
  });
});

describe('parseScenario problems', () => {
  it('reports an unknown key with its position, a suggestion and the accepted keys', () => {
    expect(problemsOf('workload:\n  requets: 10\n')).toEqual([
      'bad.yaml:2:3: workload.requets: unknown key "requets" (did you mean "requests"?); accepted: requests, duration, warmup, arrival, prompts, maxTokens, stream, model, system, systemTokens, temperature, sessions',
    ]);
  });

  it('reports an unknown top-level key', () => {
    expect(problemsOf('workload: { requests: 1 }\nstrategy: [direct]\n')).toEqual([
      'bad.yaml:2:1: strategy: unknown key "strategy" (did you mean "strategies"?); accepted: name, description, seed, mode, mock, target, cooldown, gateway, workload, strategies, baseline, validity, slo, objective, timeSeries, thresholds, prices, references',
    ]);
  });

  it('ignores top-level x- keys, which hold YAML anchors', () => {
    const scenario = parseScenario('x-base: &w { requests: 5 }\nworkload: *w\n', 'a.yaml');
    expect(scenario.workload.requests).toBe(5);
  });

  it('reports a wrong type with the value found', () => {
    expect(problemsOf('seed: forty-two\nworkload: { requests: 1, stream: yes }\n')).toEqual([
      'bad.yaml:1:7: seed: expected a number, got "forty-two"',
      'bad.yaml:2:34: workload.stream: expected true or false or a list, got "yes"',
    ]);
  });

  it('reports a negative rate and a concurrency of 0 at the list element', () => {
    expect(
      problemsOf(
        'workload:\n  requests: 1\n  arrival: { type: poisson, rate: -2/s }\nstrategies: [{ name: c, use: [{ concurrency: { max: [5, 0] } }] }]\n',
      ),
    ).toEqual([
      'bad.yaml:3:35: workload.arrival.rate: expected a positive rate such as 20/min, 2/s or 3000/h, or a positive number per second, got "-2/s"',
      'bad.yaml:4:57: strategies[0].use[0].concurrency.max[1]: expected a whole number ≥ 1, got 0',
    ]);
    expect(problemsOf('workload: { requests: 1, arrival: { concurrency: [5, 0] } }\n')).toEqual([
      'bad.yaml:1:54: workload.arrival.concurrency[1]: expected a whole number ≥ 1, got 0',
    ]);
  });

  it('reports a percentile above 100 in a threshold', () => {
    expect(problemsOf('workload: { requests: 1 }\nthresholds:\n  - p101 < 2s\n')).toEqual([
      'bad.yaml:3:5: thresholds[0]: percentile p101 is out of range: percentiles go from p0 to p100; reported: p50, p90, p95, p99, p99.9 (from 1000 successes) and max',
    ]);
  });

  it('reports an unknown preset strategy, policy and mock preset with suggestions', () => {
    expect(
      problemsOf(
        'mock: { preset: free-teir }\nworkload: { requests: 1 }\nstrategies:\n  - retyr\n  - { name: b, use: [batch, retri] }\n',
      ),
    ).toEqual([
      'bad.yaml:1:17: mock.preset: expected one of perfect, default, free-tier, model-latency, tier-1, tier-2, tier-3, tier-4, flaky, got "free-teir" (did you mean "free-tier"?)',
      'bad.yaml:4:5: strategies[0]: expected one of direct, retry, batched, cached, cached+batched, streaming, got "retyr" (did you mean "retry"?)',
      'bad.yaml:5:29: strategies[1].use[1]: expected one of retry, concurrency, rateLimit, timeout, circuitBreaker, batch, cache, promptCache, stream, connection, got "retri" (did you mean "retry"?)',
    ]);
  });

  it('reports an unknown policy option with the options the policy accepts', () => {
    expect(
      problemsOf('workload: { requests: 1 }\nstrategies: [{ name: b, use: [{ batch: { maxWiat: 1s } }] }]\n'),
    ).toEqual([
      'bad.yaml:2:42: strategies[0].use[0].batch.maxWiat: unknown key "maxWiat" (did you mean "maxWait"?); accepted: size, maxWait, delimiter, maxTokens, onSplitFailure',
    ]);
  });

  it('reports a module file that does not exist, resolved against the scenario folder', () => {
    expect(
      problemsOf(
        'workload: { requests: 1 }\nstrategies: [{ name: mine, module: ./nope.ts }]\n',
        'test/scenario/x.yaml',
      ),
    ).toEqual([
      `test/scenario/x.yaml:2:36: strategies[0].module: module file not found: ${resolve('test/scenario/nope.ts')} (module paths are relative to the scenario file's folder)`,
    ]);
  });

  it('reports a missing prompt file', () => {
    expect(
      problemsOf('workload: { requests: 1, prompts: { file: gone.jsonl } }\n', 'test/scenario/x.yaml'),
    ).toEqual([
      `test/scenario/x.yaml:1:43: workload.prompts.file: prompt file not found: ${resolve('test/scenario/gone.jsonl')} (relative paths start at the scenario's folder)`,
    ]);
  });

  it('reports each bad line of a prompt file at the YAML line of prompts.file, naming the prompt file and its line', () => {
    const jsonl = resolve('test/scenario/bad-prompts/prompts.jsonl');
    expect(
      problemsOf(
        'name: p\nworkload:\n  requests: 1\n  prompts:\n    file: prompts.jsonl\n',
        'test/scenario/bad-prompts/x.yaml',
      ),
    ).toEqual([
      `test/scenario/bad-prompts/x.yaml:5:11: workload.prompts.file: ${jsonl}:2: not valid JSON; expected {"prompt": "..."}`,
      `test/scenario/bad-prompts/x.yaml:5:11: workload.prompts.file: ${jsonl}:4: expected a non-empty string field "prompt"`,
      `test/scenario/bad-prompts/x.yaml:5:11: workload.prompts.file: ${jsonl}:5: "maxTokens" must be a whole number of at least 1, got 0`,
      `test/scenario/bad-prompts/x.yaml:5:11: workload.prompts.file: ${jsonl}:6: expected a JSON object such as {"prompt": "..."}`,
    ]);
    expect(
      problemsOf(
        'workload: { requests: 1, prompts: { file: empty.jsonl } }\n',
        'test/scenario/bad-prompts/x.yaml',
      ),
    ).toEqual([
      `test/scenario/bad-prompts/x.yaml:1:43: workload.prompts.file: ${resolve('test/scenario/bad-prompts/empty.jsonl')}: the prompt file holds no prompts`,
    ]);
  });

  it('hands an unset target.apiKeyEnv to onEnvironmentProblem at its line, and does not fail the file', () => {
    const text =
      'mode: realtime\ntarget:\n  baseUrl: https://gateway.example\n  apiKeyEnv: MY_KEY\nworkload: { requests: 1 }\n';
    const seen: string[] = [];
    const collect = { onEnvironmentProblem: (p: InputProblem) => seen.push(formatProblem(p)) };
    parseScenario(text, 'r.yaml', { env: {}, ...collect });
    parseScenario(text, 'r.yaml', { env: { MY_KEY: '' }, ...collect });
    parseScenario(text, 'r.yaml', { env: { MY_KEY: 'sk-1' }, ...collect });
    parseScenario(text.replace('  apiKeyEnv: MY_KEY\n', ''), 'r.yaml', { env: {}, ...collect });
    expect(seen).toEqual([
      'r.yaml:4:14: target.apiKeyEnv: the environment variable MY_KEY is not set: export it with your API key (bench run refuses to start without it)',
      'r.yaml:4:14: target.apiKeyEnv: the environment variable MY_KEY is empty: export it with your API key (bench run refuses to start without it)',
      'r.yaml:2:1: target.apiKeyEnv: the environment variable ANTHROPIC_API_KEY (the default apiKeyEnv) is not set: export it with your API key (bench run refuses to start without it)',
    ]);
  });

  it('reports YAML syntax errors at their position', () => {
    expect(problemsOf('workload:\n  requests: [1, 2\nseed: 1\n')).toEqual([
      'bad.yaml:3:1: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
    expect(problemsOf('seed: 1\nseed: 2\nworkload: { requests: 1 }\n')).toEqual([
      'bad.yaml:2:1: YAML syntax error: Map keys must be unique',
    ]);
  });

  it('reports an empty file and a file that is not a mapping', () => {
    expect(problemsOf('')).toEqual([
      'bad.yaml:1:1: the file is empty; a scenario needs at least workload: { requests: 100 }',
    ]);
    expect(problemsOf('- a\n- b\n')).toEqual([
      'bad.yaml:1:1: expected a mapping of scenario fields (name, workload, strategies, ...), got ["a","b"]',
    ]);
  });

  it('reports a realtime-only target in simulated mode, and a mock next to a target', () => {
    expect(problemsOf('target: { baseUrl: https://api.anthropic.com }\nworkload: { requests: 1 }\n')).toEqual(
      [
        'bad.yaml:1:1: target: target is for realtime mode: set mode: realtime to call a real endpoint, or remove target to run against the simulated mock',
      ],
    );
    expect(
      problemsOf(
        'mode: realtime\nmock: { preset: flaky }\ntarget: { baseUrl: https://api.anthropic.com }\nworkload: { requests: 1 }\n',
      ),
    ).toEqual([
      'bad.yaml:2:1: mock: mock is unused when target is set (requests go to target.baseUrl); remove one of them',
    ]);
  });

  it('accepts a realtime target and defaults its key variable', () => {
    const scenario = parseScenario(
      'mode: realtime\ntarget: { baseUrl: "https://api.anthropic.com" }\nworkload: { requests: 1 }\n',
      'a.yaml',
    );
    expect(scenario.target).toEqual({ baseUrl: 'https://api.anthropic.com', apiKeyEnv: 'ANTHROPIC_API_KEY' });
  });

  it('reports a duplicate strategy name where the second one is named', () => {
    expect(
      problemsOf('workload: { requests: 1 }\nstrategies:\n  - retry\n  - { name: retry, use: [retry] }\n'),
    ).toEqual([
      'bad.yaml:4:13: strategies[1].name: duplicate strategy name "retry" (strategies[0] has it too); give this one another name',
    ]);
  });

  it('requires exactly one of requests and duration', () => {
    expect(problemsOf('workload: { requests: 1, duration: 1m }\n')).toEqual([
      'bad.yaml:1:36: workload.duration: give either requests or duration, not both',
    ]);
    expect(problemsOf('workload: { maxTokens: 5 }\n')).toEqual([
      'bad.yaml:1:1: workload: required: requests (a number such as 2000) or duration (such as 10m)',
    ]);
    expect(problemsOf('name: x\n')).toEqual([
      'bad.yaml:1:1: workload: required: expected a mapping (key: value)',
    ]);
  });

  it('reports arrival fields that do not fit the arrival type', () => {
    expect(problemsOf('workload: { requests: 1, arrival: { type: closed, rate: 2/s } }\n')).toEqual([
      'bad.yaml:1:51: workload.arrival.rate: rate applies to open arrivals (type: poisson or constant); closed arrivals take concurrency and thinkTime',
    ]);
    expect(problemsOf('workload: { requests: 1, arrival: { type: constant, concurrency: 5 } }\n')).toEqual([
      'bad.yaml:1:26: workload.arrival.rate: required for constant arrivals: a rate such as 2/s or 120/min',
      'bad.yaml:1:53: workload.arrival.concurrency: concurrency applies to closed arrivals; constant arrivals take rate and maxConcurrency',
    ]);
  });

  it('reports a value repeated in a sweep', () => {
    expect(problemsOf('workload: { requests: 1, maxTokens: [256, 512, 256] }\n')).toEqual([
      'bad.yaml:1:48: workload.maxTokens[2]: 256 appears twice in the list; each value is one run',
    ]);
  });

  it('reports a model the mock does not serve', () => {
    expect(problemsOf('workload: { requests: 1, model: claude-sonet-4-6 }\n')[0]).toMatch(
      /^bad\.yaml:1:33: workload\.model: the mock does not serve model "claude-sonet-4-6" \(did you mean "claude-sonnet-4-6"\?\); it serves .*claude-sonnet-4-6/,
    );
  });

  it('reports unknown strategies named by thresholds, relative thresholds, the baseline and references', () => {
    expect(
      problemsOf(
        [
          'workload: { requests: 1, maxTokens: [256, 512] }',
          'strategies: [direct, { name: b, use: [{ batch: { size: [5, 10] } }] }]',
          'baseline: directt',
          'thresholds:',
          '  - "retry: p99 < 2s"',
          '  - p99 < 0.8 x drect',
          '  - p99 < 0.8 x b',
          'references:',
          '  - { strategy: direct, params: { maxTokens: 300, concurrency: 5 }, metric: latency.mean, value: 420 }',
        ].join('\n'),
      ),
    ).toEqual([
      'bad.yaml:3:11: baseline: unknown strategy "directt" (did you mean "direct"?); strategies: direct, b[size=5], b[size=10]',
      'bad.yaml:5:5: thresholds[0]: unknown strategy "retry"; strategies: direct, b[size=5], b[size=10]',
      'bad.yaml:6:5: thresholds[1]: unknown strategy "drect" (did you mean "direct"?); strategies: direct, b[size=5], b[size=10]',
      'bad.yaml:7:5: thresholds[2]: "b" has variants; name one of them: b[size=5], b[size=10]',
      'bad.yaml:9:46: references[0].params.maxTokens: 300 is not a value of the maxTokens sweep (256, 512)',
      'bad.yaml:9:51: references[0].params.concurrency: "concurrency" is not a swept parameter; swept: maxTokens',
    ]);
  });

  it('reports every problem of a file at once, in file order', () => {
    const problems = problemsOf(
      [
        'seed: -1',
        'workload:',
        '  requests: 0',
        '  arrival: { concurrency: 0 }',
        'strategies: [nope]',
        'thresholds: [p99 < fast]',
        'extra: 1',
      ].join('\n'),
    );
    expect(problems.map((p) => p.split(': ')[0])).toEqual([
      'bad.yaml:1:7',
      'bad.yaml:3:13',
      'bad.yaml:4:27',
      'bad.yaml:5:14',
      'bad.yaml:7:1',
    ]);
  });
});
