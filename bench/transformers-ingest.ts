// Ingest throughput on the transformers path (tokenizer + onnxruntime-node + pooling + store) with the tiny test
// model from test/support/tiny-model.ts: a labelled figure for the pipeline's overhead, not for a real model's speed.
// Also measures embedding batch sizes. Run: node --import tsx bench/transformers-ingest.ts [--size 1k]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { TransformersEmbedder } from '../src/adapter/node/transformers/transformers.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { buildTinyModel } from '../test/support/tiny-model.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, parseSize, round, timed } from './lib/measure.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' } } });
const size = parseSize(values.size!);
const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED, queries: 0 });
const texts = corpus.documents.flatMap((d) => chunkDocument(d).map((c) => c.text));
const model = await buildTinyModel();
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-transformers-'));
try {
  const batches: { batchSize: number; embedChunksPerSec: number }[] = [];
  for (const batchSize of [8, 32, 128]) {
    const embedder = await TransformersEmbedder.load({ model: model.modelId, modelDir: model.modelDir, batchSize });
    const { ms } = await timed(() => embedder.embed(texts, 'passage'));
    batches.push({ batchSize, embedChunksPerSec: round(size / (ms / 1000), 0) });
    process.stderr.write(`[transformers] batch ${batchSize}: ${batches.at(-1)!.embedChunksPerSec} chunks/s\n`);
  }
  const best = batches.reduce((a, b) => (b.embedChunksPerSec > a.embedChunksPerSec ? b : a));
  const embedder = await TransformersEmbedder.load({ model: model.modelId, modelDir: model.modelDir, batchSize: best.batchSize });
  const store = await openLanceStore({ dir });
  const ingest = await timed(() => ingestDocuments(corpus.documents, { store, embedder }, { batchSize: 256 }));
  await store.close();
  emitResult({
    size,
    model: `${model.modelId} (tiny test model, ${model.hidden} dims, ${model.maxTokens} tokens max)`,
    batches,
    ingestBatchSize: best.batchSize,
    ingestChunksPerSec: round(size / (ingest.ms / 1000), 0),
  });
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(model.modelDir, { recursive: true, force: true });
}
