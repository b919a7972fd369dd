// Retrieval quality on the real corpus (corpus/ + the shared news): recall@10 of Remit's hybrid retriever and of Orama's
// hybrid search over the same chunks and vectors, against the expected documents of evals/*.jsonl.
// A case counts as found when any of its expected documents is among the top 10 chunks' documents (as the dataset defines).
// Run: node --import tsx bench/eval-recall.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { HybridRetriever } from '../src/core/retrieve.js';
import { listDatasets, loadDatasets } from '../src/eval/load-dataset.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { CORPUS_DIR, NEWS_DIR, REPO_ROOT } from '../test/support/paths.js';
import { realDocuments } from './corpus.js';
import { emitResult, round, timeEach } from './lib/measure.js';
import { buildOrama, searchOrama } from './lib/orama.js';

const cases = (await loadDatasets(await listDatasets(join(REPO_ROOT, 'evals')))).filter((c) => !c.unanswerable && c.docs.length > 0);
const documents = await realDocuments([CORPUS_DIR, NEWS_DIR]);
const nameOf = new Map(documents.map((d) => [d.id, basename(d.origin)]));
const embedder = new HashingEmbedder();

const dir = await mkdtemp(join(tmpdir(), 'remit-eval-recall-'));
try {
  const store = await openLanceStore({ dir });
  const report = await ingestDocuments(documents, { store, embedder });
  const retriever = new HybridRetriever({ embedder, store });
  const remit = await timeEach(cases, (c) => retriever.retrieve(c.question, { k: 10 }).then((hits) => hits.map((h) => nameOf.get(h.chunk.docId)!)));
  await store.close();

  const chunks = documents.flatMap((d) => chunkDocument(d));
  const orama = await buildOrama(chunks, await embedder.embed(chunks.map((c) => c.text), 'passage'), embedder.dimensions);
  const peer = await timeEach(cases, async (c) => {
    const [vector] = await embedder.embed([c.question], 'query');
    return (await searchOrama(orama, c.question, vector!, 10)).map((hit) => nameOf.get(hit.docId)!);
  });

  const recall = (lists: string[][]) => round(cases.filter((c, i) => c.docs.some((doc) => lists[i]!.includes(doc))).length / cases.length, 3);
  emitResult({
    cases: cases.length,
    datasets: [...new Set(cases.map((c) => c.dataset))],
    documents: documents.length,
    chunks: report.chunks,
    remit: { recallAt10: recall(remit.results), hybrid: remit.latency },
    orama: { recallAt10: recall(peer.results), hybrid: peer.latency },
  });
} finally {
  await rm(dir, { recursive: true, force: true });
}
