// Vectorize's NDJSON format: one JSON object per line, {id, values, metadata}, as `wrangler vectorize upsert/insert --file` read it.
import type { ChunkRecord } from '../../../core/store/index-store.js';

/** Vectorize refuses uploads over 100 MB; files are split below that. */
export const MAX_VECTORS_FILE_BYTES = 90 * 1024 * 1024;

export interface VectorLine {
  id: string;
  values: number[];
  metadata: { chunkId: string; docId: string };
}

/** Nine significant digits round-trip a float32 exactly, in about half the characters of its float64 spelling. */
const float32Value = (x: number): number => Number(x.toPrecision(9));

export function vectorLine(chunk: Pick<ChunkRecord, 'id' | 'docId' | 'vector'>): string {
  const line: VectorLine = { id: chunk.id, values: Array.from(chunk.vector, float32Value), metadata: { chunkId: chunk.id, docId: chunk.docId } };
  return JSON.stringify(line);
}

/** Vectorize ids are at most 64 bytes; chunk ids (`doc_<16 hex>:<n>`) are far shorter, but an index from elsewhere may not be. */
export const MAX_VECTOR_ID_BYTES = 64;
