// Stand-in for Vectorize, which has no local simulation: exact cosine search over the exported vectors.ndjson, in Node.
import type { Vectorize, VectorizeMatches, VectorizeQueryOptions } from '@cloudflare/workers-types';
import { z } from 'zod';

const VectorLine = z.object({ id: z.string().min(1).max(64), values: z.array(z.number()), metadata: z.record(z.string(), z.unknown()).optional() });

/** Vectorize's own limits: 100 results without values or metadata, 20 with them. */
const MAX_TOP_K = 100;
const MAX_TOP_K_WITH_DETAILS = 20;

export class ExactVectorIndex implements Pick<Vectorize, 'query'> {
  readonly #rows: { id: string; values: Float32Array; norm: number; metadata?: Record<string, unknown> }[];
  readonly dimensions: number;
  /** Every query, so tests can check what the Worker asked for. */
  readonly queries: { topK: number; returnMetadata: unknown; returnValues: unknown }[] = [];

  constructor(ndjson: string) {
    this.#rows = ndjson
      .split('\n')
      .filter((line) => line.trim())
      .map((line) => VectorLine.parse(JSON.parse(line)))
      .map(({ id, values, metadata }) => ({ id, values: Float32Array.from(values), norm: Math.hypot(...values), metadata }));
    this.dimensions = this.#rows[0]?.values.length ?? 0;
    if (this.#rows.some((r) => r.values.length !== this.dimensions)) throw new Error('vectors of mixed dimensions');
  }

  get size(): number {
    return this.#rows.length;
  }

  async query(vector: Float32Array | Float64Array | number[], options: VectorizeQueryOptions = {}): Promise<VectorizeMatches> {
    const topK = options.topK ?? 5;
    const details = options.returnValues === true || options.returnMetadata === true || options.returnMetadata === 'all';
    this.queries.push({ topK, returnMetadata: options.returnMetadata, returnValues: options.returnValues });
    if (vector.length !== this.dimensions) throw new Error(`VECTOR_QUERY_ERROR: expected ${this.dimensions} dimensions, got ${vector.length}`);
    if (topK < 1 || topK > (details ? MAX_TOP_K_WITH_DETAILS : MAX_TOP_K)) throw new Error(`VECTOR_QUERY_ERROR: topK ${topK} out of range`);
    const queryNorm = Math.hypot(...vector);
    const matches = this.#rows
      .map((row) => {
        let dot = 0;
        for (let i = 0; i < vector.length; i++) dot += vector[i]! * row.values[i]!;
        return { row, score: row.norm && queryNorm ? dot / (row.norm * queryNorm) : 0 };
      })
      .sort((a, b) => b.score - a.score || a.row.id.localeCompare(b.row.id))
      .slice(0, topK)
      .map(({ row, score }) => ({
        id: row.id,
        score,
        ...(options.returnValues ? { values: Array.from(row.values) } : {}),
        ...(options.returnMetadata && options.returnMetadata !== 'none' ? { metadata: row.metadata as never } : {}),
      }));
    return { matches, count: matches.length };
  }
}
