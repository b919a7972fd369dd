// The powers table commits with the index: merged at each commit from the facts stored with each document, published
// by the same state.json switch, identical to the rules over every document, and healed for an index from before.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { ingestPaths, openRuntime, type Runtime } from '../src/adapter/node/runtime.js';
import { serve } from '../src/adapter/node/serve.js';
import { extractPowers } from '../src/core/powers/extract.js';
import { enforcerIndex, extractFacts } from '../src/core/powers/facts.js';
import { mergeFacts } from '../src/core/powers/merge.js';
import { type Power, PowersTable } from '../src/core/powers/schema.js';
import type { Document } from '../src/core/schema.js';
import { downgradeToFirstLayout } from './support/first-layout-index.js';
import { startMessagesApiServer, type MessagesApiServer } from './support/messages-api-server.js';
import { CORPUS_DIR, NEWS_DIR } from './support/paths.js';

/** The table as it was computed before it was committed: the rules over every document, in origin order. */
function rulesOverAll(documents: readonly Document[]): Power[] {
  const ordered = [...documents].sort((a, b) => a.origin.localeCompare(b.origin));
  const enforcers = enforcerIndex(ordered);
  return mergeFacts(ordered.flatMap((document) => extractFacts(document, enforcers)));
}

async function documentsOf(runtime: Runtime): Promise<Document[]> {
  const documents = await Promise.all((await runtime.store.listDocuments()).map((meta) => runtime.store.getDocument(meta.id)));
  return documents.filter((d): d is Document => d !== null);
}

async function committedTable(dir: string): Promise<PowersTable> {
  const state = JSON.parse(await readFile(join(dir, 'state.json'), 'utf8'));
  expect(state.powers).toMatch(/^powers-\d+\.json$/);
  return PowersTable.parse(JSON.parse(await readFile(join(dir, state.powers), 'utf8')));
}

const dirs: string[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function freshRuntime(options: Partial<Parameters<typeof openRuntime>[0]> = {}): Promise<Runtime> {
  const dir = await mkdtemp(join(tmpdir(), 'remit-powers-commit-'));
  dirs.push(dir);
  const runtime = await openRuntime({ db: dir, embedder: 'hashing', warn: () => {}, ...options });
  runtimes.push(runtime);
  return runtime;
}

describe('the powers table committed with the index', () => {
  it('is the rules over every document (corpus and news), published by state.json, built at the commit', async () => {
    const runtime = await freshRuntime();
    await ingestPaths(runtime, [CORPUS_DIR, NEWS_DIR]);
    const documents = await documentsOf(runtime);
    const table = await runtime.store.powers!();
    expect(table).not.toBeNull();
    expect(table!.powers).toEqual(rulesOverAll(documents));
    expect(table!.powers.length).toBeGreaterThan(10);
    // extractPowers (what the Worker computes from its documents) agrees too.
    expect(table!.powers).toEqual(extractPowers([...documents].sort((a, b) => a.origin.localeCompare(b.origin))));
    expect(table).toMatchObject({ extractor: 'rules', documents: documents.length, builtAt: (await runtime.store.info())!.builtAt });
    expect(await committedTable(runtime.db)).toEqual(table);
    expect(await readdir(runtime.db)).not.toContain('powers.json');
  });

  it('stays the rules over every document through adds, moves, replacements and prunes', async () => {
    const runtime = await freshRuntime();
    const work = await mkdtemp(join(tmpdir(), 'remit-powers-files-'));
    dirs.push(work);
    const corpus = join(work, 'corpus');
    await cp(CORPUS_DIR, corpus, { recursive: true });
    const steps: [string[], { prune?: boolean }][] = [
      [[NEWS_DIR], {}],
      [[NEWS_DIR, corpus], {}],
      [[corpus], { prune: true }],
    ];
    for (const [paths, options] of steps) {
      await ingestPaths(runtime, paths, options);
      expect((await runtime.store.powers!())!.powers).toEqual(rulesOverAll(await documentsOf(runtime)));
    }
    // A moved folder: every citation's origin follows it.
    const moved = join(work, 'moved');
    await cp(corpus, moved, { recursive: true });
    await rm(corpus, { recursive: true });
    const report = await ingestPaths(runtime, [moved], { prune: true });
    expect(report.moved.length).toBeGreaterThan(20);
    const table = (await runtime.store.powers!())!;
    expect(table.powers).toEqual(rulesOverAll(await documentsOf(runtime)));
    expect(JSON.stringify(table)).not.toContain(`${corpus}/`);
  });

  it('heals an index from before (no table, no stored facts): on the next ingest, even when nothing changed', async () => {
    const runtime = await freshRuntime();
    await ingestPaths(runtime, [NEWS_DIR]);
    const dir = runtime.db;
    await runtime.close();
    runtimes.pop();
    await downgradeToFirstLayout(dir);

    const reopened = await openRuntime({ db: dir, warn: () => {} });
    runtimes.push(reopened);
    expect(await reopened.store.powers!()).toBeNull();
    const report = await ingestPaths(reopened, [NEWS_DIR]);
    expect(report.unchanged).toHaveLength(5);
    const table = await reopened.store.powers!();
    expect(table!.powers).toEqual(rulesOverAll(await documentsOf(reopened)));
    expect(await committedTable(dir)).toEqual(table);
    expect(await readdir(dir)).not.toContain('powers.json');
    // Nothing left to heal: the next unchanged ingest commits nothing.
    const builtAt = (await reopened.store.info())!.builtAt;
    await ingestPaths(reopened, [NEWS_DIR]);
    expect((await reopened.store.info())!.builtAt).toBe(builtAt);
  });

  it('heals an index from before when a server opens it, serving the rules meanwhile', async () => {
    const runtime = await freshRuntime();
    await ingestPaths(runtime, [NEWS_DIR]);
    const expected = rulesOverAll(await documentsOf(runtime));
    const dir = runtime.db;
    await runtime.close();
    runtimes.pop();
    await downgradeToFirstLayout(dir);
    const logs: string[] = [];
    const server = await serve({ config: loadConfig({ PORT: '0', REMIT_DB: dir, REMIT_RATE_LIMIT: '0' }), out: () => {}, logWrite: (line) => logs.push(line), handleSignals: false });
    try {
      expect((await (await fetch(`${server.url}/api/powers`)).json()).powers).toEqual(expected);
      while (!logs.some((line) => line.includes('"powers table built"'))) await new Promise((r) => setTimeout(r, 20));
      expect((await committedTable(dir)).powers).toEqual(expected);
      expect((await (await fetch(`${server.url}/api/powers`)).json()).powers).toEqual(expected);
    } finally {
      await server.close();
    }
  });
});

describe('with an Anthropic key (the local Messages API stand-in)', () => {
  let api: MessagesApiServer;
  beforeAll(async () => {
    api = await startMessagesApiServer();
  });
  afterAll(() => api.close());

  it('commits Claude’s verified facts as the table, and falls back to the rules with a warning when a call fails', async () => {
    const runtime = await freshRuntime({ anthropic: { apiKey: 'test-key', baseURL: api.url, maxRetries: 0 } });
    const report = await ingestPaths(runtime, [NEWS_DIR]);
    expect(report.warnings).toEqual([]);
    const table = (await runtime.store.powers!())!;
    expect(table.extractor).toBe('claude');
    const fine = table.powers.find((p) => p.regulator === 'Ofcom' && p.kind === 'fine')!;
    expect(fine.citations.kind!.length).toBeGreaterThan(0);
    const documents = new Map((await documentsOf(runtime)).map((d) => [d.id, d]));
    for (const citation of Object.values(fine.citations).flat()) expect(documents.get(citation!.docId)!.text.slice(citation!.start, citation!.end)).toBe(citation!.quote);
    expect(api.requests.filter((r) => (r.body.tools as { name: string }[] | undefined)?.[0]?.name === 'record_powers')).toHaveLength(5);

    api.fail(500);
    const work = await mkdtemp(join(tmpdir(), 'remit-powers-extra-'));
    dirs.push(work);
    await cp(join(CORPUS_DIR, 'ofcom-maximum-penalties.md'), join(work, 'ofcom-maximum-penalties.md'));
    const failed = await ingestPaths(runtime, [work]);
    expect(failed.warnings).toEqual([{ origin: join(work, 'ofcom-maximum-penalties.md'), message: expect.stringMatching(/^Claude could not extract powers .*remit powers --rebuild/) }]);
    const rules = (await runtime.store.powers!())!;
    expect(rules.extractor).toBe('rules');
    expect(rules.powers).toEqual(rulesOverAll(await documentsOf(runtime)));
  });

  it('extracts with Claude for an upload too, on the server’s ingest thread', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'remit-powers-upload-'));
    dirs.push(dir);
    const token = 'u'.repeat(32);
    const config = loadConfig({ PORT: '0', REMIT_DB: dir, REMIT_ADMIN_TOKEN: token, REMIT_EMBEDDER: 'hashing', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: api.url, REMIT_MODE: 'extractive' });
    const server = await serve({ config, out: () => {}, logWrite: () => {}, handleSignals: false });
    try {
      const text = 'Ofcom can fine a provider up to £18 million under the Online Safety Act. Ofcom may also fine a senior manager.';
      const response = await fetch(`${server.url}/api/ingest`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text, origin: 'uploads/ofcom.txt' }),
      });
      expect(response.status).toBe(201);
      const table = await (await fetch(`${server.url}/api/powers`)).json();
      expect(table).toMatchObject({ extractor: 'claude', documents: 1 });
      const quotes = table.powers.find((p: Power) => p.regulator === 'Ofcom' && p.kind === 'fine').citations.kind.map((c: { quote: string }) => c.quote);
      expect(quotes).toEqual(expect.arrayContaining(text.split(/(?<=\.) /)));
    } finally {
      await server.close();
    }
  });
});
