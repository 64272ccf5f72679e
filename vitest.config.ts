import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'base/**/*.test.ts',
      'harness/**/*.test.ts',
      'mocks/**/*.test.ts',
      'reports/**/*.test.ts',
      'scenarios/**/*.test.ts',
      'test/**/*.test.ts',
      'scripts/**/*.test.ts',
      'examples/**/*.test.ts',
    ],
    // Tests run on the virtual clock; a real-clock test that needs more than this is a defect.
    testTimeout: 20_000,
    pool: 'forks',
  },
});
