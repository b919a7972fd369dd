// The Worker bundle as Cloudflare would get it, run locally in workerd: built by wrangler, D1 filled by wrangler from
// `remit export`, Vectorize answered by an exact-search stand-in over the exported vectors.ndjson.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import fc from 'fast-check';
import type { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerSystemText } from '../../src/core/answer/claude/prompts.js';
import type { AnswerEvent, Document } from '../../src/core/schema.js';
import { searchChunks } from '../../src/core/store/index-store.js';
import { runCli } from '../../src/cli/program.js';
import { ExportManifest } from '../../src/adapter/cloudflare/export/manifest.js';
import { sqlString } from '../../src/adapter/cloudflare/export/sql-literal.js';
import { loadPrompts } from '../../src/adapter/node/prompts.js';
import { readAnswerEvents } from '../../src/widget/sse.js';
import { D1VectorizeStore } from '../../src/adapter/cloudflare/d1-vectorize-store.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { type MessagesApiServer, startMessagesApiServer } from '../support/messages-api-server.js';
import { ExactVectorIndex } from './support/exact-vector-index.js';
import { createLocalWorker } from './support/local-worker.js';
import { buildWorkerBundle, compatibilityDate, d1DatabaseId, executeD1File, type WorkerBundle } from './support/wrangler.js';

let work: string;
let fixture: FixtureIndex;
let manifest: ExportManifest;
let bundle: WorkerBundle;
let vectors: ExactVectorIndex;
let mf: Miniflare;
let coldStartMs: number;
let claude: MessagesApiServer;

const BASE = 'http://remit.local';
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'remit-worker-'));
  fixture = await buildFixtureIndex();
  // Exported through the CLI a user would run: `remit export --target cloudflare --out DIR --db DIR --json`.
  let printed = '';
  const io = { out: (text: string) => void (printed += text), err: (text: string) => void (printed += text), isTTY: false, env: {}, cwd: work };
  const code = await runCli(['export', '--target', 'cloudflare', '--out', 'export', '--db', fixture.dir, '--json'], io);
  expect(code, printed).toBe(0);
  manifest = ExportManifest.parse(JSON.parse(printed));
  const persist = join(work, 'state');
  // Built and imported with wrangler itself, as a deploy would: the bundle and both SQL files must satisfy it.
  [bundle] = await Promise.all([
    buildWorkerBundle(join(work, 'bundle')),
    (async () => {
      await executeD1File(manifest.d1Database, join(work, 'export', manifest.files.schema), persist);
      await executeD1File(manifest.d1Database, join(work, 'export', manifest.files.data), persist);
    })(),
  ]);
  claude = await startMessagesApiServer();
  vectors = new ExactVectorIndex(await readFile(join(work, 'export', manifest.files.vectors[0]!), 'utf8'));

  const started = performance.now();
  mf = createLocalWorker({
    entry: bundle.entry,
    compatibilityDate: await compatibilityDate(),
    d1DatabaseId: await d1DatabaseId(),
    d1Persist: join(persist, 'v3', 'd1'),
    vectors,
    // Claude is wired (the Messages API stand-in answers), but extractive stays the default so both modes are exercised.
    vars: { REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'error', REMIT_MODE: 'extractive', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: claude.url },
  });
  await mf.ready;
  const runtimeReadyMs = performance.now() - started;
  const health = await mf.dispatchFetch(`${BASE}/healthz`);
  coldStartMs = performance.now() - started;
  expect(health.status).toBe(200);
  console.log(
    `[worker] bundle ${(bundle.rawBytes / 1024).toFixed(0)} KiB raw, ${(bundle.gzipBytes / 1024).toFixed(0)} KiB gzip (built in ${bundle.buildMs.toFixed(0)} ms); ` +
      `cold start (Miniflare start to first 200 on /healthz) ${coldStartMs.toFixed(0)} ms, of which workerd start ${runtimeReadyMs.toFixed(0)} ms; ` +
      'in workerd: the Worker bundle, Hono app, hashing embedder, extractive and Claude answerers (Anthropic SDK), D1 (SQLite + FTS5); stand-ins in Node: Vectorize (exact cosine over vectors.ndjson), the Messages API',
  );
}, 120_000);

afterAll(async () => {
  await mf?.dispose();
  await claude?.close();
  await fixture?.cleanup();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the export', () => {
  it('describes the index and the exact wrangler commands to deploy it', async () => {
    expect(manifest).toMatchObject({ embedder: 'hashing-v1-512', dimensions: 512, metric: 'cosine', documents: 5, chunks: fixture.report.chunks });
    expect(manifest.commands).toContain('npx wrangler vectorize create remit-chunks --dimensions=512 --metric=cosine');
    expect(manifest.commands).toContain('npx wrangler d1 execute remit --remote --file=export/data.sql');
    expect(vectors.size).toBe(fixture.report.chunks);
    expect(vectors.dimensions).toBe(512);
  });
});

describe('the bundle', () => {
  it('builds with wrangler, without nodejs_compat, small enough for the free plan', async () => {
    // Everything is bundled except the text modules (two prompts, the widget); a node: import would fail at deploy without nodejs_compat.
    expect(bundle.externalImports.filter((path) => !path.endsWith('.md') && !path.endsWith('-widget.js'))).toEqual([]);
    expect(bundle.externalImports).toHaveLength(3);
    expect(bundle.gzipBytes).toBeLessThan(3 * 1024 * 1024);
    expect(bundle.gzipBytes).toBeGreaterThan(0);
  });
});

describe('the Worker in workerd', () => {
  it('reports the exported index on /healthz', async () => {
    const res = await mf.dispatchFetch(`${BASE}/healthz`);
    expect(await res.json()).toEqual({ status: 'ok', documents: 5, chunks: fixture.report.chunks, embedder: 'hashing-v1-512', builtAt: manifest.builtAt });
  });

  it('lists the same sources as the local index, with byte-identical text', async () => {
    const { documents } = (await (await mf.dispatchFetch(`${BASE}/api/sources`)).json()) as { documents: Document[] };
    const local = await fixture.runtime.store.listDocuments();
    expect(documents).toEqual(JSON.parse(JSON.stringify(local)));
    for (const meta of local) {
      const remote = (await (await mf.dispatchFetch(`${BASE}/api/sources/${meta.id}`)).json()) as Document;
      expect(remote.text).toBe((await fixture.runtime.store.getDocument(meta.id))!.text);
    }
  });

  it('serves the chat page and the widget bundle it loads, embeddable from other sites', async () => {
    const page = await mf.dispatchFetch(`${BASE}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(page.headers.get('Content-Security-Policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/widget.js" defer></script>');

    const script = await mf.dispatchFetch(`${BASE}/widget.js`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('Cross-Origin-Resource-Policy')).toBe('cross-origin');
    // Byte for byte the text module wrangler uploaded: the bundle built by the [build] step, not a stale copy.
    const uploaded = (await readdir(bundle.dir)).find((name) => name.endsWith('-widget.js'))!;
    // Encoded once at most: workerd encodes bodies itself, so an app-level gzip would reach the browser as gzip inside gzip.
    const text = await script.text();
    expect(text).toBe(await readFile(join(bundle.dir, uploaded), 'utf8'));
    expect(text).toContain('remit-chat');
    const again = await mf.dispatchFetch(`${BASE}/widget.js`, { headers: { 'If-None-Match': script.headers.get('ETag')! } });
    expect(again.status).toBe(304);
  });

  it('answers as JSON with citations that are exact spans of their sources', async () => {
    const queriesBefore = vectors.queries.length;
    const res = await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: 'What is the maximum fine Ofcom can impose under the Online Safety Act?' }));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { answer: string; abstained: boolean; citations: { docId: string; start: number; end: number; quote: string }[]; mode: string };
    expect(answer.abstained).toBe(false);
    expect(answer.mode).toBe('extractive');
    expect(answer.answer).toContain('£18 million');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      const document = (await (await mf.dispatchFetch(`${BASE}/api/sources/${citation.docId}`)).json()) as Document;
      expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    // The vector half of hybrid retrieval went through the VECTORIZE binding, within Vectorize's limits.
    expect(vectors.queries.length).toBe(queriesBefore + 1);
    expect(vectors.queries.at(-1)).toMatchObject({ returnMetadata: 'none', returnValues: false });
    expect(vectors.queries.at(-1)!.topK).toBeLessThanOrEqual(100);
  });

  it("answers a repeated question from the isolate's answer cache, without searching again", async () => {
    const ask = async () => (await (await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: 'Who can Ofcom ask a court to cut a service off from?' }))).json()) as { id: string; answer: string; cached?: boolean };
    const first = await ask();
    const queriesAfterFirst = vectors.queries.length;
    const second = await ask();
    expect(first.cached).toBeUndefined();
    expect(second).toMatchObject({ cached: true, answer: first.answer });
    expect(second.id).not.toBe(first.id);
    expect(vectors.queries.length).toBe(queriesAfterFirst);
  });

  it('streams the same answer as server-sent events', async () => {
    const res = await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: 'What is the maximum fine Ofcom can impose under the Online Safety Act?' }, { Accept: 'text/event-stream' }));
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const events: AnswerEvent[] = [];
    for await (const event of readAnswerEvents(res.body as ReadableStream<Uint8Array<ArrayBuffer>>)) events.push(event);
    expect(events[0]!.type).toBe('sources');
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.type).toBe('done');
    expect(done.answer.answer).toContain('£18 million');
    expect(events.filter((e) => e.type === 'citation')).toHaveLength(done.answer.citations.length);
  });

  it('answers with Claude over the SDK, prompts bundled as text, citations mapped to exact spans', async () => {
    const res = await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: 'What is the maximum fine Ofcom can impose under the Online Safety Act?', mode: 'claude' }));
    const answer = (await res.json()) as { mode: string; warnings: string[]; citations: { docId: string; start: number; end: number; quote: string }[] };
    expect(answer).toMatchObject({ mode: 'claude', warnings: [] });
    // Sent from workerd (it stamps cf-worker on outbound fetches) with the key from the Worker's secret.
    expect(claude.requests.at(-1)!.headers).toMatchObject({ authorization: 'Bearer test-key', 'cf-worker': expect.any(String) });
    // The bundled prompt, parsed in workerd, is exactly the one Node loads: one parser, the same default version.
    const system = claude.requests.at(-1)!.body.system as { text: string; cache_control?: unknown }[];
    expect(system).toEqual([{ type: 'text', text: answerSystemText((await loadPrompts()).answer), cache_control: { type: 'ephemeral' } }]);
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      const document = (await (await mf.dispatchFetch(`${BASE}/api/sources/${citation.docId}`)).json()) as Document;
      expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  });

  it('abstains when the sources do not cover the question', async () => {
    const res = await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: 'What is the boiling point of liquid nitrogen in kelvin?' }));
    const answer = (await res.json()) as { abstained: boolean; citations: unknown[] };
    expect(answer.abstained).toBe(true);
    expect(answer.citations).toEqual([]);
  });

  it('stores feedback in D1', async () => {
    const res = await mf.dispatchFetch(`${BASE}/api/feedback`, post({ answerId: 'ans_worker_test', rating: 'up', comment: "it's right" }));
    expect(res.status).toBe(201);
    const db = await mf.getD1Database('DB');
    const row = await db.prepare('SELECT answer_id, rating, comment FROM feedback WHERE answer_id = ?1').bind('ans_worker_test').first();
    expect(row).toEqual({ answer_id: 'ans_worker_test', rating: 'up', comment: "it's right" });
  });

  it('serves MCP at /mcp with the SDK web-standard transport: tools whose quotes are exact spans of get_source', async () => {
    const client = new Client({ name: 'remit-worker-test', version: '0' });
    // Through workerd (dispatchFetch), exactly as a remote MCP client's requests would arrive.
    await client.connect(new StreamableHTTPClientTransport(new URL(`${BASE}/mcp`), { fetch: (url, init) => mf.dispatchFetch(String(url), init as never) as never }));
    try {
      expect((await client.listTools()).tools.map((t) => t.name).sort()).toEqual(['ask', 'get_source', 'list_powers', 'search_sources']);
      const asked = await client.callTool({ name: 'ask', arguments: { question: 'What is the maximum fine Ofcom can impose under the Online Safety Act?' } });
      const answer = asked.structuredContent as { abstained: boolean; citations: { docId: string; start: number; end: number; quote: string }[] };
      expect(answer.abstained).toBe(false);
      expect(answer.citations.length).toBeGreaterThan(0);
      for (const citation of answer.citations) {
        const span = await client.callTool({ name: 'get_source', arguments: { docId: citation.docId, start: citation.start, end: citation.end } });
        expect((span.structuredContent as { text: string }).text).toBe(citation.quote);
      }
      const passages = (await client.callTool({ name: 'search_sources', arguments: { query: 'Ofcom fine', k: 2 } })).structuredContent as { passages: unknown[] };
      expect(passages.passages).toHaveLength(2);
      expect(((await client.callTool({ name: 'list_powers', arguments: { regulator: 'Ofcom' } })).structuredContent as { powers: unknown[] }).powers.length).toBeGreaterThan(0);
      const missing = await client.callTool({ name: 'get_source', arguments: { docId: 'doc_missing' } });
      expect(missing.isError).toBe(true);
      expect(JSON.parse((missing.content as { text: string }[])[0]!.text)).toMatchObject({ code: 'not_found', status: 404 });
      expect((await client.callTool({ name: 'ask', arguments: { question: '' } })).isError).toBe(true);
      expect((await client.listResources()).resources).toHaveLength(5);
    } finally {
      await client.close();
    }
  });

  it('answers problem details for unknown documents and bad input', async () => {
    expect((await mf.dispatchFetch(`${BASE}/api/sources/doc_missing`)).status).toBe(404);
    expect((await mf.dispatchFetch(`${BASE}/api/ask`, post({ question: '' }))).status).toBe(400);
  });
});

describe('the D1 store against the imported database', () => {
  const store = async () => new D1VectorizeStore({ db: (await mf.getD1Database('DB')) as never, vectors });

  it('searches text safely whatever the user types', async () => {
    const s = await store();
    for (const hostile of ['"); DROP TABLE chunks; --', 'NEAR(ofcom fine) AND NOT *', "Ofcom's \"fine\" OR", '^ofcom:*', '']) {
      await expect(s.searchText(hostile, 5)).resolves.toBeInstanceOf(Array);
    }
    const hits = await searchChunks(s, { text: 'Ofcom fine £18 million' }, 5);
    expect(hits[0]!.chunk.text).toContain('18 million');
    // A ref whose row is gone (a half-finished re-import) reads as absent, not as an error.
    expect((await s.readChunks(['no-such-chunk', hits[0]!.chunk.id])).size).toBe(1);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    expect(await s.info()).toMatchObject({ documents: 5, chunks: fixture.report.chunks });
  });

  it('is read-only at the edge, with a clear error', async () => {
    await expect((await store()).commit()).rejects.toMatchObject({ code: 'index_unwritable' });
  });

  it('round-trips any string through the exporter SQL literals', async () => {
    const db = await mf.getD1Database('DB');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 40 }), async (values) => {
        const statements = values.map((v) => db.prepare(`SELECT ${sqlString(v)} AS v`));
        const results = await db.batch<{ v: string }>(statements);
        expect(results.map((r) => r.results[0]!.v)).toEqual(values);
      }),
      { numRuns: 10 },
    );
  });
});
