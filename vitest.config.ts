import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'evals/**/*.test.ts', 'bench/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // LanceDB and model loading are CPU-heavy; two cores do better with few workers.
    maxWorkers: 2,
    // Tests never reach the Hugging Face hub: the hub paths are tested against local stand-ins (test/support/hub-stand-in.ts).
    env: { LANCEDB_LOG: 'error', REMIT_ALLOW_REMOTE_MODELS: '0' },
    globalSetup: ['./test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
