// The storage seam: LanceDB on Node (src/store), D1 + Vectorize on Workers. The core only sees this interface.
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

/** What an ingest changes, applied atomically: readers see the old or the new state, never a mix. */
export interface IndexChange {
  embedder: { id: string; dimensions: number };
  /** Documents to add or replace (a replaced document is listed in `remove` by its old id). */
  add: { document: Document; chunks: ChunkRecord[] }[];
  /** Document ids to drop with their chunks. */
  remove: string[];
  /** Existing chunks whose near-duplicate group changed because of this ingest. */
  regroup: { chunkId: string; dupGroup: string }[];
}

export interface ScoredChunk {
  chunk: StoredChunk;
  /** Higher is better within one list; lists are fused by rank, so scales need not agree. */
  score: number;
}

export interface IndexStore {
  /** Null when nothing has been ingested yet. */
  info(): Promise<IndexInfo | null>;
  listDocuments(): Promise<DocumentMeta[]>;
  getDocument(id: string): Promise<Document | null>;
  getDocumentMeta(ids: readonly string[]): Promise<Map<string, DocumentMeta>>;
  /** Every stored document by origin, for incremental ingest (skip unchanged, replace changed, prune). */
  origins(): Promise<Map<string, { id: string; hash: string }>>;
  /** Signatures of every stored chunk, to place new chunks in near-duplicate groups. */
  signatures(): Promise<{ chunkId: string; docId: string; dupGroup: string; signature: Uint32Array }[]>;
  commit(change: IndexChange): Promise<IndexInfo>;
  searchVector(vector: Float32Array, k: number): Promise<ScoredChunk[]>;
  searchText(query: string, k: number): Promise<ScoredChunk[]>;
  /**
   * The members of those given near-duplicate groups that hold more than one chunk (to list every document carrying
   * a passage). Most passages have no copy, so a group of one returns nothing and costs no read.
   */
  sharedGroupMembers(groups: readonly string[]): Promise<GroupMember[]>;
  close(): Promise<void>;
}
