// A server serves what a `remit ingest` in another process commits, without a restart.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import type { Answer } from '../src/core/schema.js';
import { ingestPaths, openRuntime } from '../src/adapter/node/runtime.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import { STATE_FILE } from '../src/adapter/node/lancedb/state-file.js';
import { runRemit } from './reliability/support/remit-child.js';

let dir: string;
let server: RunningServer;
const logs: Record<string, unknown>[] = [];

async function writeArticle(folder: string, name: string, title: string, text: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, name), `---\ntitle: ${title}\npublisher: Test Desk\ndate: 2026-11-01\n---\n\n${text}\n`);
  return folder;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-follow-'));
  const harbour = await writeArticle(join(dir, 'first'), 'harbour.md', 'Harbour Board fines', 'The Harbour Board can fine a ship owner up to 5,000 pounds for dumping waste in the harbour. Fines are paid within 28 days.');
  const runtime = await openRuntime({ db: join(dir, 'index'), embedder: 'hashing', warn: () => {} });
  await ingestPaths(runtime, [harbour]);
  const config = loadConfig({ PORT: '0', REMIT_DB: join(dir, 'index'), LOG_LEVEL: 'info' });
  server = await serve({ config, runtime, indexPollMs: 50, out: () => {}, logWrite: (line) => logs.push(JSON.parse(line)), handleSignals: false });
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const sourceTitles = async () => ((await (await fetch(`${server.url}/api/sources`)).json()) as { documents: { title: string }[] }).documents.map((d) => d.title);
const ask = async (question: string) =>
  (await (await fetch(`${server.url}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question }) })).json()) as Answer;

it('serves a document that another process ingested while it runs', { timeout: 60_000 }, async () => {
  expect(await sourceTitles()).toEqual(['Harbour Board fines']);

  const lighthouse = await writeArticle(
    join(dir, 'second'),
    'lighthouse.md',
    'Lighthouse Authority powers',
    'The Lighthouse Authority can suspend a harbour pilot licence for six months after a collision. A suspended pilot may appeal to the tribunal.',
  );
  const ingest = await runRemit(['ingest', '--db', join(dir, 'index'), lighthouse]);
  expect(ingest.code, ingest.stderr).toBe(0);

  const deadline = Date.now() + 10_000;
  while (!(await sourceTitles()).includes('Lighthouse Authority powers') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect((await sourceTitles()).sort()).toEqual(['Harbour Board fines', 'Lighthouse Authority powers']);

  const answer = await ask('How long can the Lighthouse Authority suspend a pilot licence?');
  expect(answer.abstained).toBe(false);
  expect(answer.citations.map((c) => c.quote).join(' ')).toContain('six months');
  expect(logs.some((line) => line.msg === 'index changed' && line.documents === 2)).toBe(true);
  // The caches are loaded once at start and again after the change, before any question needs them.
  const warmed = () => logs.filter((line) => line.msg === 'index warmed').length;
  while (warmed() < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(warmed()).toBeGreaterThanOrEqual(2);
  expect(logs.filter((line) => line.msg === 'index warm-up failed')).toEqual([]);
});

it('keeps serving the last good index while state.json is damaged, and says so once', { timeout: 30_000 }, async () => {
  const statePath = join(dir, 'index', STATE_FILE);
  const good = await readFile(statePath, 'utf8');
  const before = await sourceTitles();
  const warnings = () => logs.filter((line) => line.msg === 'index refresh failed').length;
  await writeFile(statePath, good.slice(0, good.length >> 1));
  try {
    const deadline = Date.now() + 5_000;
    while (warnings() === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // Many ticks later: one warning, and the index served as it was.
    await new Promise((r) => setTimeout(r, 500));
    expect(warnings()).toBe(1);
    expect(await sourceTitles()).toEqual(before);
    expect((await ask('How long can the Lighthouse Authority suspend a pilot licence?')).abstained).toBe(false);
  } finally {
    await writeFile(statePath, good);
  }
});

it('follows an index deleted and built again at the same path while it serves, at the same table versions', { timeout: 120_000 }, async () => {
  const index = join(dir, 'recreated');
  const build = async (folder: string) => {
    const runtime = await openRuntime({ db: index, embedder: 'hashing', warn: () => {} });
    await ingestPaths(runtime, [folder]);
    await runtime.close();
  };
  const dunes = await writeArticle(join(dir, 'dunes'), 'dunes.md', 'Dune Wardens', 'The Dune Wardens can fine a walker up to 80 pounds for leaving the marked paths.');
  await build(dunes);
  const own = await serve({ config: loadConfig({ PORT: '0', REMIT_DB: index, REMIT_RATE_LIMIT: '0' }), indexPollMs: 50, out: () => {}, logWrite: () => {}, handleSignals: false });
  const titles = async () => {
    const response = await fetch(`${own.url}/api/sources`);
    const body = (await response.json()) as { documents?: { title: string }[]; code?: string };
    return body.documents?.map((d) => d.title) ?? [`HTTP ${response.status} ${body.code}`];
  };
  try {
    expect(await titles()).toEqual(['Dune Wardens']);
    await rm(index, { recursive: true, force: true });
    // The server notices the index is gone (503), then it is built again from one ingest, as before.
    let deadline = Date.now() + 20_000;
    while ((await fetch(`${own.url}/healthz`)).status !== 503 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const tides = await writeArticle(join(dir, 'tides'), 'tides.md', 'Tide Office notices', 'The Tide Office can close a slipway for up to three days when a storm surge is forecast.');
    await build(tides);

    deadline = Date.now() + 20_000;
    while (JSON.stringify(await titles()) !== JSON.stringify(['Tide Office notices']) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await titles()).toEqual(['Tide Office notices']);
    let health = await fetch(`${own.url}/healthz`);
    while (health.status !== 200 && Date.now() < deadline) health = await new Promise((r) => setTimeout(r, 100)).then(() => fetch(`${own.url}/healthz`));
    expect(health.status, await health.clone().text()).toBe(200);
    const answer = (await (await fetch(`${own.url}/api/ask`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ question: 'How long can the Tide Office close a slipway?' }) })).json()) as Answer;
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]!.quote).toContain('three days');
    const powers = await (await fetch(`${own.url}/api/powers`)).json();
    expect(powers.documents).toBe(1);
  } finally {
    await own.close();
  }
});
