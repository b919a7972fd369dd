// A read cache in front of an IndexStore for the query path: chunks, documents and near-duplicate groups are read
// again for almost every question. Everything is dropped when the index's build time changes, so a commit is never hidden.
import { LRUCache } from 'lru-cache';
import { byteCache } from '../byte-cache.js';
import { DEFAULT_READING_CACHE_BYTES, readingBudget } from '../reading-budget.js';
import type { Document, DocumentMeta } from '../schema.js';
import { SharedLoad } from '../shared-load.js';
import type { GroupMember, IndexStore, StoredChunk } from './index-store.js';

export interface CachedStoreOptions {
  /** Bytes of documents (with their text) kept in memory: a count would let a few large documents take hundreds of MB. */
  maxDocumentBytes?: number;
  /**
   * Document metadata (no text) kept in memory: looked up for every hit of every retrieve. When the index holds no
   * more documents than this, the second look-up after a commit lists them all, so later retrieves never wait on a read.
   */
  maxDocumentMetas?: number;
  /** Near-duplicate groups kept in memory. */
  maxGroups?: number;
  /** Bytes of chunks read by ref: a store's refs name one chunk for good, so a hit costs no read. */
  maxChunkBytes?: number;
}

export function withReadCache(store: IndexStore, options: CachedStoreOptions = {}): IndexStore {
  const shares = readingBudget(DEFAULT_READING_CACHE_BYTES);
  const documents = byteCache<string, { value: Document | null }>({ maxBytes: options.maxDocumentBytes ?? shares.documents });
  const maxDocumentMetas = options.maxDocumentMetas ?? 50_000;
  const metas = new LRUCache<string, DocumentMeta>({ max: maxDocumentMetas });
  const groups = new LRUCache<string, GroupMember[]>({ max: options.maxGroups ?? 5000 });
  const chunks = byteCache<string, StoredChunk>({ maxBytes: options.maxChunkBytes ?? shares.chunks });
  let builtAt: string | undefined;
  /** The listing of every document's metadata at `builtAt`, started by the second look-up after a commit. */
  const allMetas = new SharedLoad<void>();
  let metaLookups = 0;

  /** Drops every entry when another commit (in this process or another) has changed the index. */
  async function fresh(): Promise<void> {
    const current = (await store.info())?.builtAt;
    if (current === builtAt) return;
    documents.clear();
    metas.clear();
    groups.clear();
    chunks.clear();
    allMetas.reset();
    metaLookups = 0;
    builtAt = current;
  }

  /**
   * At 100k chunks (15k documents) a retrieve's metadata look-up missed a 10k LRU most of the time and cost ~4 ms;
   * listing all 15k takes ~0.4 s. Not on the first look-up: a one-shot `remit ask` would pay the listing for one
   * question. Larger indices keep the LRU alone.
   */
  async function loadAllMetas(): Promise<void> {
    if (++metaLookups < 2) return;
    return listAllMetas();
  }

  function listAllMetas(): Promise<void> {
    const listedAt = builtAt;
    return allMetas.get(async () => {
      const info = await store.info();
      if (!info || info.documents > maxDocumentMetas) return;
      const listed = await store.listDocuments();
      // A commit during the listing has cleared the cache: what was listed is of the old index.
      if (builtAt === listedAt) for (const meta of listed) metas.set(meta.id, meta);
    });
  }

  async function getDocument(id: string): Promise<Document | null> {
    await fresh();
    const cached = documents.get(id);
    if (cached) return cached.value;
    const value = await store.getDocument(id);
    documents.set(id, { value });
    return value;
  }

  return {
    info: () => store.info(),
    listDocuments: () => store.listDocuments(),
    getDocument,
    async getDocumentMeta(ids: readonly string[]): Promise<Map<string, DocumentMeta>> {
      await fresh();
      await loadAllMetas();
      const cachedMeta = (id: string) => metas.get(id) ?? withoutText(documents.get(id)?.value);
      const missing = ids.filter((id) => !cachedMeta(id));
      // A missing document is not remembered: it is rare (a stale id) and the next commit may add it.
      if (missing.length) for (const [id, meta] of await store.getDocumentMeta(missing)) metas.set(id, meta);
      const result = new Map<string, DocumentMeta>();
      for (const id of ids) {
        const meta = cachedMeta(id);
        if (meta) result.set(id, meta);
      }
      return result;
    },
    origins: () => store.origins(),
    ...(store.powers ? { powers: () => store.powers!() } : {}),
    signatures: () => store.signatures(),
    async commit(change) {
      const info = await store.commit(change);
      await fresh();
      return info;
    },
    searchVector: (vector, k) => store.searchVector(vector, k),
    searchText: (query, k) => store.searchText(query, k),
    async readChunks(refs: readonly string[]): Promise<Map<string, StoredChunk>> {
      await fresh();
      const missing = refs.filter((ref) => !chunks.has(ref));
      // A read costs ~2-4 ms however few rows it takes, so only a full hit saves one.
      const read = missing.length ? await store.readChunks(missing) : new Map<string, StoredChunk>();
      for (const [ref, chunk] of read) chunks.set(ref, chunk);
      const result = new Map<string, StoredChunk>();
      for (const ref of refs) {
        const chunk = chunks.get(ref) ?? read.get(ref);
        if (chunk) result.set(ref, chunk);
      }
      return result;
    },
    async sharedGroupMembers(wanted: readonly string[]): Promise<GroupMember[]> {
      await fresh();
      const missing = wanted.filter((group) => !groups.has(group));
      if (missing.length) {
        const loaded = await store.sharedGroupMembers(missing);
        for (const group of missing) groups.set(group, loaded.filter((chunk) => chunk.dupGroup === group));
      }
      return wanted.flatMap((group) => groups.get(group) ?? []);
    },
    async warm(): Promise<void> {
      await fresh();
      await Promise.all([listAllMetas(), store.warm?.()]);
    },
    verify: async () => store.verify?.(),
    ...(store.vectorSearch && { vectorSearch: () => store.vectorSearch!() }),
    indexed: async () => store.indexed?.(),
    close: () => store.close(),
  };
}

function withoutText(document: Document | null | undefined): DocumentMeta | undefined {
  if (!document) return undefined;
  const { text: _text, ...meta } = document;
  return meta;
}
