// /healthz and the integrity check behind it: the check reads every row id of the index, so a health poll waits for
// it only when no verdict exists yet; afterwards it answers at once with the last verdict while a newer check runs.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { ingestIntoIndex, openRuntime, type Runtime } from '../src/adapter/node/runtime.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import { loadDocument } from '../src/core/load/index.js';
import { Document } from '../src/core/schema.js';

let dir: string;
let runtime: Runtime;
let server: RunningServer;

const article = async (origin: string, text: string) => Document.parse(await loadDocument({ origin, bytes: new TextEncoder().encode(text) }));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-health-'));
  runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {} });
  await ingestIntoIndex(runtime, [await article('harbour.md', 'The Harbour Board can fine a ship owner up to 5,000 pounds for dumping waste.')]);
  const config = loadConfig({ PORT: '0', REMIT_DB: dir, LOG_LEVEL: 'error' });
  server = await serve({ config, runtime, out: () => {}, logWrite: () => {}, handleSignals: false });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

it('answers a health poll from the last verdict while the check of a new commit is still reading', async () => {
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  // The next check is held until released: a poll that waited for it would never be answered.
  const verify = runtime.store.verify!.bind(runtime.store);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let checks = 0;
  runtime.store.verify = async () => {
    checks++;
    await held;
    return verify();
  };
  try {
    await ingestIntoIndex(runtime, [await article('lighthouse.md', 'The Lighthouse Trust may fine a keeper who leaves the lamp unlit.')]);
    const during = await fetch(`${server.url}/healthz`);
    expect(during.status).toBe(200);
    expect((await during.json()).documents).toBe(2);
    expect(checks).toBe(1);
    // One check at a time, however many polls arrive meanwhile.
    await Promise.all([1, 2, 3].map(() => fetch(`${server.url}/healthz`)));
    expect(checks).toBe(1);
  } finally {
    release();
    runtime.store.verify = verify;
  }
});
