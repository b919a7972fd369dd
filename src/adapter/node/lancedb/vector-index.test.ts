import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isRemitError } from '../../../core/errors.js';
import { change, makeDoc, seededRandom } from '../../../../test/support/store-docs.js';
import { searchChunks } from '../../../core/store/index-store.js';
import { LOCK_FILE } from './commit-lock.js';
import { openLanceStore } from './lancedb.js';
import { readState } from './state-file.js';
import { CHUNKS_TABLE } from './tables.js';
import { type VectorIndexEvent, vectorIndexPolicy } from './vector-index.js';

const DIM = 16;
const random = seededRandom(7);
/** `count` documents of 10 one-sentence chunks each. */
const docs = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, d) =>
    makeDoc(`${prefix}${d}`, Array.from({ length: 10 }, (_, c) => `Passage ${c} of ${prefix}${d} about fines and notices.`), { dimensions: DIM, random }),
  );

/** The vector indices of the chunks table at the version state.json names (what readers see). */
async function committedVectorIndices(dir: string): Promise<string[]> {
  const state = await readState(dir);
  const db = await connect(dir);
  const table = await db.openTable(CHUNKS_TABLE);
  await table.checkout(state!.versions.chunks);
  const names = (await table.listIndices()).filter((index) => index.columns.includes('vector')).map((index) => index.name);
  table.close();
  db.close();
  return names;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-vector-index-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vector index policy', () => {
  it('builds the index in the commit that takes the table past the threshold, and search keeps working', async () => {
    const events: VectorIndexEvent[] = [];
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 50, retrainGrowth: 100 }, onVectorIndex: (e) => events.push(e) });
    try {
      const first = docs('a', 3);
      await store.commit(change(DIM, first));
      expect(await committedVectorIndices(dir)).toEqual([]);
      expect(events).toEqual([]);

      await store.commit(change(DIM, docs('b', 3)));
      expect(events).toMatchObject([{ action: 'built', rows: 60 }]);
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_60']);

      // A stored vector finds its own chunk through the index.
      const probe = first[1]!.chunks[4]!;
      const [top] = await searchChunks(store, { vector: probe.vector }, 5);
      expect(top?.chunk.id).toBe(probe.id);
      expect(top?.score).toBeCloseTo(1, 2);

      // Below the growth factor the next commit folds rows into the existing index instead of retraining.
      await store.commit(change(DIM, docs('c', 1)));
      expect(events).toHaveLength(1);
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_60']);
    } finally {
      await store.close();
    }
  });

  it('leaves nothing after the commit that builds a multi-graph index (no pruning pass re-optimizing it)', async () => {
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 50, rowsPerPartition: 20 } });
    try {
      await store.commit(change(DIM, docs('a', 6)));
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_60']);
      const db = await connect(dir);
      const table = await db.openTable(CHUNKS_TABLE);
      const latest = await table.version();
      table.close();
      db.close();
      // Pruning with nothing old enough to drop would run optimize(), which rebuilds a fresh multi-graph index and
      // writes a version past the committed one (about 30 s of work at 100k rows).
      expect(latest).toBe((await readState(dir))!.versions.chunks);
    } finally {
      await store.close();
    }
  });

  it('retrains once the table has grown by the growth factor', async () => {
    const events: VectorIndexEvent[] = [];
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 20, retrainGrowth: 2 }, onVectorIndex: (e) => events.push(e) });
    try {
      await store.commit(change(DIM, docs('a', 2)));
      await store.commit(change(DIM, docs('b', 2)));
      expect(events.map((e) => [e.action, e.rows])).toEqual([
        ['built', 20],
        ['retrained', 40],
      ]);
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_40']);
    } finally {
      await store.close();
    }
  });

  it('warms an indexed table (its vector and text indices) and a small one without changing what searches find', async () => {
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 20 } });
    const added = docs('a', 4);
    await store.commit(change(DIM, added));
    await store.close();
    const probe = added[1]!.chunks[3]!;
    // minRows 20: the 40 rows are indexed; minRows 1000: the same table is small and held in memory.
    for (const minRows of [20, 1000]) {
      const cold = await openLanceStore({ dir, readOnly: true, vectorIndex: { minRows } });
      const warmed = await openLanceStore({ dir, readOnly: true, vectorIndex: { minRows } });
      try {
        await warmed.warm();
        const ids = async (s: typeof cold) => [
          (await searchChunks(s, { vector: probe.vector }, 5)).map((hit) => hit.chunk.id),
          (await searchChunks(s, { text: 'Passage 3 of a1 fines' }, 5)).map((hit) => hit.chunk.id),
        ];
        const [vector, text] = await ids(warmed);
        expect(vector![0]).toBe(probe.id);
        expect(text![0]).toBe(probe.id);
        expect([vector, text]).toEqual(await ids(cold));
      } finally {
        await Promise.all([cold.close(), warmed.close()]);
      }
    }
  });

  it('exact search bypasses the index and agrees with it on the nearest chunk', async () => {
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 20 } });
    const added = docs('a', 4);
    await store.commit(change(DIM, added));
    await store.close();
    const exact = await openLanceStore({ dir, readOnly: true, vectorIndex: { minRows: 20, search: 'exact' } });
    try {
      const probe = added[2]!.chunks[7]!;
      expect((await searchChunks(exact, { vector: probe.vector }, 3))[0]?.chunk.id).toBe(probe.id);
    } finally {
      await exact.close();
    }
  });

  it('in the background: commits the rows first (searched exactly), then builds the index and commits it', async () => {
    const events: VectorIndexEvent[] = [];
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 50, build: 'background' }, onVectorIndex: (e) => events.push(e) });
    try {
      const added = docs('a', 6);
      await store.commit(change(DIM, added));
      // Committed without the index: searchable at once, by exact search, and the status says a build is under way.
      expect(await committedVectorIndices(dir)).toEqual([]);
      expect(await store.vectorSearch()).toMatchObject({ mode: 'exact', building: { rows: 60 } });
      const probe = added[3]!.chunks[2]!;
      expect((await searchChunks(store, { vector: probe.vector }, 1))[0]?.chunk.id).toBe(probe.id);

      await store.indexed();
      expect(events).toMatchObject([{ action: 'built', rows: 60 }]);
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_60']);
      expect(await store.vectorSearch()).toEqual({ mode: 'indexed' });
      expect((await searchChunks(store, { vector: probe.vector }, 1))[0]?.chunk.id).toBe(probe.id);
    } finally {
      await store.close();
    }
  });

  it('in the background: a retrain leaves the previous index serving until the new one is committed', async () => {
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 20, retrainGrowth: 2, build: 'background' } });
    try {
      await store.commit(change(DIM, docs('a', 2)));
      await store.indexed();
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_20']);
      await store.commit(change(DIM, docs('b', 2)));
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_20']);
      expect(await store.vectorSearch()).toMatchObject({ mode: 'indexed', building: { rows: 40 } });
      await store.indexed();
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_40']);
    } finally {
      await store.close();
    }
  });

  it('in the background: a build that cannot run says why, keeps the committed rows, and the next commit builds it', async () => {
    const warnings: string[] = [];
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 50, build: 'background' }, warn: (line) => warnings.push(line) });
    try {
      // Another live process (this one's parent) takes the commit lock as soon as the rows are committed: written
      // synchronously in the commit's own continuation, so before the queued build can try to take it.
      await store.commit(change(DIM, docs('a', 6))).then(() => writeFileSync(join(dir, LOCK_FILE), String(process.ppid)));
      await store.indexed();
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/could not be built .*pid/);
      expect(await committedVectorIndices(dir)).toEqual([]);
      expect(await store.vectorSearch()).toEqual({ mode: 'exact' });
      expect((await store.info())?.chunks).toBe(60);

      await rm(join(dir, LOCK_FILE));
      await store.commit(change(DIM, docs('b', 1)));
      await store.indexed();
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_70']);
    } finally {
      await store.close();
    }
  });

  it('in the background: builds, when asked, the index a committed table lacks (a build stopped after its commit)', async () => {
    const small = await openLanceStore({ dir, vectorIndex: { minRows: 1000 } });
    await small.commit(change(DIM, docs('a', 6)));
    await small.close();
    const store = await openLanceStore({ dir, vectorIndex: { minRows: 50, build: 'background' } });
    try {
      expect(await store.vectorSearch()).toEqual({ mode: 'exact' });
      await store.buildMissingVectorIndex();
      expect(await store.vectorSearch()).toMatchObject({ mode: 'exact', building: { rows: 60 } });
      await store.indexed();
      expect(await committedVectorIndices(dir)).toEqual(['vector_hnsw_sq_60']);
      // Nothing more to build.
      await store.buildMissingVectorIndex();
      expect(await store.vectorSearch()).toEqual({ mode: 'indexed' });
    } finally {
      await store.close();
    }
  });

  it('rejects an invalid policy with a typed error', () => {
    try {
      vectorIndexPolicy({ minRows: 0 });
      expect.unreachable();
    } catch (error) {
      expect(isRemitError(error) && error.code).toBe('bad_input');
    }
  });
});
