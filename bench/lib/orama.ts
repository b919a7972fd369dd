// The peer: Orama over the same chunks and the same vectors, searched in hybrid mode with its default weights.
import { create, insertMultiple, search } from '@orama/orama';
import type { Chunk } from '../../src/core/schema.js';

/**
 * Orama drops vector matches below `similarity` (default 0.8). Hashing vectors of related passages score ~0.2-0.5,
 * so at the default the vector half of "hybrid" would be empty; this keeps it contributing. Weights stay default.
 */
export const ORAMA_SIMILARITY = 0.2;

export const oramaSchema = (dimensions: number) => ({ chunkId: 'string', docId: 'string', text: 'string', embedding: `vector[${dimensions}]` }) as const;

export async function buildOrama(chunks: readonly Chunk[], vectors: readonly Float32Array[], dimensions: number) {
  const db = create({ schema: oramaSchema(dimensions) });
  // Orama's typed documents want plain number arrays; it stores them as Float32Array internally.
  const docs = chunks.map((chunk, i) => ({ chunkId: chunk.id, docId: chunk.docId, text: chunk.text, embedding: Array.from(vectors[i]!) }));
  await insertMultiple(db, docs, 1000);
  return db;
}

export type OramaDb = Awaited<ReturnType<typeof buildOrama>>;

/** The top `limit` chunk ids for a question and its query vector. */
export async function searchOrama(db: OramaDb, term: string, vector: Float32Array, limit = 10): Promise<{ chunkId: string; docId: string }[]> {
  const result = await search(db, {
    mode: 'hybrid',
    term,
    vector: { value: Array.from(vector), property: 'embedding' },
    similarity: ORAMA_SIMILARITY,
    limit,
  });
  return result.hits.map((hit) => ({ chunkId: String(hit.document.chunkId), docId: String(hit.document.docId) }));
}
