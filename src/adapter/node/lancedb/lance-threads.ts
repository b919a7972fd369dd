// LanceDB 0.31's full-text index builder deadlocks (every thread asleep, forever) once a table passes ~50k rows
// when its compute pool has only 2 threads, which is the default on a 2-core machine. Measured: 60k rows hangs with
// 2 threads and builds in ~1.5 s with 3 or 4. The pool reads LANCE_CPU_THREADS when it starts, on first use.
import { availableParallelism } from 'node:os';

export const MIN_LANCE_CPU_THREADS = 4;

/** Raises LanceDB's compute pool to at least 4 threads unless the operator chose a size; call before any LanceDB use. */
export function ensureLanceThreads(env: NodeJS.ProcessEnv = process.env): void {
  if (env.LANCE_CPU_THREADS) return;
  env.LANCE_CPU_THREADS = String(Math.max(MIN_LANCE_CPU_THREADS, availableParallelism()));
}
