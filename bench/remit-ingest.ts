// One Remit ingest in its own process, so its peak RSS is the ingest's own: the synthetic corpus, encoded on worker
// threads and committed as the CLI and server do (the vector index built after the commit). Keeps the index for the
// measurements that follow when --dir is given. Run: node --import tsx bench/remit-ingest.ts --size 10k [--dir DIR]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { threadedEncoding } from '../src/adapter/node/threaded-encoder.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import type { VectorIndexEvent } from '../src/adapter/node/lancedb/vector-index.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, folderBytes, mb, parseSize, peakRssMb, round, rssMb, timed } from './lib/measure.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' }, dir: { type: 'string' } } });
const size = parseSize(values.size!);
const log = (line: string) => process.stderr.write(`[remit ingest ${values.size}] ${line}\n`);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
// What the process holds before the ingest: Node, the modules, and the documents to ingest (the input).
const baseRssMb = rssMb();
const embedder = new HashingEmbedder();
const dir = values.dir ?? (await mkdtemp(join(tmpdir(), 'remit-bench-')));
try {
  const events: VectorIndexEvent[] = [];
  const store = await openLanceStore({ dir, vectorIndex: { build: 'background' }, onVectorIndex: (e) => events.push(e) });
  const encoding = threadedEncoding(embedder);
  const committed = await timed(() => ingestDocuments(corpus.documents, { store, embedder, passageEncoder: encoding.encoderFor }));
  log(`committed in ${committed.ms.toFixed(0)} ms`);
  await encoding.close();
  const indexed = await timed(() => store.indexed());
  await store.close();
  const annBuildMs = events.reduce((sum, e) => sum + e.ms, 0);
  const ingestMs = committed.ms + indexed.ms;
  log(`vector index ${annBuildMs.toFixed(0)} ms; ingest with it ${ingestMs.toFixed(0)} ms`);
  emitResult({
    size,
    documents: corpus.documents.length,
    commitMs: round(committed.ms, 0),
    ingestMs: round(ingestMs, 0),
    ingestChunksPerSec: round(size / (ingestMs / 1000), 0),
    annBuildMs: round(annBuildMs, 0),
    committedChunksPerSec: round(size / (committed.ms / 1000), 0),
    vectorIndex: events.map((e) => e.action),
    indexMb: mb(await folderBytes(dir)),
    baseRssMb,
    peakRssMb: peakRssMb(),
  });
} finally {
  if (!values.dir) await rm(dir, { recursive: true, force: true });
}
