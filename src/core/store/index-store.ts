// The storage seam: LanceDB on Node (src/adapter/node/lancedb), D1 + Vectorize on Workers. The core only sees this interface.
import type { DocumentPowers } from '../powers/document-powers.js';
import type { PowersTable } from '../powers/schema.js';
import type { Chunk, Document, DocumentMeta, IndexInfo } from '../schema.js';

/** A chunk as stored: its vector, its near-duplicate group and its MinHash signature. */
export interface StoredChunk extends Chunk {
  /** Chunks whose text is a near-duplicate share a group id (see core/dedup.ts). */
  dupGroup: string;
}

/** A chunk's place in its near-duplicate group: enough to list every document carrying a passage. */
export interface GroupMember {
  id: string;
  docId: string;
  dupGroup: string;
}

export interface ChunkRecord extends StoredChunk {
  vector: Float32Array;
  signature: Uint32Array;
}

/**
 * How a document came into the index: `path` from files, folders or URLs given to an ingest (what `--prune` may drop),
 * `api` through POST /api/ingest (kept by `--prune` unless asked).
 */
export type IngestedVia = 'path' | 'api';

/** A stored document's identity, for incremental ingest. */
export interface StoredOrigin {
  id: string;
  hash: string;
  /** Absent for documents stored before it was recorded (see ingestedVia in core/ingest). */
  via?: IngestedVia;
}

/** A document as a commit stores it: how it came in, and its power facts (the rules' when absent). */
export interface DocumentEntry {
  document: Document;
  via?: IngestedVia;
  powers?: DocumentPowers;
}

/** What an ingest changes, applied atomically: readers see the old or the new state, never a mix. */
export interface IndexChange {
  embedder: { id: string; dimensions: number };
  /** Documents to add or replace (a replaced document is listed in `remove` by its old id). */
  documents: DocumentEntry[];
  /**
   * Their chunks, in batches. An ingest embeds them as the store takes them, so a store writes each batch as it comes
   * rather than gathering them all: no more than a few batches of vectors are held at once, whatever the ingest's size.
   */
  chunks: Iterable<ChunkRecord[]> | AsyncIterable<ChunkRecord[]>;
  /**
   * Documents stored already under the same id (same text, so the same chunks) whose row is rewritten: a moved or
   * renamed file takes its new origin and metadata, and its chunks stay. Never listed in `remove`.
   */
  rewrite?: DocumentEntry[];
  /** Document ids to drop with their chunks. */
  remove: string[];
  /** Existing chunks whose near-duplicate group changed because of this ingest. */
  regroup: { chunkId: string; dupGroup: string }[];
}

/**
 * One ranked search result before its chunk is read. A search reads no chunk text: a retrieve fuses two lists of 40
 * and keeps 10, and reading text costs per row (at 100k chunks ~4 ms of a 15 ms vector search).
 */
export interface Candidate {
  /** The store's handle on the chunk, valid for `readChunks` on the same store until its next commit. */
  ref: string;
  /** Higher is better within one list; lists are fused by rank, so scales need not agree. */
  score: number;
}

export interface ScoredChunk {
  chunk: StoredChunk;
  score: number;
}

export interface IndexStore {
  /** Null when nothing has been ingested yet. */
  info(): Promise<IndexInfo | null>;
  listDocuments(): Promise<DocumentMeta[]>;
  getDocument(id: string): Promise<Document | null>;
  getDocumentMeta(ids: readonly string[]): Promise<Map<string, DocumentMeta>>;
  /** Every stored document by origin, for incremental ingest (skip unchanged, replace changed, prune). */
  origins(): Promise<Map<string, StoredOrigin>>;
  /** Signatures of every stored chunk, to place new chunks in near-duplicate groups. */
  signatures(): Promise<{ chunkId: string; docId: string; dupGroup: string; signature: Uint32Array }[]>;
  /**
   * Applies the change atomically. A store that keeps the powers table (Node) merges it from every document's stored
   * facts (`powers` of each added document; the rules' facts of a document stored without any) and commits it with
   * the tables, so readers never see an index with another index's table.
   */
  commit(change: IndexChange): Promise<IndexInfo>;
  /**
   * The powers table committed with the index; null when the index is empty or predates it (the next commit builds it,
   * and readers meanwhile compute it from the documents). Optional: a store without one omits it (the Worker computes it).
   */
  powers?(): Promise<PowersTable | null>;
  searchVector(vector: Float32Array, k: number): Promise<Candidate[]>;
  searchText(query: string, k: number): Promise<Candidate[]>;
  /**
   * The chunks behind candidates, by ref; a ref whose chunk has gone (a half-finished edge import) is absent. Throws
   * `index_changed` when a commit has moved the index since the search that returned them: the caller searches again.
   */
  readChunks(refs: readonly string[]): Promise<Map<string, StoredChunk>>;
  /**
   * The members of those given near-duplicate groups that hold more than one chunk (to list every document carrying
   * a passage). Most passages have no copy, so a group of one returns nothing and costs no read.
   */
  sharedGroupMembers(groups: readonly string[]): Promise<GroupMember[]>;
  /**
   * Loads now what the first question after an open or a commit would otherwise wait for (in-memory copies, indices,
   * listings). For long-running servers; a one-shot ask does not call it. Optional: a store with nothing to load omits it.
   */
  warm?(): Promise<void>;
  /**
   * Reads every file of the committed index far enough to know it is whole, so damage is found before a question
   * meets it (the health check). Throws `index_corrupt`. Optional: a store without local files omits it.
   */
  verify?(): Promise<void>;
  /** How vector searches run at the committed state (the health check reports it). Optional: a managed index omits it. */
  vectorSearch?(): Promise<VectorSearchStatus>;
  /** Settles once the index builds that commits left running have finished, whether they succeeded or not. Optional. */
  indexed?(): Promise<void>;
  close(): Promise<void>;
}

/** A whole index read at its committed version, as an export to another platform takes it. */
export interface IndexSnapshot {
  info: IndexInfo;
  /** Ordered by origin, as `remit sources` lists them. */
  documents: Document[];
  /** Ordered by document, then position in it. */
  chunks: ChunkRecord[];
}

/** How a store's vector searches run. */
export interface VectorSearchStatus {
  /**
   * 'in-memory': a small table, compared exactly in memory; 'indexed': through the approximate index; 'exact': every
   * stored vector compared on disk (a large table whose index is not built yet: slow, but complete).
   */
  mode: 'in-memory' | 'indexed' | 'exact';
  /** While an index is built after a commit; until it lands, searches run as `mode` says (the previous index, if any). */
  building?: { rows: number; since: string };
}

/** A search with its chunks read: for callers that want every candidate (tests, tools), not a retrieve. */
export async function searchChunks(
  store: Pick<IndexStore, 'searchVector' | 'searchText' | 'readChunks'>,
  search: { vector: Float32Array } | { text: string },
  k: number,
): Promise<ScoredChunk[]> {
  const candidates = 'vector' in search ? await store.searchVector(search.vector, k) : await store.searchText(search.text, k);
  const chunks = await store.readChunks(candidates.map((c) => c.ref));
  return candidates.flatMap(({ ref, score }) => {
    const chunk = chunks.get(ref);
    return chunk ? [{ chunk, score }] : [];
  });
}
