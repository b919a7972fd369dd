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
