// A stand-in serving thread for serve-thread.test.ts: below a 100 MB old generation limit it fills its heap with small
// arrays until V8 stops it (ERR_WORKER_OUT_OF_MEMORY); at or above it, it exits with code 7.
import { resourceLimits } from 'node:worker_threads';

if ((resourceLimits.maxOldGenerationSizeMb ?? Infinity) < 100) {
  const kept = [];
  for (;;) kept.push(Array.from({ length: 1000 }, (_, i) => ({ i })));
}
process.exitCode = 7;
