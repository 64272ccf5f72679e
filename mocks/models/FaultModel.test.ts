import { describe, expect, it } from 'vitest';
import { Random } from '../../base/random/Random.ts';
import { faultsSchema } from '../config/MockConfig.ts';
import { FaultModel } from './FaultModel.ts';

function faults(config: Record<string, unknown>, seed = 1): FaultModel {
  return new FaultModel(faultsSchema.parse(config), new Random(seed));
}

describe('FaultModel', () => {
  it('injects nothing by default', () => {
    const m = faults({});
    expect([m.requestFault(), m.streamFault(), m.outage(0)]).toEqual([undefined, undefined, undefined]);
  });

  it('draws each error status independently at its own rate', () => {
    const m = faults({ error429: 0.1, error500: 0.1 });
    const counts: Record<string, number> = {};
    for (let i = 0; i < 2000; i++) {
      const status = String(m.requestFault() ?? 'none');
      counts[status] = (counts[status] ?? 0) + 1;
    }
    expect(Object.keys(counts).sort()).toEqual(['429', '500', 'none']);
    // P(429) = 0.1; P(500) = 0.9 × 0.1.
    expect(counts['429']).toBeGreaterThan(150);
    expect(counts['429']).toBeLessThan(250);
    expect(counts['500']).toBeGreaterThan(130);
    expect(counts['500']).toBeLessThan(230);
  });

  it('picks a stream fault kind and a position between the first token and the end', () => {
    const m = faults({ streamStall: 1 });
    const fault = m.streamFault();
    expect(fault?.kind).toBe('stall');
    expect(fault?.position).toBeGreaterThanOrEqual(0);
    expect(fault?.position).toBeLessThan(1);
  });

  it('covers [fromMs, toMs) with an outage, 429s carrying the seconds left', () => {
    const m = faults({ outages: [{ fromMs: '10s', toMs: '20s', status: 429 }] });
    expect([m.outage(9999), m.outage(10_000), m.outage(19_999), m.outage(20_000)]).toEqual([
      undefined,
      { status: 429, retryAfterSec: 10, retryAfterMs: 10_000 },
      { status: 429, retryAfterSec: 1, retryAfterMs: 1 },
      undefined,
    ]);
  });
});
