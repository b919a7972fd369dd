// Property-based fuzzing of the HTTP API (the real app over a real index, via app.request): random methods, paths,
// content types and bodies (malformed, huge, deeply nested, odd Unicode) get a 4xx problem or a valid 2xx, never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDocument } from '../../src/core/load/index.js';
import { Document } from '../../src/core/schema.js';
import { ingestIntoIndex } from '../../src/adapter/node/runtime.js';
import { createApp } from '../../src/http/app.js';
import { DEFAULT_SERVER_CONFIG, type AppDeps } from '../../src/http/deps.js';
import { createMemoryFeedbackStore } from '../../src/http/feedback-store.js';
import type { Logger } from '../../src/http/logger.js';
import type { RemitApp } from '../../src/http/env.js';
import { ingestReadingBody } from '../../src/http/ingest-body.js';
import { buildFixtureIndex, type FixtureIndex } from '../support/fixture-index.js';
import { expectValidAnswer } from './support/answer-check.js';
import { recordFigures } from './support/figures.js';

const TOKEN = 'fuzz-admin-token-0123456789abcdef';
const RUNS = 600;
const ASK_RUNS = 200;

let fixture: FixtureIndex;
let app: RemitApp;
const internalErrors: unknown[] = [];

beforeAll(async () => {
  fixture = await buildFixtureIndex();
  const { runtime } = fixture;
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (message, fields) => internalErrors.push({ message, ...fields }) };
  const deps: AppDeps = {
    ask: runtime.ask,
    sources: {
      list: () => runtime.store.listDocuments(),
      get: (id) => runtime.store.getDocument(id),
      status: async () => ({ ready: true, documents: 5, chunks: 0 }),
    },
    feedback: createMemoryFeedbackStore(),
    ingest: ingestReadingBody(async (input) => ingestIntoIndex(runtime, [Document.parse({ ...(await loadDocument(input)), ...input.metadata })])),
    config: { ...DEFAULT_SERVER_CONFIG, rateLimitPerMinute: 0, adminToken: TOKEN },
    logger,
  };
  app = createApp(deps);
});
afterAll(() => fixture?.cleanup());

const PATHS = ['/api/ask', '/api/sources', '/api/sources/doc_0000', '/api/feedback', '/api/ingest', '/api/powers', '/healthz', '/openapi.json', '/docs', '/'];
const oddText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom('\u202e\u0000\ud800', '𝕆𝕗𝕔𝕠𝕞 🇬🇧 fine?', 'é'.normalize('NFD').repeat(300), '\u200b'.repeat(2000), '%00%ff%c0%af', '../../etc/passwd'),
);
const nested = fc.integer({ min: 1, max: 50_000 }).map((depth) => `${'{"a":['.repeat(depth)}${']}'.repeat(depth)}`);
const askLike = fc.record(
  {
    question: fc.oneof({ arbitrary: oddText, weight: 4 }, fc.constant('x'.repeat(1001)), fc.constant('What can Ofcom fine?')),
    // Mostly valid fields, so many asks get answered; sometimes wrong ones, which must be a 400.
    history: fc.oneof(
      { arbitrary: fc.array(fc.record({ role: fc.constantFrom('user', 'assistant'), content: oddText.filter((t) => t.length > 0) }), { maxLength: 4 }), weight: 4 },
      fc.array(fc.record({ role: fc.constantFrom('user', 'assistant', 'system'), content: oddText }), { maxLength: 25 }),
    ),
    k: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 50 }), weight: 4 }, fc.integer({ min: -5, max: 80 }), fc.double(), fc.string()),
    mode: fc.constantFrom('extractive', 'extractive', undefined, undefined, 'claude', 'magic'),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  askLike.map((v) => JSON.stringify(v)),
  fc.json({ maxDepth: 6 }),
  fc.anything({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? 'undefined'),
  nested,
  fc.integer({ min: 60_000, max: 200_000 }).map((n) => JSON.stringify({ question: 'q'.repeat(n) })),
  fc.uint8Array({ maxLength: 2000 }),
  oddText,
  fc.constant(undefined),
);
/** Percent-encodes the UTF-8 bytes (lone surrogates become U+FFFD), so any string makes a path. */
const pathPart = (s: string) => [...new TextEncoder().encode(s)].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
const rawPaths = fc.constantFrom('/api/sources/%E0%A4%A', '/api/sources/%', '/api//ask', '/api/ask/', '/API/ASK', '/api/sources/..%2f..%2fstate.json', `/${'a/'.repeat(2000)}`);

const request = fc.record({
  method: fc.oneof({ arbitrary: fc.constant('POST'), weight: 4 }, { arbitrary: fc.constant('GET'), weight: 3 }, fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD')),
  path: fc.oneof(
    { arbitrary: fc.constantFrom('/api/ask', '/api/feedback', '/api/ingest'), weight: 6 },
    { arbitrary: fc.constantFrom(...PATHS), weight: 3 },
    rawPaths,
    oddText.map((s) => `/api/${pathPart(s)}`),
    oddText.map((s) => `/api/sources/${pathPart(s)}`),
  ),
  contentType: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data; boundary=zz', 'application/x-www-form-urlencoded', undefined),
  accept: fc.constantFrom('application/json', 'text/event-stream', '*/*', undefined),
  auth: fc.constantFrom(`Bearer ${TOKEN}`, 'Bearer wrong', 'Basic Zm9vOmJhcg==', undefined),
  body,
});

it(`answers ${RUNS} random requests with a 4xx problem or a valid 2xx, never a 5xx`, { timeout: 80_000 }, async () => {
  const statuses = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      if (r.contentType) headers['content-type'] = r.contentType;
      if (r.accept) headers.accept = r.accept;
      if (r.auth) headers.authorization = r.auth;
      const hasBody = r.body !== undefined && !['GET', 'HEAD'].includes(r.method);
      const response = await app.request(r.path, { method: r.method, headers, body: hasBody ? (r.body as BodyInit) : undefined });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      const text = await response.text();
      expect(response.status, `${r.method} ${r.path} -> ${response.status}: ${text.slice(0, 300)}`).toBeLessThan(500);
      if (response.status >= 400 && r.method !== 'HEAD') {
        expect(response.headers.get('content-type')).toMatch(/application\/problem\+json/);
        expect(JSON.parse(text)).toMatchObject({ status: response.status, type: expect.any(String) });
      }
      if (response.status === 200 && r.path === '/api/ask' && r.method === 'POST' && response.headers.get('content-type')?.startsWith('application/json')) {
        await expectValidAnswer(JSON.parse(text), (id) => fixture.runtime.store.getDocument(id));
      }
    }),
    { numRuns: RUNS, seed: 10 },
  );
  expect(internalErrors).toEqual([]);
  recordFigures('fuzz-http', { requests: RUNS, statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)), status5xx: 0 });
});

it(`answers ${ASK_RUNS} random JSON asks (odd Unicode, long histories, bad fields) with 400 or a valid Answer`, { timeout: 80_000 }, async () => {
  let answered = 0;
  await fc.assert(
    fc.asyncProperty(askLike, fc.boolean(), async (ask, stream) => {
      const response = await app.request('/api/ask', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(stream ? { accept: 'text/event-stream' } : {}) },
        body: JSON.stringify(ask),
      });
      const text = await response.text();
      expect([200, 400], text.slice(0, 300)).toContain(response.status);
      if (response.status !== 200) return;
      answered++;
      // A stream ends with its done event, whose data is the full Answer, or an error event that is the caller's, not ours.
      const error = /event: error\ndata: (.*)\n/.exec(text)?.[1];
      if (stream && error) return void expect(JSON.parse(error).error.code, error).not.toBe('internal');
      const answer = stream ? JSON.parse(/event: done\ndata: (.*)\n/.exec(text)?.[1] ?? 'null')?.answer : JSON.parse(text);
      await expectValidAnswer(answer, (id) => fixture.runtime.store.getDocument(id));
    }),
    { numRuns: ASK_RUNS, seed: 11 },
  );
  expect(answered).toBeGreaterThan(ASK_RUNS / 10);
  expect(internalErrors).toEqual([]);
  recordFigures('fuzz-http-ask', { asks: ASK_RUNS, answered, rejected: ASK_RUNS - answered });
});
