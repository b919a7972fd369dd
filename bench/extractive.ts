// Extractive answer latency at 1k chunks (a figure to read, not a test). The index holds the news, the corpus and
// seeded synthetic articles up to 1,000 chunks; every eval question over it, and as many synthetic queries, is
// retrieved once, then answered: the time is the answerer's alone (reading sentences, ranking, composing), first with
// its sentence readings cold (every question new), then again warm. Run: node --import tsx bench/extractive.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { ingestIntoIndex, openRuntime } from '../src/adapter/node/runtime.js';
import { ExtractiveAnswerer } from '../src/core/answer/extractive.js';
import type { Hit } from '../src/core/schema.js';
import { listDatasets, loadDatasets } from '../src/eval/load-dataset.js';
import { CORPUS_DIR, NEWS_DIR, REPO_ROOT } from '../test/support/paths.js';
import { realDocuments, syntheticCorpus } from './corpus.js';
import { percentile, round } from './lib/measure.js';

const CHUNKS = 1000;
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-extractive-'));
const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
try {
  const real = await realDocuments([NEWS_DIR, CORPUS_DIR]);
  const realChunks = real.reduce((n, d) => n + chunkDocument(d).length, 0);
  const synthetic = await syntheticCorpus({ chunks: CHUNKS - realChunks, queries: 300 });
  await ingestIntoIndex(runtime, [...real, ...synthetic.documents]);
  const info = await runtime.store.info();
  const evalQuestions = (await loadDatasets(await listDatasets(join(REPO_ROOT, 'evals')))).filter((c) => c.dataset !== 'other-style').map((c) => c.question);
  const questions = [...new Set([...evalQuestions, ...synthetic.queries])];
  const asked: { question: string; hits: Hit[] }[] = [];
  for (const question of questions) asked.push({ question, hits: await runtime.retriever.retrieve(question, { k: 8 }) });

  const answerer = new ExtractiveAnswerer({ lexicon: runtime.lexicon, powers: runtime.powers });
  await answerer.warm();
  const getDocument = (id: string) => runtime.store.getDocument(id);
  // Documents are read through the store's cache before timing: the answerer's own work is what is measured.
  for (const { hits } of asked) for (const hit of hits) await getDocument(hit.document.id);
  const pass = async () => {
    const times: number[] = [];
    for (const { question, hits } of asked) {
      const started = performance.now();
      await answerer.answer({ question, query: question, history: [], hits, getDocument });
      times.push(performance.now() - started);
    }
    return { p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), mean: round(times.reduce((a, b) => a + b, 0) / times.length) };
  };
  const cold = await pass();
  const warm = await pass();
  const machine = `${cpus()[0]?.model ?? 'unknown'}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(1)}`;
  console.log(`extractive answer at ${info?.chunks} chunks, ${asked.length} questions (${machine}):`);
  console.log(`  every question new (readings cold): p50 ${cold.p50} ms, p95 ${cold.p95} ms, mean ${cold.mean} ms`);
  console.log(`  asked again (readings warm):        p50 ${warm.p50} ms, p95 ${warm.p95} ms, mean ${warm.mean} ms`);
} finally {
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
}
