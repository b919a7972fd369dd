// HTTP throughput and latency with autocannon against a loopback server over the news index (extractive answers).
// The load generator shares the machine's cores with the server, so figures are a floor, not a ceiling.
//
// Run: node --import tsx bench/http.ts [--duration 10] [--connections 10]
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../src/adapter/node/config.js';
import { serve } from '../src/adapter/node/serve.js';
import { buildFixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';
import { loadFigures } from './lib/measure.js';

const QUESTIONS = [
  'What can Ofcom fine under the Online Safety Act?',
  'Can Ofcom block X in the UK?',
  'Which countries have blocked Grok?',
  'What is Ofcom investigating about Grok?',
];

interface Row {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

const { values } = parseArgs({ options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } } });
const duration = Number(values.duration);
const connections = Number(values.connections);

const fixture = await buildFixtureIndex();
// No rate limit and no logs: measure the app, not the limiter's 429s or stdout.
const config = loadConfig({ PORT: '0', REMIT_DB: fixture.dir, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'silent' });
const server = await serve({ config, runtime: fixture.runtime, out: () => {}, logWrite: () => {}, handleSignals: false });

async function measure(name: string, requests: autocannon.Request[], seconds = duration): Promise<Row> {
  const result = await autocannon({ url: server.url, duration: seconds, connections, requests });
  return { name, ...loadFigures(result) };
}

const askRequests = QUESTIONS.map((question) => ({
  method: 'POST' as const,
  path: '/api/ask',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ question }),
}));

try {
  await measure('warm-up', askRequests, 2);
  const rows = [
    await measure('GET /healthz', [{ method: 'GET', path: '/healthz' }]),
    await measure('POST /api/ask (extractive)', askRequests),
  ];
  console.table(rows);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    // Other work on the machine skews the figures; the 1-minute load average at the end says how much.
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
    settings: { duration, connections, index: { documents: fixture.report.added.length, chunks: (await fixture.runtime.store.info())?.chunks }, questions: QUESTIONS },
    rows,
  };
  await mkdir(join(REPO_ROOT, 'bench/results'), { recursive: true });
  await writeFile(join(REPO_ROOT, 'bench/results/http.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log('wrote bench/results/http.json');
} finally {
  await server.close();
  await fixture.cleanup();
}
