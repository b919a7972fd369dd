// Sweeps the vector index's query settings against one index built on disk, so a 1M-chunk build (~18 min on 2 cores)
// is paid once: recall@10 of vector and hybrid retrieval against exact search, and their p50 / p99, measured as
// bench/remit-size.ts measures them (the same synthetic questions, the read cache as served, a flat scan as truth).
// The questions and the exact results are kept beside the index (exact search takes ~2 s a question at 1M).
// Build:   node --import tsx bench/remit-ingest.ts --size 1m --dir DIR/index
// Sweep:   node --import tsx bench/ann-sweep.ts --size 1m --dir DIR/index --ef 3200,4800 --refine 2,5 [--nprobes 1] [--questions 50]
// Another build of the same rows first (replaces the index in place): --build m=32,efConstruction=80[,rowsPerPartition=250000]
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { connect } from '@lancedb/lancedb';
import { HashingEmbedder } from '../src/core/embed/hashing.js';
import { HybridRetriever, type RetrievalMode } from '../src/core/retrieve.js';
import { withReadCache } from '../src/core/store/cached-store.js';
import { acquireCommitLock } from '../src/adapter/node/lancedb/commit-lock.js';
import { indexCommittedTables } from '../src/adapter/node/lancedb/commit-indices.js';
import { openLanceStore } from '../src/adapter/node/lancedb/lancedb.js';
import { readState, writeState } from '../src/adapter/node/lancedb/state-file.js';
import { DEFAULT_VECTOR_INDEX_POLICY, type VectorIndexPolicy, vectorIndexPolicy } from '../src/adapter/node/lancedb/vector-index.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, parseSize, recallAt, round, timeEach } from './lib/measure.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1m' },
    dir: { type: 'string' },
    questions: { type: 'string', default: '50' },
    ef: { type: 'string', default: String(DEFAULT_VECTOR_INDEX_POLICY.ef) },
    refine: { type: 'string', default: String(DEFAULT_VECTOR_INDEX_POLICY.refineFactor) },
    nprobes: { type: 'string', default: String(DEFAULT_VECTOR_INDEX_POLICY.nprobes) },
    build: { type: 'string' },
  },
});
if (!values.dir) throw new Error('--dir is required: an index built by bench/remit-ingest.ts --dir');
const dir = values.dir;
const size = parseSize(values.size!);
const n = Number(values.questions);
const list = (text: string) => text.split(',').map(Number);
const load = () => round(loadavg()[0]!, 2);
const log = (line: string) => process.stderr.write(`[ann-sweep ${values.size}] ${line} (load ${load()})\n`);
const embedder = new HashingEmbedder();
const MODES: RetrievalMode[] = ['vector', 'hybrid'];
const ids = (hits: { chunk: { id: string } }[]) => hits.map((h) => h.chunk.id);

/** The bench's questions for this size and the exact top 10 of each mode, computed once and kept beside the index. */
async function groundTruth(): Promise<{ questions: string[]; exact: Record<string, string[][]> }> {
  const file = join(dirname(dir), `ann-sweep-truth-${values.size}-${n}.json`);
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8'));
  const questions = (await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED })).queries.slice(0, n);
  const store = await openLanceStore({ dir, readOnly: true, vectorIndex: { search: 'exact' } });
  const exact = new HybridRetriever({ embedder, store });
  const truth: Record<string, string[][]> = {};
  try {
    for (const mode of MODES) {
      const { latency, results } = await timeEach(questions, (q) => exact.retrieve(q, { k: 10, mode }).then(ids), 0);
      truth[mode] = results;
      log(`exact ${mode}: ${JSON.stringify(latency)}`);
    }
  } finally {
    await store.close();
  }
  const result = { questions, exact: truth };
  await writeFile(file, JSON.stringify(result));
  return result;
}

/** Builds the vector index again over the committed rows with other build settings, and commits it as a build would. */
async function rebuild(overrides: Partial<VectorIndexPolicy>): Promise<number> {
  // retrainGrowth 1: the plan retrains an index trained on as many rows as the table has.
  const policy = vectorIndexPolicy({ ...overrides, retrainGrowth: 1 });
  const release = await acquireCommitLock(dir);
  const db = await connect(dir);
  try {
    const state = await readState(dir);
    if (!state) throw new Error(`No committed index in ${dir}`);
    const { state: next, event } = await indexCommittedTables(db, state, policy);
    if (event.action !== 'retrained') throw new Error(`Expected a retrain, got ${event.action}`);
    await writeState(dir, next);
    return event.ms;
  } finally {
    db.close();
    await release();
  }
}

const build = values.build ? Object.fromEntries(values.build.split(',').map((kv) => kv.split('=')).map(([k, v]) => [k!, Number(v)])) : null;
let buildMs: number | null = null;
if (build) {
  log(`rebuilding with ${JSON.stringify(build)}`);
  buildMs = await rebuild(build);
  log(`rebuilt in ${(buildMs / 1000).toFixed(1)} s`);
}
const { questions, exact } = await groundTruth();

const rows = [];
for (const nprobes of list(values.nprobes!)) {
  for (const refineFactor of list(values.refine!)) {
    for (const ef of list(values.ef!)) {
      const loadAtStart = load();
      const store = await openLanceStore({ dir, readOnly: true, vectorIndex: { ef, refineFactor, nprobes } });
      try {
        // As served: warmed, with the runtime's read cache in front.
        await store.warm();
        const retriever = new HybridRetriever({ embedder, store: withReadCache(store) });
        const row: Record<string, unknown> = { ef, refineFactor, nprobes, questions: questions.length, loadAtStart };
        for (const mode of MODES) {
          const { latency, results } = await timeEach(questions, (q) => retriever.retrieve(q, { k: 10, mode }).then(ids));
          row[mode] = { ...latency, recallAt10: recallAt(results, exact[mode]!) };
        }
        row.loadAtEnd = load();
        log(JSON.stringify(row));
        rows.push(row);
      } finally {
        await store.close();
      }
    }
  }
}
emitResult({ size, build: build ?? 'as ingested', buildS: buildMs === null ? null : round(buildMs / 1000, 1), rows });
