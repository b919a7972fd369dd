import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { type FusedCandidate, fuseByReciprocalRank, HybridRetriever, readTop } from '../src/core/retrieve.js';
import type { Document } from '../src/core/schema.js';
import type { StoredChunk } from '../src/core/store/index-store.js';
import { overridingStore } from './support/overriding-store.js';
import { change, makeDoc, seededRandom } from './support/store-docs.js';

/** Chunks by ref, recording every ref read: readTop's only dependency. */
function chunkReader(chunks: Record<string, { id: string; dupGroup?: string }>) {
  const reads: string[][] = [];
  const readChunks = async (refs: readonly string[]) => {
    reads.push([...refs]);
    const found = new Map<string, StoredChunk>();
    for (const ref of refs) {
      const chunk = chunks[ref];
      if (chunk) found.set(ref, { docId: 'doc', index: 0, start: 0, end: 1, text: 'x', dupGroup: chunk.id, ...chunk });
    }
    return found;
  };
  return { readChunks, reads };
}

const ranked = (scores: [ref: string, score: number][]): FusedCandidate[] => scores.map(([ref, score]) => ({ ref, score }));

describe('fuseByReciprocalRank', () => {
  it('adds 1/(60 + rank) from each list and keeps both ranks', () => {
    const fused = fuseByReciprocalRank(
      [
        { ref: 'a', score: 0.9 },
        { ref: 'b', score: 0.8 },
      ],
      [
        { ref: 'b', score: 12 },
        { ref: 'c', score: 3 },
      ],
    );
    expect(fused.map((f) => f.ref)).toEqual(['b', 'a', 'c']);
    expect(fused[0]).toEqual({ ref: 'b', score: 1 / 62 + 1 / 61, vectorRank: 2, textRank: 1 });
    expect(fused.slice(1).map((f) => f.score)).toEqual([1 / 61, 1 / 62]);
  });
});

describe('readTop', () => {
  it('reads only the chunks it keeps, plus two', async () => {
    const refs = Array.from({ length: 40 }, (_, i) => `r${String(i).padStart(2, '0')}`);
    const store = chunkReader(Object.fromEntries(refs.map((ref) => [ref, { id: `chunk-${ref}` }])));
    const top = await readTop(ranked(refs.map((ref, i) => [ref, 1 - i / 100])), 3, store);
    expect(top.map((f) => f.chunk.id)).toEqual(['chunk-r00', 'chunk-r01', 'chunk-r02']);
    expect(store.reads).toEqual([['r00', 'r01', 'r02', 'r03', 'r04']]);
  });

  it('keeps the best of each near-duplicate group, reading on when copies fill the window', async () => {
    const store = chunkReader({
      a: { id: 'a', dupGroup: 'g' },
      b: { id: 'b', dupGroup: 'g' },
      c: { id: 'c', dupGroup: 'g' },
      d: { id: 'd', dupGroup: 'g' },
      e: { id: 'e' },
      f: { id: 'f' },
    });
    const top = await readTop(ranked([['a', 6], ['b', 5], ['c', 4], ['d', 3], ['e', 2], ['f', 1]]), 2, store);
    expect(top.map((f) => f.chunk.id)).toEqual(['a', 'e']);
    expect(store.reads).toEqual([['a', 'b', 'c', 'd'], ['e', 'f']]);
  });

  it('orders equal scores by chunk id, reading the whole run of a tie at the window edge', async () => {
    // Refs sort one way, chunk ids the other: ties must come out by chunk id, as on every store.
    const store = chunkReader({ r1: { id: 'z' }, r2: { id: 'y' }, r3: { id: 'x' }, r4: { id: 'w' }, r5: { id: 'v' } });
    const top = await readTop(ranked([['r1', 2], ['r2', 1], ['r3', 1], ['r4', 1], ['r5', 1]]), 2, store);
    expect(top.map((f) => f.chunk.id)).toEqual(['z', 'v']);
    expect(store.reads).toEqual([['r1', 'r2', 'r3', 'r4', 'r5']]);
  });

  it('skips a ref whose chunk has gone', async () => {
    const store = chunkReader({ a: { id: 'a' }, c: { id: 'c' } });
    expect((await readTop(ranked([['a', 3], ['gone', 2], ['c', 1]]), 2, store)).map((f) => f.chunk.id)).toEqual(['a', 'c']);
  });
});

describe('HybridRetriever', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('searches again when a commit lands between its searches and the read of their chunks', async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-retrieve-'));
    const lance = await openLanceStore({ dir });
    const embedder = new HashingEmbedder();
    const doc = (id: string, text: string): Document => ({ id, title: id, origin: `${id}.txt`, hash: text, sources: [], text });
    await ingestDocuments([doc('fines', 'Ofcom can fine a provider up to 18 million pounds.'), doc('courts', 'A court can order access to a service blocked.')], { store: lance, embedder });

    let searches = 0;
    const racing = overridingStore(lance, {
      // The first text search returns, then another writer replaces the fines document before its chunks are read.
      searchText: async (query, k) => {
        const found = await lance.searchText(query, k);
        if (searches++ === 0) await ingestDocuments([doc('fines', 'Ofcom can fine a provider ten per cent of turnover.')], { store: lance, embedder });
        return found;
      },
    });
    const hits = await new HybridRetriever({ embedder, store: racing }).retrieve('Ofcom fine provider', { k: 2 });
    expect(searches).toBe(2);
    expect(hits[0]!.chunk.text).toBe('Ofcom can fine a provider ten per cent of turnover.');
    for (const hit of hits) expect((await lance.getDocument(hit.document.id))!.text.slice(hit.chunk.start, hit.chunk.end)).toBe(hit.chunk.text);
    await lance.close();
  });
  it('checks the embedder again when another process has rebuilt the index with a different one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-retrieve-'));
    const doc: Document = { id: 'fines', title: 'fines', origin: 'fines.txt', hash: 'h', sources: [], text: 'Ofcom can fine a provider up to 18 million pounds.' };
    const reader = await openLanceStore({ dir });
    const embedder = new HashingEmbedder();
    await ingestDocuments([doc], { store: reader, embedder });
    const retriever = new HybridRetriever({ embedder, store: reader });
    expect(await retriever.retrieve('Ofcom fine', { k: 1 })).toHaveLength(1);

    // Same width, another embedder: its vectors would search without error and find nonsense.
    const rebuilder = await openLanceStore({ dir, rebuild: true });
    await rebuilder.commit(change(embedder.dimensions, [makeDoc('other', ['Ofcom can fine a provider.'], { dimensions: embedder.dimensions, random: seededRandom(3) })]));
    await rebuilder.close();
    expect(await reader.refresh()).toBe(true);
    await expect(retriever.retrieve('Ofcom fine', { k: 1 })).rejects.toMatchObject({ code: 'embedder_mismatch' });
    await reader.close();
  });
});
