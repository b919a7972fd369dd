// A large upload to POST /api/ingest is loaded, chunked, encoded and committed on a worker thread: the server's event
// loop stays free for other requests. Checked by how busy the main thread is while the upload runs (its event loop
// utilisation, a ratio of work, not a wall time); the longest event-loop delay is recorded as a figure.
import { getPriority } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/adapter/node/config.js';
import { type RunningServer, serve } from '../../src/adapter/node/serve.js';
import { BACKGROUND_PRIORITY } from '../../src/adapter/node/thread-priority.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { largeDocument } from '../support/large-document.js';
import { threadNiceness } from '../support/thread-niceness.js';
import { recordFigures } from './support/figures.js';

const TOKEN = 'upload-off-thread-token-0123456789';
let fixture: FixtureIndex;
let server: RunningServer;

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  const config = loadConfig({ PORT: '0', REMIT_DB: fixture.dir, REMIT_ADMIN_TOKEN: TOKEN, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'error' });
  server = await serve({ config, runtime: fixture.runtime, out: () => {}, logWrite: () => {}, handleSignals: false });
});
afterAll(async () => {
  await server?.close();
  await fixture?.cleanup();
});

it('ingests a large upload on a worker thread: the main thread stays mostly idle and keeps answering', async () => {
  const text = largeDocument('report', 1_000_000);
  const delay = monitorEventLoopDelay({ resolution: 10 });
  let healthChecks = 0;
  let polling = true;
  const poll = (async () => {
    while (polling) {
      if ((await fetch(`${server.url}/healthz`)).ok) healthChecks++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const before = performance.eventLoopUtilization();
  delay.enable();
  const response = await fetch(`${server.url}/api/ingest`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ text, contentType: 'text/markdown', origin: 'uploads/annual-report.md' }),
  });
  delay.disable();
  const busy = performance.eventLoopUtilization(before);
  polling = false;
  await poll;
  expect(response.status, await response.clone().text()).toBe(201);
  const report = await response.json();
  expect(report.chunks).toBeGreaterThan(1000);
  // Loading, chunking and encoding a megabyte is seconds of CPU; on the main thread its loop was busy ~90% of the
  // upload. Here it only receives the body, hands it over and follows the commit.
  expect(busy.utilization).toBeLessThan(0.5);
  expect(healthChecks).toBeGreaterThan(3);
  if (process.platform === 'linux') {
    // The upload's threads yield the CPU to the server's: lower priority than the main thread, which keeps its own.
    const niceness = threadNiceness();
    expect([...niceness.values()]).toContain(BACKGROUND_PRIORITY);
    expect(niceness.get(process.pid)).toBe(getPriority());
    expect(getPriority()).not.toBe(BACKGROUND_PRIORITY);
  }
  const sources = await (await fetch(`${server.url}/api/sources`)).json();
  expect(sources.documents.map((d: { origin: string }) => d.origin)).toContain('uploads/annual-report.md');
  recordFigures('upload-off-thread', {
    uploadBytes: text.length,
    chunks: report.chunks,
    mainThreadUtilization: Number(busy.utilization.toFixed(3)),
    maxEventLoopDelayMs: Number((delay.max / 1e6).toFixed(1)),
    p99EventLoopDelayMs: Number((delay.percentile(99) / 1e6).toFixed(1)),
    healthChecksDuringUpload: healthChecks,
  });
});
