// One corpus size: the ingest in its own process (its peak RSS is the ingest's), a serving process's memory in another
// (open, warm, answer), then, here, retrieval latency and recall with and without the approximate index, offline ask
// latency, and an incremental ingest to check the indices stay fresh.
// Run: node --import tsx bench/remit-size.ts --size 10k [--keep]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { CHUNKS_TABLE, TEXT_INDEX } from '../src/adapter/node/lancedb/tables.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { benchChild } from './lib/child.js';
import { emitResult, parseSize, rawVectorsMb, recallAt, round, timed, timeEach } from './lib/measure.js';

/** What the ingest and serve children report of their memory. */
interface RssFigures {
  baseRssMb: number;
  peakRssMb: number;
}

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' }, keep: { type: 'boolean', default: false } } });
const size = parseSize(values.size!);
const log = (line: string) => process.stderr.write(`[remit ${values.size}] ${line}\n`);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
const embedder = new HashingEmbedder();
const work = await mkdtemp(join(tmpdir(), 'remit-bench-'));
const dir = join(work, 'index');

try {
  const ingest = await benchChild<Record<string, any> & RssFigures>('remit-ingest.ts', ['--size', values.size!, '--dir', dir]);
  // Exact search compares every vector (~0.3-1.5 s a question at 100k): the largest sizes ask the first questions only.
  const queries = corpus.queries.slice(0, size >= 500_000 ? 50 : corpus.queries.length);
  await writeFile(join(work, 'questions.json'), JSON.stringify(queries));
  const serve = await benchChild<Record<string, any> & RssFigures>('remit-serve.ts', ['--dir', dir, '--questions', join(work, 'questions.json')]);
  const rawMb = rawVectorsMb(size, embedder.dimensions);
  // Peak over the raw vectors, and the growth past the process's base (Node, the modules and, for the ingest, the
  // corpus it is given) over them: the base is fixed, ~140-160 MB, and dwarfs the vectors below ~100k chunks.
  const ofRaw = ({ baseRssMb, peakRssMb }: RssFigures) => ({ baseRssMb, peakRssMb, ofRawVectors: round(peakRssMb / rawMb, 1), growthOfRawVectors: round((peakRssMb - baseRssMb) / rawMb, 1) });
  const memory = { rawVectorsMb: rawMb, ingest: ofRaw(ingest), serve: { ...ofRaw(serve), warmMs: serve.warmMs } };
  log(`memory: ${JSON.stringify(memory)}`);

  // Embedding alone on one thread (a sample: the rate does not depend on the corpus size), to separate the embedder's
  // share of ingest time.
  const texts: string[] = [];
  for (const document of corpus.documents) {
    if (texts.length >= 20_000) break;
    texts.push(...chunkDocument(document).map((c) => c.text));
  }
  const embedOnly = await timed(() => embedder.embed(texts, 'passage'));
  log(`embedded ${texts.length} chunks in ${embedOnly.ms.toFixed(0)} ms`);
  const store = await openLanceStore({ dir });
  // As served: a server warms the store at start (a small table's in-memory copy, or LanceDB's indices).
  await store.warm();

  // The same index read two ways: the approximate index (as served) and a flat scan (ground truth).
  const exactStore = await openLanceStore({ dir, readOnly: true, vectorIndex: { search: 'exact' } });
  // As served: the runtime puts the same read cache in front of the store.
  const approximate = new HybridRetriever({ embedder, store: withReadCache(store) });
  const exact = new HybridRetriever({ embedder, store: exactStore });
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
    embedChunksPerSec: round(texts.length / (embedOnly.ms / 1000), 0),
    ingestMs: ingest.ingestMs,
    ingestChunksPerSec: ingest.ingestChunksPerSec,
    commitMs: ingest.commitMs,
    committedChunksPerSec: ingest.committedChunksPerSec,
    annBuildMs: ingest.annBuildMs,
    vectorIndex: ingest.vectorIndex,
    indexMb: ingest.indexMb,
    peakRssMb: ingest.peakRssMb,
    memory,
    queries: queries.length,
    retrieval,
    rawVector,
    rawText,
    lookups,
    ask,
    incremental: { chunks: extra.chunks, ms: round(incremental.ms, 0), ...freshness },
  });
} finally {
  if (!values.keep) await rm(work, { recursive: true, force: true });
  else log(`kept ${dir}`);
}
