import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import type { Document } from '../src/core/schema.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { type CachedStoreOptions, withReadCache } from '../src/core/store/cached-store.js';
import { overridingStore } from './support/overriding-store.js';

const doc = (id: string, text: string): Document => ({ id, title: id, origin: `${id}.txt`, hash: id, sources: [], text });
const embedder = new HashingEmbedder();
const twoDocuments = [doc('doc_a', 'Ofcom can fine a provider up to 18 million pounds.'), doc('doc_b', 'The court decides on blocking orders.')];

describe('withReadCache', () => {
  let dir: string;
  afterEach(() => rm(dir, { recursive: true, force: true }));

  /** A LanceDB store behind the cache, counting the reads that reach it. */
  async function countedStore(options?: CachedStoreOptions) {
    dir = await mkdtemp(join(tmpdir(), 'remit-cache-'));
    const lance = await openLanceStore({ dir });
    const reads = { documents: 0, metas: 0, groups: 0, listings: 0, chunks: 0, warms: 0 };
    const counted = overridingStore(lance, {
      listDocuments: () => (reads.listings++, lance.listDocuments()),
      getDocument: (id) => (reads.documents++, lance.getDocument(id)),
      getDocumentMeta: (ids) => (reads.metas++, lance.getDocumentMeta(ids)),
      sharedGroupMembers: (groups) => (reads.groups++, lance.sharedGroupMembers(groups)),
      readChunks: (refs) => ((reads.chunks += refs.length), lance.readChunks(refs)),
      warm: () => (reads.warms++, lance.warm()),
    });
    return { store: withReadCache(counted, options), reads };
  }

  it('serves repeated reads from memory and never hides a commit', async () => {
    // Room for one document's metadata: look-ups go one by one through the LRU.
    const { store, reads } = await countedStore({ maxDocumentMetas: 1 });
    await ingestDocuments(twoDocuments, { store, embedder });

    expect((await store.getDocument('doc_a'))?.text).toMatch(/Ofcom/);
    expect((await store.getDocument('doc_a'))?.text).toMatch(/Ofcom/);
    expect(reads.documents).toBe(1);
    expect((await store.getDocumentMeta(['doc_a', 'doc_b'])).get('doc_a')?.title).toBe('doc_a');
    expect((await store.getDocumentMeta(['doc_b', 'doc_a'])).get('doc_b')?.title).toBe('doc_b');
    // doc_a came with its text from getDocument; only doc_b was read, once. The index is too big to list.
    expect(reads.metas).toBe(1);
    expect(reads.listings).toBe(0);
    const [candidate] = await store.searchText('court blocking', 1);
    const chunk = (await store.readChunks([candidate!.ref])).get(candidate!.ref);
    expect((await store.readChunks([candidate!.ref])).get(candidate!.ref)).toEqual(chunk);
    expect(reads.chunks).toBe(1);
    await store.sharedGroupMembers([chunk!.dupGroup]);
    await store.sharedGroupMembers([chunk!.dupGroup]);
    expect(reads.groups).toBe(1);

    // A commit that removes a document is seen at once.
    await ingestDocuments([twoDocuments[1]!], { store, embedder }, { prune: true });
    expect(await store.getDocument('doc_a')).toBeNull();
    expect((await store.getDocumentMeta(['doc_a'])).size).toBe(0);
    // Refs from before the commit are read from the store again, which knows they are stale.
    await expect(store.readChunks([candidate!.ref])).rejects.toMatchObject({ code: 'index_changed' });
    await store.close();
  });

  it('lists every document metadata once per commit, from the second look-up, when they fit', async () => {
    const { store, reads } = await countedStore();
    await ingestDocuments(twoDocuments, { store, embedder });

    // The first look-up reads its ids: a one-shot question should not pay for a listing.
    expect((await store.getDocumentMeta(['doc_a'])).get('doc_a')?.title).toBe('doc_a');
    expect([reads.metas, reads.listings]).toEqual([1, 0]);
    const [first, second] = await Promise.all([store.getDocumentMeta(['doc_a']), store.getDocumentMeta(['doc_b'])]);
    expect(first.get('doc_a')?.title).toBe('doc_a');
    expect(second.get('doc_b')?.title).toBe('doc_b');
    expect([reads.metas, reads.listings]).toEqual([1, 1]);

    await ingestDocuments([doc('doc_c', 'Fines can reach ten per cent of turnover.')], { store, embedder });
    await store.getDocumentMeta(['doc_c']);
    const metas = await store.getDocumentMeta(['doc_a', 'doc_c']);
    expect([...metas.keys()].sort()).toEqual(['doc_a', 'doc_c']);
    expect([reads.metas, reads.listings]).toEqual([2, 2]);
    await store.close();
  });

  it('warms the store and lists the metadata up front, so a first look-up after a commit reads nothing', async () => {
    const { store, reads } = await countedStore();
    await ingestDocuments(twoDocuments, { store, embedder });
    await store.warm!();
    expect([reads.warms, reads.listings]).toEqual([1, 1]);
    expect((await store.getDocumentMeta(['doc_a', 'doc_b'])).get('doc_b')?.title).toBe('doc_b');
    expect(reads.metas).toBe(0);

    // A commit drops what was warmed: the next warm-up lists the new index.
    await ingestDocuments([doc('doc_c', 'Fines can reach ten per cent of turnover.')], { store, embedder });
    await store.warm!();
    expect((await store.getDocumentMeta(['doc_c'])).get('doc_c')?.title).toBe('doc_c');
    expect([reads.warms, reads.listings, reads.metas]).toEqual([2, 2, 0]);
    await store.close();
  });
});
