// HTTP throughput and latency at a synthetic corpus size (default 1k chunks): the same server and autocannon set-up as
// bench/http.ts (which measures the news index), here over the seeded corpus. Run: node --import tsx bench/http-size.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/config.js';
import { ingestDocuments } from '../src/core/ingest.js';
import { openRuntime } from '../src/node/runtime.js';
import { serve } from '../src/node/serve.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, loadFigures, parseSize } from './lib/measure.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '1k' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const size = parseSize(values.size!);
const duration = Number(values.duration);
const connections = Number(values.connections);

const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED, queries: 20 });
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-http-'));
const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
// The powers table is not on the ask path; ingestDocuments skips rebuilding it.
await ingestDocuments(corpus.documents, runtime);
// No rate limit and no logs: measure the app, not the limiter's 429s or stdout.
const config = loadConfig({ PORT: '0', REMIT_DB: dir, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'silent' });
const server = await serve({ config, runtime, out: () => {}, logWrite: () => {}, handleSignals: false });

const requests = corpus.queries.map((question) => ({
  method: 'POST' as const,
  path: '/api/ask',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ question }),
}));

async function measure(seconds: number) {
  const result = await autocannon({ url: server.url, duration: seconds, connections, requests });
  return loadFigures(result);
}

try {
  await measure(2);
  emitResult({ size, duration, connections, ask: await measure(duration) });
} finally {
  await server.close();
  await runtime.close();
  await rm(dir, { recursive: true, force: true });
}
