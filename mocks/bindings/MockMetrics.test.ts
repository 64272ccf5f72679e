import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../base/clock/VirtualClock.ts';
import { Random } from '../../base/random/Random.ts';
import { resolveMockConfig } from '../config/presets.ts';
import { createMockServer } from '../core/createMockServer.ts';
import { MockMetrics } from './MockMetrics.ts';

function metrics(): MockMetrics {
  const server = createMockServer({
    config: resolveMockConfig('perfect'),
    clock: new VirtualClock(),
    random: new Random(1),
  });
  return new MockMetrics(server);
}

describe('MockMetrics', () => {
  it('counts interleaved responses in their own series', async () => {
    const m = metrics();
    const finished: [string, number, string, number][] = [
      ['/v1/messages', 200, 'none', 3],
      ['/v1/messages', 200, 'none', 700],
      ['/v1/messages', 429, 'rate_limit_error', 1],
      ['/v1/messages', 200, 'none', 40],
      ['/v1/models/claude-x', 404, 'not_found_error', 2],
      ['/v1/messages', 429, 'rate_limit_error', 1],
    ];
    for (const [path, status, type, ms] of finished) {
      m.responseStarted();
      m.responseFinished(path, status, type, ms);
    }
    const text = await m.render();
    expect(text).toContain('api_responses_total{status="200",error_type="none"} 3');
    expect(text).toContain('api_responses_total{status="429",error_type="rate_limit_error"} 2');
    expect(text).toContain('api_responses_total{status="404",error_type="not_found_error"} 1');
    expect(text).toContain('api_request_duration_seconds_count{route="/v1/messages",status="200"} 3');
    expect(text).toContain('api_request_duration_seconds_sum{route="/v1/messages",status="200"} 0.743');
    expect(text).toContain(
      'api_request_duration_seconds_bucket{le="0.05",route="/v1/messages",status="200"} 2',
    );
    expect(text).toContain('api_request_duration_seconds_count{route="/v1/messages",status="429"} 2');
    expect(text).toContain('api_request_duration_seconds_count{route="/v1/models/{id}",status="404"} 1');
    expect(text).toContain('api_in_flight_requests 0');
  });

  it('keeps counting after the registry is reset', async () => {
    const m = metrics();
    m.responseStarted();
    m.responseFinished('/v1/messages', 200, 'none', 5);
    m.registry.resetMetrics();
    m.responseStarted();
    m.responseFinished('/v1/messages', 200, 'none', 5);
    expect(await m.render()).toContain(
      'api_request_duration_seconds_count{route="/v1/messages",status="200"} 1',
    );
  });
});
