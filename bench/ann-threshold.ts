// Where the approximate index starts to pay: flat scan vs IVF_HNSW_SQ (with the policy's query settings) on the chunks
// table at growing sizes, with recall@10 against the flat scan, and the exact search over vectors held in memory that
// the store uses below its minRows (the index costs a build, and memory grows with the table). Below minRows the store
// also searches text in memory, so LanceDB's full-text search is timed against it, with the in-memory index's build.
// Run: node --import tsx bench/ann-threshold.ts [--sizes 1k,2k,5k,10k,20k]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect, type Table } from '@lancedb/lancedb';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { TEXT_INDEX_CONFIG } from '../src/adapter/node/lancedb/apply-change.js';
import { chunksToArrow } from '../src/adapter/node/lancedb/record-batches.js';
import { ensureLanceThreads } from '../src/adapter/node/lancedb/lance-threads.js';
import { TextInMemory } from '../src/adapter/node/lancedb/text-in-memory.js';
import { textQuery } from '../src/adapter/node/lancedb/text-query.js';
import { nearestByCosine, readVectorsInMemory } from '../src/adapter/node/lancedb/vectors-in-memory.js';
import { DEFAULT_VECTOR_INDEX_POLICY, ensureVectorIndex, tuneVectorQuery, type VectorIndexPolicy, vectorIndexPolicy } from '../src/adapter/node/lancedb/vector-index.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, type Latency, parseSize, recallAt, round, timeEach } from './lib/measure.js';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1k,2k,5k,10k,20k' } } });
const sizes = values.sizes!.split(',').map(parseSize);
ensureLanceThreads();
const embedder = new HashingEmbedder();
const policy = vectorIndexPolicy({ minRows: 1 });
const exactPolicy: VectorIndexPolicy = { ...policy, search: 'exact' };

async function search(table: Table, vectors: Float32Array[], settings: VectorIndexPolicy) {
  return timeEach(vectors, async (vector) => {
    const rows = await tuneVectorQuery(table.vectorSearch(vector).column('vector').distanceType('cosine'), settings).select(['id', '_distance']).limit(40).toArray();
    return rows.map((row) => String(row.id));
  });
}

interface Row {
  size: number;
  flat: Latency;
  inMemory: Latency;
  ann: Latency;
  recallAt10: number;
  buildMs: number;
  text: { lance: Latency; inMemory: Latency; inMemoryBuildMs: number };
}
const rows: Row[] = [];
for (const size of sizes) {
  const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
  const chunks = corpus.documents.flatMap((d) => chunkDocument(d));
  const vectors = await embedder.embed(chunks.map((c) => c.text), 'passage');
  const records = chunks.map((chunk, i) => ({ ...chunk, dupGroup: chunk.id, vector: vectors[i]!, signature: new Uint32Array(0) }));
  const dir = await mkdtemp(join(tmpdir(), 'remit-ann-threshold-'));
  const db = await connect(dir);
  try {
    const table = await db.createTable('chunks', chunksToArrow(records, embedder.dimensions));
    const queries = await embedder.embed(corpus.queries, 'query');
    const flat = await search(table, queries, exactPolicy);
    const memory = await readVectorsInMemory(table, embedder.dimensions);
    const inMemory = await timeEach(queries, async (vector) => nearestByCosine(memory, vector, 40));
    const built = await ensureVectorIndex(table, policy);
    const ann = await search(table, queries, policy);
    await table.createIndex('text', { config: TEXT_INDEX_CONFIG() });
    const lanceText = await timeEach(corpus.queries, (question) => table.query().fullTextSearch(textQuery(question, 'text')!).select(['_score']).withRowId().limit(40).toArray());
    const textStarted = performance.now();
    const textIndex = new TextInMemory(chunks.map((c) => c.text));
    const inMemoryBuildMs = round(performance.now() - textStarted, 0);
    const inMemoryText = await timeEach(corpus.queries, async (question) => textIndex.search(question, 40));
    const row: Row = {
      size,
      flat: flat.latency,
      inMemory: inMemory.latency,
      ann: ann.latency,
      recallAt10: recallAt(ann.results, flat.results),
      buildMs: round(built.ms, 0),
      text: { lance: lanceText.latency, inMemory: inMemoryText.latency, inMemoryBuildMs },
    };
    process.stderr.write(`[ann-threshold] ${JSON.stringify(row)}\n`);
    rows.push(row);
    table.close();
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
// The smallest size from which the index is faster at the median, for every larger size measured too.
const crossover = rows.find((_, i) => rows.slice(i).every((r) => r.ann.p50Ms < r.flat.p50Ms))?.size ?? null;
emitResult({ rows, crossover, storeMinRows: DEFAULT_VECTOR_INDEX_POLICY.minRows, query: { ef: policy.ef, refineFactor: policy.refineFactor } });
