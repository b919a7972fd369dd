import { describe, expect, it } from 'vitest';
import { ensureLanceThreads, MIN_LANCE_CPU_THREADS } from './lance-threads.js';

describe('ensureLanceThreads', () => {
  it('gives LanceDB at least 4 compute threads (2 deadlock its full-text index builder past ~50k rows)', () => {
    const env: NodeJS.ProcessEnv = {};
    ensureLanceThreads(env);
    expect(Number(env.LANCE_CPU_THREADS)).toBeGreaterThanOrEqual(MIN_LANCE_CPU_THREADS);
  });

  it("keeps the operator's setting", () => {
    const env: NodeJS.ProcessEnv = { LANCE_CPU_THREADS: '8' };
    ensureLanceThreads(env);
    expect(env.LANCE_CPU_THREADS).toBe('8');
  });

  it('is set for this process once a store module is loaded and opened', async () => {
    const { openLanceStore } = await import('./lancedb.js');
    await openLanceStore({ dir: '/nonexistent-remit-dir', readOnly: true }).catch(() => {});
    expect(Number(process.env.LANCE_CPU_THREADS)).toBeGreaterThanOrEqual(MIN_LANCE_CPU_THREADS);
  });
});
