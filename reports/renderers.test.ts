import { describe, expect, it } from 'vitest';
import { loadFixture } from '../test/fixtures/results/loadFixture.ts';
import { RENDERER_NAMES } from './Renderer.ts';
import { render, renderers } from './renderers.ts';

describe('renderers', () => {
  const results = loadFixture('realtime.json');

  it('has one renderer per format name and each returns text ending in a newline', () => {
    expect(Object.keys(renderers).sort()).toEqual([...RENDERER_NAMES].sort());
    for (const name of RENDERER_NAMES) expect(render(name, results).endsWith('\n')).toBe(true);
  });

  it('refuses an unknown format with the list of formats', () => {
    expect(() => render('pdf' as 'json', results)).toThrow(
      '--format: unknown format "pdf"; formats: table, markdown, json, html',
    );
  });

  it('renders json that parses back to the same results, NaN as null', () => {
    expect(JSON.parse(render('json', results))).toEqual(results);
    const withNaN = { ...results, thresholds: [{ ...results.thresholds[0], measured: Number.NaN }] };
    expect(render('json', withNaN as typeof results)).toContain('"measured": null');
  });
});
