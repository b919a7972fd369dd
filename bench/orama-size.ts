// Orama at one corpus size, in its own process: the same synthetic chunks, vectors from the same hashing embedder,
// hybrid queries with the same questions. Run: node --import tsx bench/orama-size.ts --size 10k
import { parseArgs } from 'node:util';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, parseSize, peakRssMb, round, timed, timeEach } from './lib/measure.js';
import { buildOrama, searchOrama } from './lib/orama.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' } } });
const size = parseSize(values.size!);
const log = (line: string) => process.stderr.write(`[orama ${values.size}] ${line}\n`);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED });
const embedder = new HashingEmbedder();
const rssBeforeMb = peakRssMb();
// Timed like Remit's ingest: chunking and embedding included, then the index insert.
const chunked = await timed(async () => corpus.documents.flatMap((d) => chunkDocument(d)));
const embedded = await timed(() => embedder.embed(chunked.result.map((c) => c.text), 'passage'));
const inserted = await timed(() => buildOrama(chunked.result, embedded.result, embedder.dimensions));
const ingestMs = chunked.ms + embedded.ms + inserted.ms;
log(`ingested in ${ingestMs.toFixed(0)} ms (insert ${inserted.ms.toFixed(0)} ms)`);
const heapUsedMb = round(process.memoryUsage().heapUsed / 1024 / 1024, 0);

// Orama scans every vector in JS, so large sizes get fewer queries (the first ones of the same list) to bound the run.
const queries = corpus.queries.slice(0, size >= 50_000 ? 40 : corpus.queries.length);
// Query latency includes embedding the question, as Remit's retrieve does.
const hybrid = await timeEach(
  queries,
  async (q) => {
    const [v] = await embedder.embed([q], 'query');
    return searchOrama(inserted.result, q, v!, 10);
  },
  Math.min(10, Math.ceil(queries.length / 10)),
);
log(`hybrid: ${JSON.stringify(hybrid.latency)}`);

emitResult({
  size,
  ingestMs: round(ingestMs, 0),
  insertMs: round(inserted.ms, 0),
  ingestChunksPerSec: round(size / (ingestMs / 1000), 0),
  heapUsedMb,
  rssBeforeIngestMb: rssBeforeMb,
  peakRssMb: peakRssMb(),
  hybrid: hybrid.latency,
});
