// Exact cosine search over vectors held in memory, for tables too small for an approximate index. LanceDB's flat scan
// of 1k rows costs ~6 ms, nearly all of it reading the vector column again for every query; this costs ~0.3 ms.
import type { Table } from '@lancedb/lancedb';
import type { Table as ArrowTable } from 'apache-arrow';

export interface VectorsInMemory {
  dimensions: number;
  /** Row ids, one per vector. */
  rowIds: bigint[];
  /** Row-major, `rowIds.length` x `dimensions`. */
  vectors: Float32Array;
  /** 1 / norm of each vector (0 for a zero vector, which then matches nothing). */
  inverseNorms: Float64Array;
}

/** Reads every vector of `table` (at its checked-out version) with its row id. */
export async function readVectorsInMemory(table: Table, dimensions: number): Promise<VectorsInMemory> {
  return vectorsOf(await table.query().select(['vector']).withRowId().toArrow(), dimensions);
}

/**
 * The vectors of a read that selected `vector` with row ids; with `pause`, copied `slice` rows at a time with a pause
 * between slices (a server does this after every commit while it answers other requests).
 */
export async function vectorsOf(batch: ArrowTable, dimensions: number, pause?: () => Promise<unknown>, slice = 250): Promise<VectorsInMemory> {
  const column = batch.getChild('vector')!;
  const rowIdColumn = batch.getChild('_rowid')!;
  const vectors = new Float32Array(batch.numRows * dimensions);
  const inverseNorms = new Float64Array(batch.numRows);
  const rowIds: bigint[] = [];
  for (let row = 0; row < batch.numRows; row++) {
    if (pause && row > 0 && row % slice === 0) await pause();
    const values = column.get(row)!.toArray() as Float32Array;
    vectors.set(values, row * dimensions);
    let squared = 0;
    for (let i = 0; i < dimensions; i++) squared += values[i]! * values[i]!;
    inverseNorms[row] = squared > 0 ? 1 / Math.sqrt(squared) : 0;
    rowIds.push(BigInt(rowIdColumn.get(row)));
  }
  return { dimensions, rowIds, vectors, inverseNorms };
}

/** The `k` rows most similar to `query` by cosine, best first; equal similarities keep row order. */
export function nearestByCosine(memory: VectorsInMemory, query: Float32Array, k: number): { row: number; similarity: number }[] {
  const { dimensions, vectors, inverseNorms } = memory;
  // A hashing embedder's question vector is sparse (~90 of 512 values set): multiplying only those is ~5x faster.
  const indices: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < dimensions; i++) {
    if (query[i] !== 0) {
      indices.push(i);
      values.push(query[i]!);
    }
  }
  const queryNorm = Math.hypot(...values);
  if (queryNorm === 0 || k <= 0) return [];
  // The best k so far, worst last: a row enters only when it beats the worst, so most rows cost one comparison.
  const best: { row: number; similarity: number }[] = [];
  for (let row = 0, offset = 0; row < inverseNorms.length; row++, offset += dimensions) {
    if (inverseNorms[row] === 0) continue;
    let dot = 0;
    for (let j = 0; j < indices.length; j++) dot += vectors[offset + indices[j]!]! * values[j]!;
    const similarity = (dot * inverseNorms[row]!) / queryNorm;
    if (best.length === k && similarity <= best[k - 1]!.similarity) continue;
    let at = best.length === k ? k - 1 : best.length;
    while (at > 0 && best[at - 1]!.similarity < similarity) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = { row, similarity };
  }
  return best;
}
