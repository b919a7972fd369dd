// Latency of one `ask` as an assistant makes it, at a synthetic corpus size (default 1k chunks), three ways side by
// side: the MCP `ask` tool over stdio (a `remit mcp` child, through the SDK's client), the same tool over Streamable
// HTTP (`/mcp` on a `remit serve` child, the SDK's client), and `POST /api/ask` on that server (fetch). One client,
// one call at a time, the three interleaved question by question so load on the machine falls on all of them alike;
// every question is new (none is answered from the answer cache). The server's own time for the answer
// (Answer.timings.totalMs) is reported beside each, so what a transport adds is latency minus that.
// Run: node --import tsx bench/mcp-size.ts [--size 1k] [--calls 300]
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { openRuntime } from '../src/adapter/node/runtime.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import type { Answer } from '../src/core/schema.js';
import { DEFAULT_SEED, syntheticCorpus } from './corpus.js';
import { emitResult, parseSize, percentile, round } from './lib/measure.js';
import { REMIT_CLI, serverEnv, startServer, stopServer } from './lib/remit-server.js';

const { values } = parseArgs({ options: { size: { type: 'string', default: '1k' }, calls: { type: 'string', default: '300' }, 'warm-up': { type: 'string', default: '20' } } });
const size = parseSize(values.size!);
const calls = Number(values.calls);
const warmUp = Number(values['warm-up']);

type Way = 'mcp stdio' | 'mcp http' | 'POST /api/ask';
const WAYS: Way[] = ['mcp stdio', 'mcp http', 'POST /api/ask'];

// Each way gets its own questions, so a question one way asked is never a cache hit for another.
const perWay = calls + warmUp;
const corpus = await syntheticCorpus({ chunks: size, seed: DEFAULT_SEED, queries: WAYS.length * perWay * 2 });
const distinct = [...new Set(corpus.queries)];
if (distinct.length < WAYS.length * perWay) throw new Error(`${distinct.length} distinct questions, ${WAYS.length * perWay} needed: draw more`);
const questions = (way: number) => distinct.slice(way * perWay, (way + 1) * perWay);

const dir = await mkdtemp(join(tmpdir(), 'remit-bench-mcp-'));
const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
await ingestDocuments(corpus.documents, runtime);
const chunks = (await runtime.store.info())?.chunks;
await runtime.close();

const env = serverEnv(dir);
const { child: server, url } = await startServer(env);
const stdio = new Client({ name: 'remit-bench', version: '0' });
const http = new Client({ name: 'remit-bench', version: '0' });

const viaTool = (client: Client) => async (question: string): Promise<Answer> => {
  const result = (await client.callTool({ name: 'ask', arguments: { question } })) as CallToolResult;
  if (result.isError) throw new Error(`ask failed: ${JSON.stringify(result.content)}`);
  return result.structuredContent as Answer;
};
const viaApi = async (question: string): Promise<Answer> => {
  const res = await fetch(`${url}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question }) });
  if (!res.ok) throw new Error(`POST /api/ask: ${res.status} ${await res.text()}`);
  return (await res.json()) as Answer;
};

try {
  await stdio.connect(new StdioClientTransport({ command: process.execPath, args: [REMIT_CLI, 'mcp'], env: env as Record<string, string>, stderr: 'ignore' }));
  await http.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  const run: Record<Way, (question: string) => Promise<Answer>> = { 'mcp stdio': viaTool(stdio), 'mcp http': viaTool(http), 'POST /api/ask': viaApi };
  const samples = Object.fromEntries(WAYS.map((way) => [way, { ms: [] as number[], serverMs: [] as number[], cached: 0 }]));
  for (let i = 0; i < perWay; i++) {
    for (const [w, way] of WAYS.entries()) {
      const started = performance.now();
      const answer = await run[way](questions(w)[i]!);
      const ms = performance.now() - started;
      if (i < warmUp) continue;
      samples[way]!.ms.push(ms);
      samples[way]!.serverMs.push(answer.timings.totalMs);
      if (answer.cached) samples[way]!.cached += 1;
    }
  }
  const rows = WAYS.map((way) => {
    const { ms, serverMs, cached } = samples[way]!;
    return { way, p50Ms: round(percentile(ms, 50)), p99Ms: round(percentile(ms, 99)), serverP50Ms: round(percentile(serverMs, 50)), n: ms.length, cached };
  });
  const api = rows.find((r) => r.way === 'POST /api/ask')!;
  const result = {
    size,
    chunks,
    calls,
    cpu: cpus()[0]?.model,
    loadAverage1m: round(loadavg()[0]!, 2),
    rows: rows.map((r) => ({ ...r, p50VsApi: round(r.p50Ms / api.p50Ms, 2) })),
  };
  process.stderr.write(`${JSON.stringify(result, null, 2)}\n`);
  emitResult(result);
} finally {
  await Promise.allSettled([stdio.close(), http.close()]);
  await stopServer(server);
  await rm(dir, { recursive: true, force: true });
}
