import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'evals/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LanceDB and model loading are CPU-heavy; two cores do better with few workers.
    maxWorkers: 2,
    env: { LANCEDB_LOG: 'error' },
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
