// The HTTP API over a real index of the shared news articles, served on a real port.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { chunkDocument } from '../src/core/ingest/chunk.js';
import { minHashSignature } from '../src/core/ingest/dedup.js';
import { loadDocument } from '../src/core/load/index.js';
import { type AnswerEvent, Document } from '../src/core/schema.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import { readAnswerEvents } from '../src/widget/sse.js';
import { buildFixtureIndex, type FixtureIndex } from './support/fixture-index.js';

const TOKEN = 'http-test-admin-token-0123456789';
let fixture: FixtureIndex;
let server: RunningServer;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  const config = loadConfig({ PORT: '0', REMIT_DB: fixture.dir, REMIT_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'info' });
  server = await serve({ config, runtime: fixture.runtime, out: () => {}, logWrite: (line) => logs.push(JSON.parse(line)), handleSignals: false });
});
afterAll(async () => {
  await server?.close();
  await fixture?.cleanup();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('HTTP over the news index', () => {
  it('reports the index on /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', documents: 5, chunks: expect.any(Number), embedder: expect.stringMatching(/^hashing/) });
  });

  it('streams an answer whose citations are exact spans of /api/sources/:id', async () => {
    const res = await post('/api/ask', { question: 'What can Ofcom fine under the Online Safety Act?' }, { Accept: 'text/event-stream' });
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const events: AnswerEvent[] = [];
    for await (const event of readAnswerEvents(res.body!)) events.push(event);
    expect(events[0]!.type).toBe('sources');
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error(`stream ended with ${done?.type}`);
    expect(done.answer.abstained).toBe(false);
    expect(done.answer.answer).toContain('£18 million');
    for (const citation of done.answer.citations) {
      const source: Document = await (await fetch(`${server.url}/api/sources/${citation.docId}`)).json();
      expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
    }
    expect(events.filter((e) => e.type === 'citation')).toHaveLength(done.answer.citations.length);
  });

  it('answers the same question as JSON', async () => {
    const answer = await (await post('/api/ask', { question: 'What can Ofcom fine under the Online Safety Act?' })).json();
    expect(answer).toMatchObject({ mode: 'extractive', abstained: false });
    expect(answer.citations.length).toBeGreaterThan(0);
  });

  it('stores feedback durably beside the index', async () => {
    const res = await post('/api/feedback', { answerId: 'ans_1', rating: 'down', comment: 'too short' });
    expect(res.status).toBe(201);
    const lines = (await readFile(join(fixture.dir, 'feedback.jsonl'), 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ answerId: 'ans_1', rating: 'down', comment: 'too short' });
  });

  it('ingests a document with the admin token, then finds it', async () => {
    const text = 'The Harbour Board of Vellmar may fine a ship owner up to 5,000 crowns for blocking a berth.';
    const res = await post('/api/ingest', { text, title: 'Vellmar harbour rules', origin: 'api:vellmar' }, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(201);
    const report = await res.json();
    expect(report.added).toEqual([{ id: expect.any(String), origin: 'api:vellmar' }]);
    const again = await post('/api/ingest', { text, title: 'Vellmar harbour rules', origin: 'api:vellmar' }, { Authorization: `Bearer ${TOKEN}` });
    expect(again.status).toBe(200);
    const list = await (await fetch(`${server.url}/api/sources`)).json();
    expect(list.documents.find((d: { origin: string }) => d.origin === 'api:vellmar')).toMatchObject({ title: 'Vellmar harbour rules' });
  });

  it('refuses an /api/ingest url that is not http(s), naming the field', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd']) {
      const res = await post('/api/ingest', { text: 'The Harbour Board may fine.', url }, { Authorization: `Bearer ${TOKEN}` });
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual([expect.objectContaining({ path: 'url' })]);
    }
  });

  it('reads the body on the ingest thread and answers a bad one with the problem it would get inline', async () => {
    const res = await fetch(`${server.url}/api/ingest`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: '{"text": "The Harbour Board may fine.",',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'bad_input', detail: expect.stringMatching(/not valid JSON/), instance: '/api/ingest' });
    const untitled = await post('/api/ingest', { text: 'The Harbour Board may fine.', title: '' }, { Authorization: `Bearer ${TOKEN}` });
    expect(untitled.status).toBe(400);
    expect(await untitled.json()).toMatchObject({ code: 'validation', title: 'Invalid request', errors: [expect.objectContaining({ path: 'title' })] });
  });

  it('never emits a non-http(s) URL, even one an older index stored', async () => {
    const text = 'The Zorblax Harbour Authority can fine a ship owner up to 9,000 crowns for blocking a berth.';
    const loaded = await loadDocument({ origin: 'old-index/zorblax.md', bytes: new TextEncoder().encode(text) });
    const document = Document.parse({ ...loaded, url: 'javascript:alert(1)', sources: [{ title: 'Rules', url: 'data:text/html,<b>x</b>' }] });
    // Committed straight to the store, as an index written before ingest dropped such URLs would hold it.
    const { store, embedder } = fixture.runtime;
    const chunks = chunkDocument(document);
    const vectors = await embedder.embed(chunks.map((c) => c.text), 'passage');
    await store.commit({
      embedder: { id: embedder.id, dimensions: embedder.dimensions },
      documents: [{ document }],
      chunks: [chunks.map((c, i) => ({ ...c, vector: vectors[i]!, signature: minHashSignature(c.text), dupGroup: c.id }))],
      remove: [],
      regroup: [],
    });
    const listed = (await (await fetch(`${server.url}/api/sources`)).json()).documents.find((d: Document) => d.id === document.id);
    expect(listed).toMatchObject({ origin: 'old-index/zorblax.md', sources: [{ title: 'Rules' }] });
    expect(JSON.stringify(listed)).not.toMatch(/javascript:|data:/);
    const one = await (await fetch(`${server.url}/api/sources/${document.id}`)).json();
    expect(JSON.stringify(one)).not.toMatch(/javascript:|data:/);
    const answer = await (await post('/api/ask', { question: 'What can the Zorblax Harbour Authority fine a ship owner?' })).json();
    const citation = answer.citations.find((c: { docId: string }) => c.docId === document.id);
    expect(citation).toMatchObject({ docId: document.id, sources: [{ title: 'Rules' }] });
    expect(JSON.stringify(answer)).not.toMatch(/javascript:|data:/);
    await store.commit({ embedder: { id: embedder.id, dimensions: embedder.dimensions }, documents: [], chunks: [], remove: [document.id], regroup: [] });
  });

  it('logs one JSON line per request with the id it returned', async () => {
    const res = await fetch(`${server.url}/api/sources/doc_0000000000000000`);
    expect(res.status).toBe(404);
    const id = res.headers.get('X-Request-Id');
    expect(logs.find((l) => l.requestId === id)).toMatchObject({ level: 'warn', msg: 'request', method: 'GET', status: 404, ms: expect.any(Number) });
  });
});
