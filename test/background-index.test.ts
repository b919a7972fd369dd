// The approximate vector index is built after the commit: new passages are answered at once (by exact search), the
// health check says a build is under way, and `remit ingest` waits for it before it ends.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { ingestDocuments } from '../src/core/ingest/ingest.js';
import type { Answer, Document } from '../src/core/schema.js';
import { openRuntime, type Runtime } from '../src/adapter/node/runtime.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import { DEFAULT_VECTOR_INDEX_POLICY } from '../src/adapter/node/lancedb/vector-index.js';
import { largeDocument } from './support/large-document.js';
import { runRemit } from './reliability/support/remit-child.js';

const REGULATORS = ['Harbour Board', 'Lighthouse Authority', 'Canal Trust', 'Ferry Commission', 'Pier Council'];
/** One-passage documents, just past the size at which the store builds an approximate index. */
const COUNT = DEFAULT_VECTOR_INDEX_POLICY.minRows + 100;
const notice = (i: number) =>
  `Notice ${i}: the ${REGULATORS[i % REGULATORS.length]} may fine operator ${i} up to ${(i % 90) + 10},000 pounds for breach ${i * 7} of its licence.`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-background-index-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('vector index built after the commit', () => {
  let runtime: Runtime;
  let server: RunningServer;
  afterAll(async () => {
    await server?.close();
  });

  it('answers at once by exact search, says so on /healthz, then serves the index once built', { timeout: 120_000 }, async () => {
    const db = join(dir, 'served');
    runtime = await openRuntime({ db, embedder: 'hashing', warn: () => {} });
    const config = loadConfig({ PORT: '0', REMIT_DB: db, LOG_LEVEL: 'error' });
    server = await serve({ config, runtime, out: () => {}, logWrite: () => {}, handleSignals: false });
    const documents: Document[] = Array.from({ length: COUNT }, (_, i) => ({ id: `doc${i}`, title: `Notice ${i}`, origin: `/notices/${i}.txt`, hash: `h${i}`, sources: [], text: notice(i) }));
    await ingestDocuments(documents, runtime);

    const health = async () => (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; chunks: number; vectorSearch?: unknown };
    expect(await health()).toMatchObject({ status: 'ok', chunks: COUNT, vectorSearch: { mode: 'exact', building: { rows: COUNT } } });
    const ask = async () =>
      (await (await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: 'How much can the Canal Trust fine operator 1237?' }) })).json()) as Answer;
    expect((await ask()).citations[0]?.quote).toContain('operator 1237');

    await runtime.store.indexed?.();
    expect((await health()).vectorSearch).toEqual({ mode: 'indexed' });
    expect((await ask()).citations[0]?.quote).toContain('operator 1237');
  });

  it('builds, on the server, the index an upload committed on its worker thread left out', { timeout: 180_000 }, async () => {
    const db = join(dir, 'uploaded');
    const token = 'background-index-token-0123456789';
    const uploader = await openRuntime({ db, embedder: 'hashing', warn: () => {} });
    const config = loadConfig({ PORT: '0', REMIT_DB: db, REMIT_EMBEDDER: 'hashing', REMIT_ADMIN_TOKEN: token, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'error' });
    const uploads = await serve({ config, runtime: uploader, out: () => {}, logWrite: () => {}, handleSignals: false });
    try {
      // Enough passages in one upload to take the index past the size that gets an approximate index.
      const text = largeDocument('report', 2_000_000);
      const response = await fetch(`${uploads.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, contentType: 'text/markdown', origin: 'uploads/report.md' }),
      });
      expect(response.status, await response.clone().text()).toBe(201);
      const { chunks } = (await response.json()) as { chunks: number };
      expect(chunks).toBeGreaterThan(DEFAULT_VECTOR_INDEX_POLICY.minRows);
      const health = async () => ((await (await fetch(`${uploads.url}/healthz`)).json()) as { vectorSearch?: unknown }).vectorSearch;
      // Under way by the time the upload is answered, on the server's runtime (the upload thread stops when idle).
      expect(await health()).toEqual({ mode: 'exact', building: { rows: chunks, since: expect.any(String) } });
      await uploader.store.indexed?.();
      expect(await health()).toEqual({ mode: 'indexed' });
    } finally {
      await uploads.close();
    }
  });

  it('`remit ingest` does not end before the index it left to build is committed', { timeout: 120_000 }, async () => {
    const folder = join(dir, 'notices');
    await mkdir(folder, { recursive: true });
    await Promise.all(Array.from({ length: COUNT }, (_, i) => writeFile(join(folder, `${String(i).padStart(5, '0')}.txt`), `${notice(i)}\n`)));
    const ingest = await runRemit(['ingest', '--db', join(dir, 'cli'), folder]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toContain(`Index: ${COUNT} documents, ${COUNT} chunks`);
    // A build that outlasts the report is waited for, and the command says so on a terminal.
    if (ingest.stderr.includes('Building the vector index')) expect(ingest.stderr).toMatch(/Vector index built in \d+\.\d s\./);
    const reopened = await openRuntime({ db: join(dir, 'cli'), warn: () => {} });
    try {
      expect(await reopened.store.vectorSearch?.()).toEqual({ mode: 'indexed' });
    } finally {
      await reopened.close();
    }
  });
});
