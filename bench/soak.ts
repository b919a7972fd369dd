// Soak: a real `remit serve` child on loopback under mixed traffic (ask, sources, health) for a bounded time,
// sampling the server's RSS every 5 s. Passes with zero 5xx and RSS growth under 10% after warm-up; stops by itself.
// The load generator shares the machine's cores with the server, so latencies are a floor, not a ceiling.
//
// Run: node --import tsx bench/soak.ts [--minutes 10] [--connections 6]   (writes bench/results/soak-<minutes>m.json)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { CORPUS_DIR, NEWS_DIR, REPO_ROOT } from '../test/support/paths.js';
import { REMIT_CLI, serverEnv, startServer, stopServer } from './lib/remit-server.js';

export const RSS_GROWTH_LIMIT = 0.1;
const SAMPLE_MS = 5_000;

const QUESTIONS = [
  'What can Ofcom fine under the Online Safety Act?',
  'Can Ofcom block X in the UK?',
  'Which countries have blocked Grok?',
  'What can the eSafety Commissioner do?',
  'What fines can the European Commission impose under the DSA?',
  'Who won the football last night?',
];

export interface RouteFigures {
  route: string;
  connections: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  status5xx: number;
  non2xx: number;
  errors: number;
}

export interface SoakResult {
  date: string;
  minutes: number;
  node: string;
  cpus: number;
  loadAverage1m: number;
  index: { documents: number; chunks: number };
  routes: RouteFigures[];
  total: { requests: number; status5xx: number; errors: number };
  rss: { warmupSeconds: number; baselineMb: number; finalMb: number; maxMb: number; growth: number; samples: number[] };
  passed: boolean;
}

export interface SoakOptions {
  minutes: number;
  /** Connections for /api/ask; sources and health get one each. */
  askConnections?: number;
  log?: (line: string) => void;
}

/** Env for the child processes: offline embedder, no rate limit, no access logs. */
function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [REMIT_CLI, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`remit ${args[0]} exited ${code}: ${err}`))));
  });
}

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

export async function runSoak(options: SoakOptions): Promise<SoakResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seconds = Math.round(options.minutes * 60);
  // Warm-up: caches, JIT and LanceDB's readers settle in the first minute; growth is measured from its end.
  const warmupSeconds = Math.min(60, Math.round(seconds * 0.25));
  const db = await mkdtemp(join(tmpdir(), 'remit-soak-'));
  const env = serverEnv(db);
  let server: ChildProcess | undefined;
  try {
    const report = JSON.parse(await run(['ingest', NEWS_DIR, CORPUS_DIR, '--json'], env)) as { index: { documents: number; chunks: number } };
    const started = await startServer(env);
    server = started.child;
    log(`soak: ${options.minutes} min against ${started.url} (${report.index.documents} documents, ${report.index.chunks} chunks)`);

    const samples: { at: number; mb: number }[] = [];
    const t0 = Date.now();
    const sampler = setInterval(() => {
      void rssMb(server!.pid!).then((mb) => samples.push({ at: (Date.now() - t0) / 1000, mb }), () => {});
    }, SAMPLE_MS);

    const ask = QUESTIONS.map((question) => ({
      method: 'POST' as const,
      path: '/api/ask',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question }),
    }));
    // Asks run flat out; listings and health checks at a steady rate, as a page and a load balancer would send them.
    const traffic: [string, number, autocannon.Request[], number | undefined][] = [
      ['POST /api/ask', options.askConnections ?? 4, ask, undefined],
      ['GET /api/sources', 1, [{ method: 'GET', path: '/api/sources' }], 20],
      ['GET /healthz', 1, [{ method: 'GET', path: '/healthz' }], 100],
    ];
    const results = await Promise.all(
      traffic.map(([route, connections, requests, overallRate]) =>
        autocannon({ url: started.url, duration: seconds, connections, requests, overallRate, timeout: 30 }).then((result) => ({ route, connections, result })),
      ),
    );
    clearInterval(sampler);

    const routes: RouteFigures[] = results.map(({ route, connections, result }) => ({
      route,
      connections,
      requests: result.requests.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      status5xx: result['5xx'],
      non2xx: result.non2xx,
      errors: result.errors + result.timeouts,
    }));
    const warm = samples.filter((s) => s.at <= warmupSeconds).slice(-3).map((s) => s.mb);
    const tail = samples.slice(-3).map((s) => s.mb);
    const baselineMb = median(warm.length ? warm : samples.slice(0, 1).map((s) => s.mb));
    const finalMb = median(tail);
    const growth = baselineMb ? finalMb / baselineMb - 1 : 0;
    const total = {
      requests: routes.reduce((n, r) => n + r.requests, 0),
      status5xx: routes.reduce((n, r) => n + r.status5xx, 0),
      errors: routes.reduce((n, r) => n + r.errors, 0),
    };
    return {
      date: new Date().toISOString(),
      minutes: options.minutes,
      node: process.version,
      cpus: cpus().length,
      loadAverage1m: round(loadavg()[0]!, 2),
      index: { documents: report.index.documents, chunks: report.index.chunks },
      routes,
      total,
      rss: {
        warmupSeconds,
        baselineMb: round(baselineMb),
        finalMb: round(finalMb),
        maxMb: round(Math.max(...samples.map((s) => s.mb))),
        growth: round(growth, 4),
        samples: samples.map((s) => round(s.mb)),
      },
      passed: total.status5xx === 0 && total.errors === 0 && growth < RSS_GROWTH_LIMIT,
    };
  } finally {
    if (server) await stopServer(server);
    await rm(db, { recursive: true, force: true });
  }
}

export const soakResultPath = (minutes: number) => join(REPO_ROOT, 'bench/results', `soak-${minutes}m.json`);

export async function writeSoakResult(result: SoakResult): Promise<string> {
  const path = soakResultPath(result.minutes);
  await mkdir(join(REPO_ROOT, 'bench/results'), { recursive: true });
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
  return path;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '4' } } });
  const result = await runSoak({ minutes: Number(values.minutes), askConnections: Number(values.connections) });
  console.table(result.routes);
  console.log(
    `RSS ${result.rss.baselineMb} MB after ${result.rss.warmupSeconds}s warm-up -> ${result.rss.finalMb} MB at the end ` +
      `(${round(result.rss.growth * 100)}% growth, max ${result.rss.maxMb} MB); 5xx: ${result.total.status5xx}; errors: ${result.total.errors}`,
  );
  console.log(`wrote ${await writeSoakResult(result)}; ${result.passed ? 'PASSED' : 'FAILED'}`);
  process.exitCode = result.passed ? 0 : 1;
}
