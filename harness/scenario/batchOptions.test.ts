import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from './parseScenario.ts';

describe('batch options in a scenario', () => {
  it('accept how the merged max_tokens is chosen and what a broken split does', () => {
    const s = parseScenario(
      'workload: { requests: 5 }\nstrategies:\n  - { name: b, use: [ { batch: { size: 4, maxTokens: max, onSplitFailure: fail } } ] }\n',
      path.resolve('inline.yaml'),
    );
    expect(s.strategies[0]).toEqual({
      kind: 'policies',
      name: 'b',
      policies: [
        {
          type: 'batch',
          options: {
            size: 4,
            maxWaitMs: 200,
            delimiter: '\n---\n',
            maxTokens: 'max',
            onSplitFailure: 'fail',
          },
        },
      ],
    });
  });
});
