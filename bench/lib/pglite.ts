// The stronger peer: PGlite (Postgres 17 in WebAssembly) with pgvector's HNSW index and Postgres full-text search over
// the same chunks and vectors, hybrid fused as Remit fuses (reciprocal rank fusion, k = 60, 40 candidates a list).
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { fuseByReciprocalRank } from '../../src/core/retrieve.js';
import type { Chunk } from '../../src/core/schema.js';

/** Candidates per list, as Remit's HybridRetriever takes them. */
export const CANDIDATES = 40;

/**
 * pgvector's HNSW settings. m and ef_construction are pgvector's defaults; ef_search (the query-time candidate
 * list, default 40) is chosen per run from the sweep in pglite-size.ts.
 */
export const HNSW = { m: 16, efConstruction: 64 } as const;

export async function openPglite(dir: string): Promise<PGlite> {
  const pg = await PGlite.create(dir, { extensions: { vector } });
  // The HNSW graph is built in memory when it fits in maintenance_work_mem, else much more slowly on disk pages.
  await pg.exec(`CREATE EXTENSION IF NOT EXISTS vector; SET maintenance_work_mem = '1GB';`);
  return pg;
}

export async function createChunksTable(pg: PGlite, dimensions: number): Promise<void> {
  await pg.exec(`
    CREATE TABLE chunks (
      id text PRIMARY KEY,
      doc_id text NOT NULL,
      text text NOT NULL,
      embedding vector(${dimensions}) NOT NULL,
      tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED
    );`);
}

const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`;
/** Nine significant digits give a float32 back exactly. */
const vectorLiteral = (v: Float32Array) => `[${Array.from(v, (x) => (x === 0 ? '0' : x.toPrecision(9))).join(',')}]`;

/** COPY in slices (the text form of 512 floats is ~5 KB a row), then the two indices. */
export async function loadChunks(pg: PGlite, chunks: readonly Chunk[], vectors: readonly Float32Array[], slice = 5000): Promise<{ copyMs: number; hnswMs: number; ginMs: number }> {
  const started = performance.now();
  for (let from = 0; from < chunks.length; from += slice) {
    const rows: string[] = [];
    for (let i = from; i < Math.min(chunks.length, from + slice); i++) {
      const chunk = chunks[i]!;
      rows.push(`${csvField(chunk.id)},${csvField(chunk.docId)},${csvField(chunk.text)},"${vectorLiteral(vectors[i]!)}"\n`);
    }
    await pg.query(`COPY chunks (id, doc_id, text, embedding) FROM '/dev/blob' WITH (FORMAT csv)`, [], { blob: new Blob(rows) });
  }
  const copied = performance.now();
  await pg.exec(`CREATE INDEX chunks_hnsw ON chunks USING hnsw (embedding vector_cosine_ops) WITH (m = ${HNSW.m}, ef_construction = ${HNSW.efConstruction});`);
  const hnsw = performance.now();
  await pg.exec(`CREATE INDEX chunks_tsv ON chunks USING gin (tsv); ANALYZE chunks;`);
  return { copyMs: copied - started, hnswMs: hnsw - copied, ginMs: performance.now() - hnsw };
}

export interface PgliteSearch {
  /** pgvector's query-time candidate list; 'exact' turns index scans off, so the vector search is a full scan. */
  efSearch: number | 'exact';
}

/** Sets how the next searches run. */
export async function configureSearch(pg: PGlite, { efSearch }: PgliteSearch): Promise<void> {
  if (efSearch === 'exact') await pg.exec('SET enable_indexscan = off;');
  else await pg.exec(`SET enable_indexscan = on; SET hnsw.ef_search = ${efSearch};`);
}

/**
 * The top `limit` chunk ids for a question and its vector: the 40 nearest by cosine and the 40 best by ts_rank, fused
 * by RRF. The text query ORs the question's lexemes, as BM25 does (plainto_tsquery would AND them).
 */
export async function searchPglite(pg: PGlite, question: string, vector: Float32Array, limit = 10): Promise<string[]> {
  const [byVector, byText] = await Promise.all([
    pg.query<{ id: string }>(`SELECT id FROM chunks ORDER BY embedding <=> $1::vector LIMIT ${CANDIDATES}`, [vectorLiteral(vector)]),
    pg.query<{ id: string }>(
      `WITH q AS (SELECT replace(plainto_tsquery('english', $1)::text, '&', '|')::tsquery AS q)
       SELECT id FROM chunks, q WHERE q.q::text <> '' AND tsv @@ q.q ORDER BY ts_rank(tsv, q.q) DESC, id LIMIT ${CANDIDATES}`,
      [question],
    ),
  ]);
  // Remit's own fusion (RRF, k = 60), with chunk ids as the refs.
  const candidates = (rows: { id: string }[]) => rows.map(({ id }) => ({ ref: id, score: 0 }));
  return fuseByReciprocalRank(candidates(byVector.rows), candidates(byText.rows)).slice(0, limit).map(({ ref }) => ref);
}
