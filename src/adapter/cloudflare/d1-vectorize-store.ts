// IndexStore at the edge: documents, chunks and BM25 full-text search in D1 (SQLite FTS5), vectors in Vectorize.
// Read-only: the index is built on Node and exported (`remit export --target cloudflare`); the edge only serves it.
import type { D1Database, Vectorize } from '@cloudflare/workers-types';
import { createError } from '../../core/errors.js';
import type { Document, DocumentMeta, IndexInfo } from '../../core/schema.js';
import type { GroupMember, IndexStore, Candidate, StoredChunk, StoredOrigin } from '../../core/store/index-store.js';
import { sharedGroups } from '../../core/store/shared-groups.js';
import { rowToDocument, rowToDocumentMeta, rowToIndexInfo, rowToStoredChunk } from './d1-rows.js';
import { CHUNK_COLUMNS, DOCUMENT_META_COLUMNS, MAX_BOUND_PARAMETERS } from './d1-schema.js';
import { ftsMatchQuery } from './fts-query.js';

/** Vectorize returns at most 100 matches when neither values nor metadata are asked for. */
export const MAX_VECTORIZE_TOP_K = 100;

export interface D1VectorizeStoreOptions {
  db: D1Database;
  /** Only `query` is used: ids come back, the chunk rows are read from D1. */
  vectors: Pick<Vectorize, 'query'>;
}

export class D1VectorizeStore implements IndexStore {
  readonly #db: D1Database;
  readonly #vectors: Pick<Vectorize, 'query'>;

  constructor(options: D1VectorizeStoreOptions) {
    this.#db = options.db;
    this.#vectors = options.vectors;
  }

  async info(): Promise<IndexInfo | null> {
    const row = await this.#db
      .prepare('SELECT schema_version, info FROM remit_index WHERE id = 1')
      .first()
      .catch((error: unknown) => (isMissingTable(error) ? null : Promise.reject(error)));
    return row ? rowToIndexInfo(row) : null;
  }

  async listDocuments(): Promise<DocumentMeta[]> {
    const { results } = await this.#db.prepare(`SELECT ${DOCUMENT_META_COLUMNS} FROM documents ORDER BY origin`).all();
    return results.map(rowToDocumentMeta);
  }

  async getDocument(id: string): Promise<Document | null> {
    const row = await this.#db.prepare(`SELECT ${DOCUMENT_META_COLUMNS}, text FROM documents WHERE id = ?1`).bind(id).first();
    return row ? rowToDocument(row) : null;
  }

  async getDocumentMeta(ids: readonly string[]): Promise<Map<string, DocumentMeta>> {
    const rows = await this.#selectIn(`SELECT ${DOCUMENT_META_COLUMNS} FROM documents WHERE id IN`, ids);
    return new Map(rows.map(rowToDocumentMeta).map((meta) => [meta.id, meta]));
  }

  async origins(): Promise<Map<string, StoredOrigin>> {
    const { results } = await this.#db.prepare('SELECT id, origin, hash FROM documents').all<{ id: string; origin: string; hash: string }>();
    return new Map(results.map((row) => [row.origin, { id: row.id, hash: row.hash }]));
  }

  async signatures(): Promise<never> {
    throw readOnlyError();
  }

  async commit(): Promise<never> {
    throw readOnlyError();
  }

  async searchVector(vector: Float32Array, k: number): Promise<Candidate[]> {
    if (k <= 0) return [];
    const info = await this.info();
    if (!info) return [];
    if (vector.length !== info.dimensions) {
      throw createError({
        code: 'embedder_mismatch',
        message: `The query vector has ${vector.length} dimensions but the index holds ${info.dimensions}`,
        hint: 'Query with the embedder the index was built with.',
      });
    }
    const { matches } = await this.#vectors.query(vector, { topK: Math.min(k, MAX_VECTORIZE_TOP_K), returnValues: false, returnMetadata: 'none' });
    // Vectorize's cosine score is the similarity itself. Refs are chunk ids: D1 rows do not move between imports.
    return matches.map((m) => ({ ref: m.id, score: m.score }));
  }

  async searchText(query: string, k: number): Promise<Candidate[]> {
    const match = ftsMatchQuery(query);
    if (!match || k <= 0) return [];
    const { results } = await this.#db
      .prepare(
        `SELECT c.id AS id, bm25(chunks_fts) AS rank FROM chunks_fts JOIN chunks c ON c.seq = chunks_fts.rowid
         WHERE chunks_fts MATCH ?1 ORDER BY rank LIMIT ?2`,
      )
      .bind(match, k)
      .all<{ id: string; rank: number }>();
    // SQLite's bm25() is lower-is-better; negated so higher is better, as the interface asks.
    return results.map((row) => ({ ref: row.id, score: -row.rank }));
  }

  /** A Vectorize match whose row is gone (a half-finished re-export) is absent. */
  async readChunks(refs: readonly string[]): Promise<Map<string, StoredChunk>> {
    const chunks = (await this.#selectIn(`SELECT ${CHUNK_COLUMNS} FROM chunks c WHERE c.id IN`, refs)).map(rowToStoredChunk);
    return new Map(chunks.map((chunk) => [chunk.id, chunk]));
  }

  async sharedGroupMembers(groups: readonly string[]): Promise<GroupMember[]> {
    const members = (await this.#selectIn(`SELECT ${CHUNK_COLUMNS} FROM chunks c WHERE c.dup_group IN`, groups)).map(rowToStoredChunk);
    return [...sharedGroups(members.map((m) => m.dupGroup), (i) => members[i]!).values()].flat();
  }

  async close(): Promise<void> {}

  /** `<select> (?1, ?2, …)` over `values`, in batches under D1's bound-parameter limit, sent as one D1 batch. */
  async #selectIn(select: string, values: readonly string[]): Promise<Record<string, unknown>[]> {
    const unique = [...new Set(values)];
    if (unique.length === 0) return [];
    const statements = [];
    for (let i = 0; i < unique.length; i += MAX_BOUND_PARAMETERS) {
      const batch = unique.slice(i, i + MAX_BOUND_PARAMETERS);
      statements.push(this.#db.prepare(`${select} (${batch.map((_, j) => `?${j + 1}`).join(', ')})`).bind(...batch));
    }
    const results = await this.#db.batch<Record<string, unknown>>(statements);
    return results.flatMap((result) => result.results);
  }
}

const readOnlyError = () =>
  createError({
    code: 'index_unwritable',
    message: 'The Cloudflare index is read-only at the edge',
    hint: 'Ingest on Node (`remit ingest`), then `remit export --target cloudflare` and re-import D1 and Vectorize.',
  });

/** Before the first import the tables do not exist: that is an empty index, not a failure. */
const isMissingTable = (error: unknown) => error instanceof Error && /no such table/i.test(error.message);
