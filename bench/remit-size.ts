// One corpus size in its own process (so its peak RSS is its own): ingest, index size, retrieval latency and recall with
// and without the approximate index, offline ask latency, and an incremental ingest to check the indices stay fresh.
// Run: node --import tsx bench/remit-size.ts --size 10k [--stage all|ingest] [--keep]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@lancedb/lancedb';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { HybridRetriever, type RetrievalMode } from '../src/core/retrieve.js';
import { withReadCache } from '../src/core/store/cached-store.js';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { threadedEncoding } from '../src/adapter/node/threaded-encoder.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { CHUNKS_TABLE, TEXT_INDEX } from '../src/adapter/node/lancedb/tables.js';
import type { VectorIndexEvent } from '../src/adapter/node/lancedb/vector-index.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, folderBytes, mb, parseSize, peakRssMb, recallAt, round, timed, timeEach } from './lib/measure.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' }, stage: { type: 'string', default: 'all' }, keep: { type: 'boolean', default: false } } });
const size = parseSize(values.size!);
const stage = values.stage as 'all' | 'ingest';
const log = (line: string) => process.stderr.write(`[remit ${values.size}] ${line}\n`);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
const embedder = new HashingEmbedder();
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-'));

try {
  // Embedding alone on one thread, to separate the embedder's share of ingest time (not in the profiled ingest stage).
  const texts = stage === 'all' ? corpus.documents.flatMap((d) => chunkDocument(d).map((c) => c.text)) : [];
  const embedOnly = await timed(() => embedder.embed(texts, 'passage'));
  if (stage === 'all') log(`embedded ${texts.length} chunks in ${embedOnly.ms.toFixed(0)} ms`);

  const events: VectorIndexEvent[] = [];
  const store = await openLanceStore({ dir, onVectorIndex: (e) => events.push(e) });
  // As the CLI and server ingest: large hashing ingests encode in worker threads.
  const encoding = threadedEncoding(embedder);
  const ingest = await timed(() => ingestDocuments(corpus.documents, { store, embedder, passageEncoder: encoding.encoderFor }));
  await encoding.close();
  const annBuildMs = events.reduce((sum, e) => sum + e.ms, 0);
  const rssAfterIngestMb = peakRssMb();
  log(`ingested in ${ingest.ms.toFixed(0)} ms (vector index ${annBuildMs.toFixed(0)} ms)`);
  const indexBytes = await folderBytes(dir);
  if (stage === 'ingest') {
    await store.close();
    emitResult({ size, ingestMs: round(ingest.ms, 0), annBuildMs: round(annBuildMs, 0) });
    await rm(dir, { recursive: true, force: true });
    process.exit(0);
  }

  // The same index read two ways: the approximate index (as served) and a flat scan (ground truth).
  const exactStore = await openLanceStore({ dir, readOnly: true, vectorIndex: { search: 'exact' } });
  // As served: the runtime puts the same read cache in front of the store.
  const approximate = new HybridRetriever({ embedder, store: withReadCache(store) });
  const exact = new HybridRetriever({ embedder, store: exactStore });
  const queries = corpus.queries;
  const ids = (hits: { chunk: { id: string } }[]) => hits.map((h) => h.chunk.id);
  const retrieval: Record<string, unknown> = {};
  for (const mode of ['vector', 'text', 'hybrid'] as RetrievalMode[]) {
    const withIndex = await timeEach(queries, (q) => approximate.retrieve(q, { k: 10, mode }).then(ids));
    const flat = mode === 'text' ? withIndex : await timeEach(queries, (q) => exact.retrieve(q, { k: 10, mode }).then(ids));
    retrieval[mode] = { approximate: withIndex.latency, exact: flat.latency, recallAt10: recallAt(withIndex.results, flat.results) };
    log(`${mode}: ${JSON.stringify(retrieval[mode])}`);
  }
  // The store's raw searches (ranked refs, no chunk text), without embedding, fusion or look-ups.
  const vectors = await embedder.embed(queries, 'query');
  const rawVector = {
    approximate: (await timeEach(vectors, (v) => store.searchVector(v, 40))).latency,
    exact: (await timeEach(vectors, (v) => exactStore.searchVector(v, 40))).latency,
  };
  const rawText = (await timeEach(queries, (q) => store.searchText(q, 40))).latency;
  // The look-ups a retrieve and an answer make after the searches, with the groups and documents of real results.
  const topRefs = (await Promise.all(vectors.map((v) => store.searchVector(v, 10)))).map((list) => list.map((c) => c.ref)).filter((refs) => refs.length > 0);
  const tops = await Promise.all(topRefs.map(async (refs) => [...(await store.readChunks(refs)).values()]));
  const lookups = {
    readChunks: (await timeEach(topRefs, (refs) => store.readChunks(refs))).latency,
    sharedGroupMembers: (await timeEach(tops, (top) => store.sharedGroupMembers(top.map((c) => c.dupGroup)))).latency,
    getDocumentMeta: (await timeEach(tops, (top) => store.getDocumentMeta([...new Set(top.map((c) => c.docId))]))).latency,
    getDocument: (await timeEach(tops, (top) => store.getDocument(top[0]!.docId))).latency,
  };
  await exactStore.close();
  await store.close();

  // Offline ask end to end, through the same runtime wiring the CLI and server use.
  // No answer cache: each question is answered in full (the HTTP bench measures repeats separately).
  const runtime = await openRuntime({ db: dir, warn: () => {}, answerCache: 0 });
  const ask = (await timeEach(queries, (question) => runtime.ask.ask({ question, mode: 'extractive' }))).latency;
  log(`ask: ${JSON.stringify(ask)}`);

  // Incremental ingest: +1% new documents; both indices should cover every row afterwards (optimize folds them in).
  const extra = await syntheticCorpus({ chunks: Math.max(100, Math.round(size / 100)), seed: DEFAULT_SEED + 1, queries: 0 });
  const incremental = await timed(() => ingestDocuments(extra.documents, runtime));
  await runtime.close();
  const db = await connect(dir);
  const table = await db.openTable(CHUNKS_TABLE);
  const vectorIndexName = (await table.listIndices()).find((i) => i.columns.includes('vector'))?.name;
  const freshness = {
    text: await table.indexStats(TEXT_INDEX),
    vector: vectorIndexName ? await table.indexStats(vectorIndexName) : null,
  };
  table.close();
  db.close();

  emitResult({
    size,
    documents: corpus.documents.length,
    embedChunksPerSec: round(size / (embedOnly.ms / 1000), 0),
    ingestMs: round(ingest.ms, 0),
    ingestChunksPerSec: round(size / (ingest.ms / 1000), 0),
    annBuildMs: round(annBuildMs, 0),
    ingestWithoutAnnChunksPerSec: round(size / ((ingest.ms - annBuildMs) / 1000), 0),
    vectorIndex: events.map((e) => e.action),
    indexMb: mb(indexBytes),
    rssAfterIngestMb,
    peakRssMb: peakRssMb(),
    retrieval,
    rawVector,
    rawText,
    lookups,
    ask,
    incremental: { chunks: extra.chunks, ms: round(incremental.ms, 0), ...freshness },
  });
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
  else log(`kept ${dir}`);
}
