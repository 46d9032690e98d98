import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 20000,
    pool: 'forks',
    // The lint scratch store deep-freezes the objects it shares, so a stray write fails a test.
    env: { SVCCTL_CHECK_SHARED: '1', SVCCTL_CHECK_SKIPS: '1' },
  },
});
