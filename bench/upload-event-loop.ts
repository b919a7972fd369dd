// How long other requests wait while a large document is uploaded to POST /api/ingest: the server's event-loop delay
// (monitorEventLoopDelay) and /healthz latency, polled every 20 ms during the upload. Prints one JSON line.
//
//   node --import tsx bench/upload-event-loop.ts [--mb 1] [--kind report|repeated]
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/adapter/node/config.js';
import { ingestPaths, openRuntime } from '../src/adapter/node/runtime.js';
import { serve } from '../src/adapter/node/serve.js';
import { NEWS_DIR, REPO_ROOT } from '../test/support/paths.js';
import { largeDocument } from '../test/support/large-document.js';

const { values } = parseArgs({ options: { mb: { type: 'string', default: '1' }, kind: { type: 'string', default: 'report' } } });
const bytes = Number(values.mb) * 1_000_000;

const dir = await mkdtemp(join(tmpdir(), 'remit-upload-bench-'));
const token = 'upload-bench-token-0123456789abcdef';
const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
await ingestPaths(runtime, [NEWS_DIR]);
const server = await serve({
  config: loadConfig({ PORT: '0', REMIT_DB: dir, REMIT_ADMIN_TOKEN: token, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'error', REMIT_INGEST_BODY_LIMIT: '20mb' }),
  runtime,
  out: () => {},
  logWrite: () => {},
  handleSignals: false,
});
try {
  const text = largeDocument(values.kind as 'repeated' | 'report', bytes);
  // The client shares the server's event loop here, so its own work stays out of the measured window: the body is
  // encoded beforehand (as bytes: undici converts a string body on the event loop), and the server's start-up
  // (the answerer's language model, the store's caches, the first integrity check; each done once) is let finish.
  const body = new TextEncoder().encode(JSON.stringify({ text, contentType: 'text/markdown', origin: `uploads/${values.kind}.md` }));
  await runtime.warm();
  await fetch(`${server.url}/healthz`);
  const latencies: number[] = [];
  let polling = true;
  const poll = (async () => {
    while (polling) {
      const started = performance.now();
      await fetch(`${server.url}/healthz`);
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const before = performance.eventLoopUtilization();
  delay.enable();
  const started = performance.now();
  const response = await fetch(`${server.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body,
  });
  const report = await response.json();
  const uploadMs = performance.now() - started;
  delay.disable();
  const utilization = performance.eventLoopUtilization(before).utilization;
  polling = false;
  await poll;
  latencies.sort((a, b) => a - b);
  const figures = {
      kind: values.kind,
      characters: text.length,
      status: response.status,
      chunks: report.chunks,
      uploadMs: Math.round(uploadMs),
      mainThreadUtilization: Number(utilization.toFixed(3)),
      maxEventLoopDelayMs: Number((delay.max / 1e6).toFixed(1)),
      p99EventLoopDelayMs: Number((delay.percentile(99) / 1e6).toFixed(1)),
      healthz: { requests: latencies.length, p50Ms: Number(latencies[Math.floor(latencies.length / 2)]!.toFixed(1)), maxMs: Number(latencies.at(-1)!.toFixed(1)) },
      machine: { cpu: cpus()[0]?.model, cores: cpus().length, load: loadavg().map((l) => Number(l.toFixed(2))) },
      date: new Date().toISOString().slice(0, 10),
  };
  console.log(JSON.stringify(figures));
  await writeFile(join(REPO_ROOT, `bench/results/upload-event-loop-${values.kind}.json`), `${JSON.stringify(figures, null, 2)}\n`);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
