import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test/fixtures/results/loadFixture.ts';
import { formatRate } from './format.ts';
import { resolvedScenario } from './model/resolvedScenario.ts';
import { renderMarkdown } from './renderMarkdown.ts';

/** The cells of the markdown table row starting with `label`, in the section under `heading`. */
function mdRow(text: string, heading: string, label: string): string[] {
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  const row = lines.slice(start + 1).find((line) => line.startsWith(`| ${label} `) || line.startsWith('#'));
  if (start < 0 || row === undefined || row.startsWith('#'))
    throw new Error(`no row ${label} under ${heading}`);
  return row.split(' | ').map((cell) => cell.replace(/^\| |\s*\|$/g, '').trim());
}

describe('renderMarkdown', () => {
  const results = loadFixture('simulated.json');
  const md = renderMarkdown(results);

  it('matches the reviewed report (file snapshot)', async () => {
    await expect(md).toMatchFileSnapshot('./__snapshots__/simulated.report.md');
  });

  it('describes the scenario in one paragraph: mode, seed, mock, workload, strategies', () => {
    const paragraph = md.split('\n').find((l) => l.startsWith('**Scenario.**')) ?? '';
    expect(paragraph).toContain(
      'simulated mode (virtual clock: the same seed gives the same numbers), seed 42',
    );
    expect(paragraph).toContain('Mock: preset `default`');
    expect(paragraph).toContain('limits 600 requests/min; faults 2.00% 529, 1.00% 500');
    expect(paragraph).toContain('closed loop with 5 clients (no think time)');
    expect(paragraph).toContain('max_tokens 256 / 1024');
    expect(paragraph).toContain(
      'Strategies: direct (baseline), retry, batched, cached+batched; 2 matrix cells, 8 runs.',
    );
  });

  it('writes durations and rates in the scenario paragraph for people: 20 min, not 1200000 ms', () => {
    const long = loadFixture('simulated.json');
    const resolved = resolvedScenario(long);
    if (resolved.workload === undefined) throw new Error('fixture without a workload');
    long.scenario.resolved = {
      ...resolved,
      workload: {
        ...resolved.workload,
        requests: undefined,
        durationMs: 1_200_000,
        warmupMs: 1500,
        arrival: { type: 'closed', concurrency: [5], thinkTimeMs: [10_000, 2500] },
      },
    };
    const paragraph =
      renderMarkdown(long)
        .split('\n')
        .find((l) => l.startsWith('**Scenario.**')) ?? '';
    expect(paragraph).toContain('Workload: 20 min per run after 10 warm-up requests and 1.5 s warm-up');
    expect(paragraph).toContain('closed loop with 5 clients (think time 10 s / 2.5 s)');
  });

  it('shows each figure with its ratio to the baseline in the per-cell table', () => {
    expect(mdRow(md, '### Cell `maxTokens=256`', 'batched')).toEqual([
      'batched',
      '704 (1.64×)',
      '660 (1.66×)',
      '1482 (1.59×)',
      '657 (1.40×)',
      '1.50%',
      '4',
      '0.00%',
      '$0.8536 (1.03×)',
    ]);
    // direct fails 6% of its requests: its latency is over survivors only, and says so.
    expect(mdRow(md, '### Cell `maxTokens=1024`', 'direct (baseline)').slice(1, 4)).toEqual([
      '1229 †',
      '1070 †',
      '3565 †',
    ]);
    expect(md).toContain('† percentiles over survivors only (error rate above 5%): failures left out.');
  });

  it('adds goodput per minute after req/min and states the SLO when the scenario sets one', () => {
    const withSlo = loadFixture('simulated.json');
    withSlo.scenario.resolved = { ...resolvedScenario(withSlo), slo: { latencyMs: 2000, ttftMs: 500 } };
    for (const run of withSlo.runs) {
      const good = run.metrics.requests.ok - 10;
      const perSec = (good * 1000) / run.metrics.windowMs;
      run.metrics.goodput = {
        requests: good,
        ratio: good / run.metrics.requests.total,
        requestsPerSec: perSec,
        requestsPerMin: perSec * 60,
      };
    }
    const out = renderMarkdown(withSlo);
    expect(out).toContain(
      'SLO (goodput counts successful requests within it): latency ≤ 2 s and TTFT ≤ 500 ms.',
    );
    const lines = out.split('\n');
    const header = lines[lines.indexOf('### Cell `maxTokens=256`') + 2] ?? '';
    expect(
      header
        .split('|')
        .map((c) => c.trim())
        .slice(4, 7),
    ).toEqual(['p99 (ms)', 'req/min', 'goodput/min']);
    const direct = withSlo.runs[0]!;
    expect(mdRow(out, '### Cell `maxTokens=256`', 'direct (baseline)')[5]).toBe(
      formatRate(direct.metrics.goodput!.requestsPerMin),
    );
  });

  it('tabulates each strategy across the swept parameter', () => {
    expect(mdRow(md, '### `cached+batched` across cells', '1024')).toEqual([
      '1024',
      '1212',
      '1387',
      '4078',
      '355',
      '0.50%',
    ]);
  });

  it('draws p99 bars per cell (strategies on the x axis) and a coloured throughput line per strategy with a legend', () => {
    expect(md).toContain(
      '  title "p99 latency (ms), maxTokens=256"\n  x-axis ["direct", "retry", "batched", "cached+batched"]\n  y-axis "p99 (ms)" 0 --> 2500\n  bar [933, 2114.9, 1481.7, 1255.5]',
    );
    expect(md).toContain('"plotColorPalette": "#0072B2, #E69F00, #009E73, #D55E00');
    expect(md).toContain(
      'Lines: direct (blue), retry (orange), batched (green), cached+batched (vermillion).',
    );
    expect(md).toContain('  x-axis "maxTokens" [256, 1024]');
    expect(md).toContain('  line [995, 355.4]');
    expect(md.match(/```mermaid\n(%%.*%%\n)?xychart-beta/g)).toHaveLength(3);
  });

  it('lists thresholds with measured values and a failure count', () => {
    expect(md).toContain('**4 of 14 threshold checks failed.**');
    expect(mdRow(md, '## Thresholds', '`errorRate < 2%`')).toEqual([
      '`errorRate < 2%`',
      'direct',
      'maxTokens=256',
      '6.00%',
      '2.00%',
      '**FAIL**',
    ]);
  });

  it('sets published figures next to the measured ones with the difference in percent', () => {
    expect(mdRow(md, '## Published vs measured', 'seed 002 | direct         | maxTokens=1024')).toEqual([
      'seed 002',
      'direct',
      'maxTokens=1024',
      'latencyMs.mean',
      '1200 ms',
      '1229 ms',
      '+2.39%',
    ]);
  });

  it('ends with metric definitions and the environment', () => {
    expect(md).toContain('- error rate: failed logical requests / all logical requests (warm-up excluded).');
    expect(md).toContain('claude-bench 0.1.0 · Node v20.19.0 · linux x64');
  });

  it('leaves out the machine, Node version and dates with environment: false, keeping the scenario file', () => {
    const portable = renderMarkdown(results, { environment: false });
    expect(portable).not.toContain('## Environment');
    expect(portable).not.toContain('Node v20.19.0');
    expect(portable).not.toContain('2026-01-10');
    expect(portable.endsWith('\n\nScenario file: `/home/dev/app/scenarios/seed-000-strategies.yaml`\n')).toBe(
      true,
    );
    const end = md.indexOf('## Environment');
    expect(portable.slice(0, end)).toBe(md.slice(0, end));
  });

  it('flags invalid runs and partial results at the top and in their cell', () => {
    const broken = loadFixture('simulated.json');
    broken.partial = true;
    broken.runs[0]!.valid = false;
    broken.runs[0]!.invalidReasons = ['achieved 3.9/s of the 5/s target'];
    const out = renderMarkdown(broken, { charts: false });
    expect(out).toContain('> **Partial results:**');
    expect(out).toContain('> **1 invalid measurement:** `direct` in `maxTokens=256` (reasons below).');
    expect(out).toContain('> **Invalid measurement:** `direct`: achieved 3.9/s of the 5/s target.');
    expect(out).not.toContain('```mermaid');
  });

  it('describes a realtime run by its target and leaves out single-cell sections', () => {
    const out = renderMarkdown(loadFixture('realtime.json'));
    expect(out).toContain('Run in realtime mode (wall clock) against https://api.anthropic.com, seed 7.');
    expect(out).not.toContain('Mock:');
    expect(out).not.toContain('## Strategies across cells');
    expect(out).not.toContain('throughput (req/min) by');
  });
});

describe('renderMarkdown of a realtime run', () => {
  it('lists the load generator’s start lag and offered vs drawn rate under the cell', () => {
    const results = loadFixture('realtime.json');
    const [direct] = results.runs;
    if (direct === undefined) throw new Error('fixture has a run');
    direct.metrics.schedule = {
      loop: 'open',
      targetRatePerSec: 40,
      drawnRatePerSec: 41.43,
      achievedRatePerSec: 41.41,
      dispatchLagMs: {
        count: 400,
        mean: 0.4,
        stddev: 1,
        min: 0,
        p50: 0.12,
        p90: 0.9,
        p95: 1.5,
        p99: 2.81,
        max: 6.42,
      },
      lateStarts: 12,
    };
    expect(renderMarkdown(results)).toContain(
      'Load generator (valid: lag p99 ≤ 10.0 ms, offered within 2.00% of drawn; see docs/realtime.md):\n\n- `direct`: start lag p50 0.1 / p99 2.8 / max 6.4 ms; offered 41.4/s, drawn 41.4/s\n',
    );
  });
});
