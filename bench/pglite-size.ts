// PGlite (pgvector HNSW + Postgres full-text search) at one corpus size, in its own process: the same synthetic
// chunks, vectors from the same hashing embedder, the same questions, hybrid fused by RRF as Remit fuses.
// Recall@10 is of PGlite's own exact hybrid (the vector half by full scan). Run: node --import tsx bench/pglite-size.ts --size 10k
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, folderBytes, mb, parseSize, peakRssMb, recallAt, round, timed, timeEach } from './lib/measure.js';
import { configureSearch, createChunksTable, HNSW, loadChunks, openPglite, searchPglite } from './lib/pglite.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' }, 'ef-search': { type: 'string', default: '40,100,200,400,1000' } } });
const size = parseSize(values.size!);
const efSearches = values['ef-search']!.split(',').map(Number);
const log = (line: string) => process.stderr.write(`[pglite ${values.size}] ${line}\n`);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
const embedder = new HashingEmbedder();
const rssBeforeMb = peakRssMb();
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-pglite-'));
try {
  // Timed like Remit's ingest: chunking and embedding included, then the load and both index builds.
  const chunked = await timed(async () => corpus.documents.flatMap((d) => chunkDocument(d)));
  const embedded = await timed(() => embedder.embed(chunked.result.map((c) => c.text), 'passage'));
  const pg = await openPglite(dir);
  await createChunksTable(pg, embedder.dimensions);
  const loaded = await timed(() => loadChunks(pg, chunked.result, embedded.result));
  const ingestMs = chunked.ms + embedded.ms + loaded.ms;
  log(`ingested in ${ingestMs.toFixed(0)} ms (${JSON.stringify(loaded.result)})`);
  const indexBytes = await folderBytes(dir);

  // PGlite's full scans are slow at size: large sizes take the first questions of the same list.
  const queries = corpus.queries.slice(0, size >= 50_000 ? 60 : corpus.queries.length);
  const vectors = await embedder.embed(queries, 'query');
  // Latency includes embedding the question, as Remit's retrieve does.
  // Each setting is timed after an untimed pass over the same questions: V8 compiles PGlite's WebAssembly in tiers,
  // and a full scan (exact) or a wider search evicts pages the next setting reads (measured: run in order without it,
  // ef_search 40 was slower than 100).
  const run = (efSearch: number | 'exact') =>
    configureSearch(pg, { efSearch }).then(() =>
      timeEach(
        queries.map((q, i) => [q, i] as const),
        async ([q, i]) => {
          await embedder.embed([q], 'query');
          return searchPglite(pg, q, vectors[i]!, 10);
        },
        queries.length,
      ),
    );
  const exact = await run('exact');
  log(`hybrid exact: ${JSON.stringify(exact.latency)}`);
  const sweep = [];
  for (const efSearch of efSearches) {
    const approximate = await run(efSearch);
    sweep.push({ efSearch, hybrid: approximate.latency, recallAt10: recallAt(approximate.results, exact.results) });
    log(`hybrid ef_search ${efSearch}: ${JSON.stringify(sweep.at(-1))}`);
  }
  await pg.close();
  emitResult({
    size,
    ingestMs: round(ingestMs, 0),
    ingestChunksPerSec: round(size / (ingestMs / 1000), 0),
    copyMs: round(loaded.result.copyMs, 0),
    hnswBuildMs: round(loaded.result.hnswMs, 0),
    ginBuildMs: round(loaded.result.ginMs, 0),
    hnsw: HNSW,
    indexMb: mb(indexBytes),
    rssBeforeIngestMb: rssBeforeMb,
    peakRssMb: peakRssMb(),
    hybridExact: exact.latency,
    sweep,
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
