// HTTP throughput and latency at a synthetic corpus size (default 1k chunks): the same server and autocannon set-up as
// bench/http.ts (which measures the news index), here over the seeded corpus, two ways: every request a question not
// asked before (each answered in full), and 20 questions asked over and over (answered from the answer cache after
// their first time). The server runs as `remit serve` in its own process, as deployed: autocannon in this process
// would otherwise share the server's event loop. Run: node --import tsx bench/http-size.ts
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, loadFigures, parseSize } from './lib/measure.js';
import { serverEnv, startServer, stopServer } from './lib/remit-server.js';

const { values } = parseArgs({
  options: { size: { type: 'string', default: '1k' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const size = parseSize(values.size!);
const duration = Number(values.duration);
const connections = Number(values.connections);

// More distinct questions than the server can answer in the run, so none repeats (autocannon cycles through the list).
const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED, queries: 2000 * (duration + 2) });
const distinct = [...new Set(corpus.queries)];
const dir = await mkdtemp(join(tmpdir(), 'remit-bench-http-'));
const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
// The powers table is not on the ask path; ingestDocuments skips rebuilding it.
await ingestDocuments(corpus.documents, runtime);
await runtime.close();
// No rate limit and no logs: measure the app, not the limiter's 429s or stdout.
const { child: server, url } = await startServer(serverEnv(dir));

/**
 * Every connection takes the next question from one shared cursor. autocannon gives each connection its own pass over
 * a `requests` list, so with a list of questions the 10 connections asked each one 10 times, and all but the first
 * were answered from the answer cache: the "new question" figures of earlier runs were mostly cache hits.
 */
async function measure(questions: readonly string[], seconds: number) {
  let asked = 0;
  const ask: autocannon.Request = {
    method: 'POST',
    path: '/api/ask',
    headers: { 'content-type': 'application/json' },
    setupRequest: (request) => ({ ...request, body: JSON.stringify({ question: questions[asked++ % questions.length] }) }),
  };
  const result = await autocannon({ url, duration: seconds, connections, requests: [ask] });
  return { ...loadFigures(result), asked };
}

try {
  // Warm-up on questions the measured runs never ask.
  await measure(distinct.slice(-200), 2);
  const distinctRun = await measure(distinct.slice(0, -200), duration);
  // Past the end of the list, questions would repeat and the answer cache would answer them.
  if (distinctRun.asked > distinct.length - 200) throw new Error(`${distinctRun.asked} asks outran ${distinct.length - 200} distinct questions: draw more`);
  const repeated = await measure(distinct.slice(0, 20), duration);
  emitResult({ size, duration, connections, distinctQuestions: distinct.length - 200, ask: distinctRun, repeated });
} finally {
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
}
