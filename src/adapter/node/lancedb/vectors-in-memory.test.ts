import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { afterEach, describe, expect, it } from 'vitest';
import { change, makeDoc, randomUnitVector, seededRandom } from '../../../../test/support/store-docs.js';
import { openLanceStore } from './lancedb.js';
import { CHUNKS_TABLE } from './tables.js';
import { nearestByCosine, readVectorsInMemory } from './vectors-in-memory.js';

const DIM = 24;
const random = seededRandom(11);
const docs = Array.from({ length: 30 }, (_, d) =>
  makeDoc(`d${d}`, Array.from({ length: 10 }, (_, c) => `Passage ${c} of document ${d}.`), { dimensions: DIM, random }),
);
// Not unit length, as a model's vectors may not be: cosine must divide by both norms. One is all zeros.
for (const [i, chunk] of docs.flatMap((d) => d.chunks).entries()) chunk.vector = chunk.vector.map((x) => x * (1 + (i % 7)));
docs[0]!.chunks[0]!.vector = new Float32Array(DIM);

let dir: string;
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('vectors in memory', () => {
  it('ranks as LanceDB flat cosine search does, with the same similarities', async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-memory-vectors-'));
    const store = await openLanceStore({ dir });
    await store.commit(change(DIM, docs));
    await store.close();
    const db = await connect(dir);
    const table = await db.openTable(CHUNKS_TABLE);
    try {
      const memory = await readVectorsInMemory(table, DIM);
      expect(memory.rowIds).toHaveLength(300);
      for (let q = 0; q < 20; q++) {
        const query = randomUnitVector(DIM, random).map((x) => x * 3);
        const flat = await table.vectorSearch(query).distanceType('cosine').bypassVectorIndex().select(['_distance']).withRowId().limit(10).toArray();
        const mine = nearestByCosine(memory, query, 10);
        expect(mine.map((m) => memory.rowIds[m.row])).toEqual(flat.map((row) => BigInt(row._rowid)));
        mine.forEach((m, i) => expect(m.similarity).toBeCloseTo(1 - Number(flat[i]!._distance), 5));
      }
      expect(nearestByCosine(memory, new Float32Array(DIM), 5)).toEqual([]);
    } finally {
      table.close();
      db.close();
    }
  });

  it('serves a small index store, which still finds a chunk by its own vector', async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-memory-vectors-'));
    const store = await openLanceStore({ dir });
    try {
      await store.commit(change(DIM, docs.slice(1, 4)));
      const probe = docs[2]!.chunks[3]!;
      const [best] = await store.searchVector(probe.vector, 1);
      expect(best!.score).toBeCloseTo(1, 5);
      expect((await store.readChunks([best!.ref])).get(best!.ref)?.id).toBe(probe.id);
      // The copy follows commits: a new document's chunk is found at once.
      await store.commit(change(DIM, docs.slice(4, 5)));
      const added = docs[4]!.chunks[0]!;
      const [found] = await store.searchVector(added.vector, 1);
      expect((await store.readChunks([found!.ref])).get(found!.ref)?.id).toBe(added.id);
    } finally {
      await store.close();
    }
  });
});
