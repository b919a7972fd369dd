// The approximate vector index policy: below a measured size a flat scan is faster and exact; past it, IVF_HNSW_SQ
// (cosine) with query settings tuned for recall@10 >= 0.95 of exact. Figures: bench/results/README-table.md.
import { Index, type Table, type VectorQuery } from '@lancedb/lancedb';
import { z } from 'zod';
import { createError } from '../../../core/errors.js';

export const VectorIndexPolicy = z
  .object({
    /** Build once the chunks table has this many rows; below it the store holds the table in memory and searches its vectors and text there. */
    minRows: z.number().int().positive(),
    /** Rows per HNSW graph (IVF partition): smaller graphs build faster; queries search `nprobes` of them. */
    rowsPerPartition: z.number().int().positive(),
    /** HNSW neighbours per node and build-time candidate list (LanceDB defaults are 20 and 300). */
    m: z.number().int().positive(),
    efConstruction: z.number().int().positive(),
    /** Query-time candidate list per graph, and re-ranking of `refineFactor` x k candidates with full vectors. */
    ef: z.number().int().positive(),
    refineFactor: z.number().int().positive(),
    /** Graphs searched per query (one graph up to `rowsPerPartition` rows). */
    nprobes: z.number().int().positive(),
    /** Retrain once the table has grown this many times past the size the index was trained on. */
    retrainGrowth: z.number().min(1),
    /** 'exact' skips the index at query time (ground truth for recall, and the bench's "without" figures). */
    search: z.enum(['approximate', 'exact']),
    /**
     * 'background' commits without building (or retraining) the index, then builds it and commits again: the rows are
     * searchable at once, by exact search or the previous index meanwhile. 'inline' builds it within the commit.
     * 'deferred' commits without it and leaves the build to another store on the folder (the server's, for an upload
     * its worker thread commits: a thread stopped when idle must not be the one left building).
     */
    build: z.enum(['inline', 'background', 'deferred']),
  })
  .strict();
export type VectorIndexPolicy = z.infer<typeof VectorIndexPolicy>;

/**
 * Measured at 100k rows of 512-d hashing vectors (bench/results), one graph, recall@10 against exact search:
 * m 20 / efConstruction 150 / ef 1600 built in ~47 s for vector recall 0.94 (hybrid 0.96). A wider graph built with a
 * shorter candidate list and searched with a longer one does better. In one run of builds, searched with ef 2400:
 * m 24 / efC 80 took 26.3 s for vector recall 0.953 (p50 14.5 ms); m 28 / efC 60 took 20.1 s for 0.951 (11.4 ms);
 * m 24 / efC 60 19.4 s for 0.935; m 20 / efC 60 18.6 s for 0.927; m 16 / efC 60 17.0 s for 0.904. An efC of 2m or
 * less is not honoured (m 24 / efC 48 took 36.8 s, m 32 / efC 60 51 s, both for 0.98). Recall varies by ~0.01-0.02
 * from build to build (LanceDB draws node levels at random). Four graphs built faster still, but with more than
 * one graph every optimize() that folds in new rows costs more than a full build (30k rows: 7.5 s per +300-row
 * commit vs 0.02 s with one graph; 100k: +1% ingest 30.5 s vs 5.6 s), and incremental ingest is the common case.
 * IVF_FLAT (recall 0.83 at 36 ms), IVF_PQ (minutes to train) and IVF_HNSW_PQ (415 s, recall 0.55-0.85) lost.
 * Query settings on one m 28 / efC 60 build (vector / hybrid recall, vector p50): ef 1600 0.92 / 0.94; ef 2400
 * 0.944 / 0.96, 15.5 ms; ef 3200 0.959 / 0.968, 16.4 ms; ef 4000 0.967 / 0.973, 19.8 ms. A refine factor of 3 or 4
 * changed no result: the misses are the graph's, not the quantiser's. ef 3200 keeps vector recall above 0.95 too.
 * At 1M rows (bench/results/issue24-ann-sweep.md) this graph falls short of hybrid recall 0.95: ef 3200 gives vector
 * 0.842 / hybrid 0.904 at hybrid p50 22 ms, ef 4800 0.876 / 0.92 at 33 ms, ef 9600 0.916 / 0.942 at 46 ms; refine
 * factors 5 and 10 changed no recall there either. efConstruction 120 (472 s build vs 382 s) gained ~0.01; four
 * 250k-row graphs searched with nprobes 4 / ef 3200 gave 0.908 / 0.932 at 55 ms.
 */
export const DEFAULT_VECTOR_INDEX_POLICY: VectorIndexPolicy = {
  minRows: 2000,
  // One graph up to 6M rows: queries search one graph (nprobes 1), so 4 graphs at 1M rows would find ~1/4 of the
  // nearest, and folding new rows into several graphs costs more than a full build (see above). More graphs do not
  // lower the build's memory either (measured at 100k: 1, 4 and 8 graphs all peaked at ~635 MB).
  rowsPerPartition: 4_000_000,
  m: 28,
  efConstruction: 60,
  ef: 3200,
  refineFactor: 2,
  nprobes: 1,
  retrainGrowth: 4,
  search: 'approximate',
  build: 'inline',
};

/** Index names carry the row count they were trained on, so growth can be judged without extra state. */
const INDEX_PREFIX = 'vector_hnsw_sq_';
const trainedRowsOf = (name: string): number | null => (name.startsWith(INDEX_PREFIX) ? Number(name.slice(INDEX_PREFIX.length)) || null : null);

export function vectorIndexPolicy(overrides: Partial<VectorIndexPolicy> = {}): VectorIndexPolicy {
  const parsed = VectorIndexPolicy.safeParse({ ...DEFAULT_VECTOR_INDEX_POLICY, ...overrides });
  if (!parsed.success) throw createError({ code: 'bad_input', message: 'Invalid vector index policy', details: parsed.error.issues });
  return parsed.data;
}

export type VectorIndexAction = 'none' | 'built' | 'retrained';

export interface VectorIndexEvent {
  action: VectorIndexAction;
  rows: number;
  /** Time spent training, 0 when nothing was built. */
  ms: number;
}

/** What the chunks table needs now: nothing, a first index, or a retrain after much growth. */
export async function planVectorIndex(table: Table, policy: VectorIndexPolicy): Promise<{ action: VectorIndexAction; rows: number; existing?: string }> {
  const rows = await table.countRows();
  const existing = (await table.listIndices()).find((index) => index.columns.includes('vector'));
  if (!existing) return { action: rows >= policy.minRows ? 'built' : 'none', rows };
  const trained = trainedRowsOf(existing.name);
  // optimize() folds new rows into the existing graphs; retrain only when they were trained on a much smaller table.
  return { action: trained !== null && rows >= trained * policy.retrainGrowth ? 'retrained' : 'none', rows, existing: existing.name };
}

/** Creates or retrains the index on `table` when the policy says so. */
export async function ensureVectorIndex(table: Table, policy: VectorIndexPolicy): Promise<VectorIndexEvent> {
  const plan = await planVectorIndex(table, policy);
  if (plan.action === 'none') return { action: 'none', rows: plan.rows, ms: 0 };
  const started = performance.now();
  const config = Index.hnswSq({
    distanceType: 'cosine',
    numPartitions: Math.max(1, Math.round(plan.rows / policy.rowsPerPartition)),
    m: policy.m,
    efConstruction: policy.efConstruction,
  });
  // Dropped first: one vector index per column. Readers see neither change until state.json names this version.
  if (plan.existing) await table.dropIndex(plan.existing);
  await table.createIndex('vector', { config, name: `${INDEX_PREFIX}${plan.rows}`, replace: true });
  return { action: plan.action, rows: plan.rows, ms: performance.now() - started };
}

/** Query-time settings; they are ignored by LanceDB when the table has no vector index (small tables). */
export function tuneVectorQuery(query: VectorQuery, policy: VectorIndexPolicy): VectorQuery {
  if (policy.search === 'exact') return query.bypassVectorIndex();
  return query.ef(policy.ef).refineFactor(policy.refineFactor).nprobes(policy.nprobes);
}
