import { describe, expect, it } from 'vitest';
// Evaluated before the app on purpose: OpenAPI metadata must not depend on zod-openapi patching zod first.
import '../core/schema.js';
import type { AnswerEvent } from '../core/schema.js';
import { createError } from '../core/errors.js';
import { SCALAR_CDN_URL } from './routes/docs.js';
import { createApp } from './app.js';
import type { IngestBody, IngestInput } from './deps.js';
import { ingestReadingBody } from './ingest-body.js';
import { createMemoryFeedbackStore } from './feedback-store.js';
import { readAnswerEvents } from '../widget/sse.js';
import { createSmallAsk, createSmallDeps, createSmallSources, SMALL_DOCUMENTS, type SmallAskOptions, smallRetriever } from '../../test/support/small-world.js';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { powersFromDocuments } from '../core/powers/catalog.js';
import { type McpDeps, logToolCalls } from '../mcp/deps.js';
import { mcpHttpHandler } from '../mcp/http.js';
import type { ServerConfig } from './deps.js';
import type { Logger } from './logger.js';

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('Content-Type')).toBe('application/problem+json');
  const body = await res.json();
  expect(body).toMatchObject({ type: `urn:remit:problem:${code}`, status, code });
  expect(body.requestId).toBe(res.headers.get('X-Request-Id'));
  return body;
}

describe('POST /api/ask', () => {
  it('answers as JSON with a citation that is an exact span of its source', async () => {
    const app = createApp(createSmallDeps().deps);
    const res = await app.request('/api/ask', json({ question: 'How much can the Harbour Board fine?' }));
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer.answer).toContain('5,000 crowns');
    const [citation] = answer.citations;
    const source = SMALL_DOCUMENTS.find((d) => d.id === citation.docId)!;
    expect(source.text.slice(citation.start, citation.end)).toBe(citation.quote);
  });

  it('streams sources, citation, text and done as named SSE events', async () => {
    const app = createApp(createSmallDeps().deps);
    const res = await app.request('/api/ask', json({ question: 'Who licenses lighthouse keepers?' }, { Accept: 'text/event-stream' }));
    expect(res.headers.get('Content-Type')).toMatch(/^text\/event-stream/);
    const events: AnswerEvent[] = [];
    for await (const event of readAnswerEvents(res.body!)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['sources', 'citation', 'text', 'done']);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.citations[0]!.docId).toBe('doc_lantern');
  });

  it('reports a failure inside the stream as an error event', async () => {
    const { deps } = createSmallDeps();
    const app = createApp({ ...deps });
    const res = await app.request('/api/ask', json({ question: 'fine', mode: 'claude' }, { Accept: 'text/event-stream' }));
    const events: AnswerEvent[] = [];
    for await (const event of readAnswerEvents(res.body!)) events.push(event);
    expect(events).toEqual([{ type: 'error', error: expect.objectContaining({ code: 'bad_input' }) }]);
  });

  it('rejects a missing question with field-level details', async () => {
    const body = await expectProblem(await createApp(createSmallDeps().deps).request('/api/ask', json({ k: 0 })), 400, 'validation');
    expect(body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['k', 'question']);
  });

  it('caps the question length', async () => {
    const res = await createApp(createSmallDeps().deps).request('/api/ask', json({ question: 'x'.repeat(1001) }));
    const body = await expectProblem(res, 400, 'validation');
    expect(body.errors).toEqual([{ path: 'question', message: expect.stringMatching(/1000/) }]);
  });

  it('rejects malformed JSON and other content types in the same shape', async () => {
    const app = createApp(createSmallDeps().deps);
    await expectProblem(await app.request('/api/ask', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"question":' }), 400, 'bad_request');
    await expectProblem(await app.request('/api/ask', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'hello' }), 415, 'unsupported_media_type');
  });

  it('answers 413 for a body over the limit', async () => {
    const app = createApp(createSmallDeps({ config: { bodyLimitBytes: 100 } }).deps);
    await expectProblem(await app.request('/api/ask', json({ question: 'q'.repeat(200) })), 413, 'payload_too_large');
  });

  it('maps RemitErrors to their status: an unavailable mode is 400, a missing index 503', async () => {
    const app = createApp(createSmallDeps().deps);
    const unavailable = await expectProblem(await app.request('/api/ask', json({ question: 'fine', mode: 'claude' })), 400, 'bad_input');
    expect(unavailable.hint).toMatch(/ANTHROPIC_API_KEY/);
    const { deps } = createSmallDeps();
    const empty = createApp({
      ...deps,
      ask: { ...deps.ask, ask: async () => { throw createError({ code: 'index_missing', message: 'The index is empty' }); } },
    });
    await expectProblem(await empty.request('/api/ask', json({ question: 'fine' })), 503, 'index_missing');
  });
});

describe('sources', () => {
  it('lists documents without text and returns one with its text', async () => {
    const app = createApp(createSmallDeps().deps);
    const list = await (await app.request('/api/sources')).json();
    expect(list.documents.map((d: { id: string }) => d.id)).toEqual(['doc_harbour', 'doc_lantern']);
    expect(list.documents[0].text).toBeUndefined();
    const one = await (await app.request('/api/sources/doc_harbour')).json();
    expect(one.text).toBe(SMALL_DOCUMENTS[0]!.text);
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const app = createApp(createSmallDeps().deps);
    await expectProblem(await app.request('/api/sources/doc_nothing'), 404, 'not_found');
    const bad = await expectProblem(await app.request('/api/sources/doc%20bad!'), 400, 'validation');
    expect(bad.errors[0].path).toBe('id');
  });

  it('hides internals of an unexpected error but logs them with the request id', async () => {
    const { deps, logs } = createSmallDeps();
    const app = createApp({ ...deps, sources: { ...deps.sources, get: async () => { throw new Error('disk at /secret/path failed'); } } });
    const res = await app.request('/api/sources/doc_harbour');
    const body = await expectProblem(res, 500, 'internal');
    expect(JSON.stringify(body)).not.toContain('secret');
    const failure = logs.find((l) => l.msg === 'request failed')!;
    expect(failure).toMatchObject({ level: 'error', requestId: body.requestId, error: { message: 'disk at /secret/path failed' } });
  });
});

describe('GET /healthz', () => {
  it('reports the index when ready', async () => {
    const res = await createApp(createSmallDeps().deps).request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', documents: 2, chunks: 2, embedder: 'words-v0', builtAt: '2026-01-01T00:00:00.000Z' });
  });

  it('answers 503 while not ready', async () => {
    const app = createApp(createSmallDeps({ sources: createSmallSources({ ready: false, reason: 'The index is empty' }) }).deps);
    const body = await expectProblem(await app.request('/healthz'), 503, 'not_ready');
    expect(body.detail).toBe('The index is empty');
  });
});

describe('OpenAPI and docs', () => {
  it('serves a document generated from the zod schemas', async () => {
    const doc = await (await createApp(createSmallDeps().deps).request('/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/ask', '/api/sources', '/api/sources/{id}', '/healthz', '/api/feedback', '/api/ingest']));
    expect(doc.components.schemas.AskRequest.properties.question.maxLength).toBe(1000);
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.schemas.Answer.required).toEqual(expect.arrayContaining(['id', 'answer', 'citations', 'abstained']));
    expect(doc.components.schemas.IngestUpload.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/api/sources/{id}'].get.parameters[0]).toMatchObject({ name: 'id', in: 'path', required: true });
  });

  it('serves the Scalar page from its own bundle when given one, with no inline script and nothing from elsewhere', async () => {
    const scalar = { version: '9.9.9', script: 'window.Scalar = {};' };
    const app = createApp(createSmallDeps().deps, { scalar });
    const res = await app.request('/docs');
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).toContain('<script src="/docs/scalar-9.9.9.js"></script>');
    expect(page).toContain('data-url="/openapi.json"');
    expect(page).not.toMatch(/https?:\/\//);
    const csp = res.headers.get('Content-Security-Policy')!;
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toContain('jsdelivr');
    const script = await app.request('/docs/scalar-9.9.9.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe(scalar.script);
  });

  it('without a bundle (Workers), loads the pinned Scalar version from the CDN, still without inline script', async () => {
    const res = await createApp(createSmallDeps().deps).request('/docs');
    expect(await res.text()).toContain(`<script src="${SCALAR_CDN_URL}"></script>`);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'self' https://cdn.jsdelivr.net;");
  });
});

describe('POST /api/feedback', () => {
  it('stores a rating and returns its id', async () => {
    const feedback = createMemoryFeedbackStore();
    const app = createApp(createSmallDeps({ feedback }).deps);
    const res = await app.request('/api/feedback', json({ answerId: 'ans_test', rating: 'up', comment: 'clear' }));
    expect(res.status).toBe(201);
    const receipt = await res.json();
    expect(await feedback.list()).toEqual([expect.objectContaining({ id: receipt.id, answerId: 'ans_test', rating: 'up', requestId: res.headers.get('X-Request-Id') })]);
  });

  it('rejects an unknown rating', async () => {
    const res = await createApp(createSmallDeps().deps).request('/api/feedback', json({ answerId: 'a', rating: 'meh' }));
    expect((await expectProblem(res, 400, 'validation')).errors[0].path).toBe('rating');
  });
});

describe('POST /api/ingest', () => {
  const TOKEN = 'test-admin-token-0123456789';
  const report = { added: [{ id: 'doc_new', origin: 'x' }], replaced: [], unchanged: [], moved: [], removed: [], skipped: [], warnings: [], chunks: 1, index: null };
  const setup = (adminToken?: string) => {
    const received: IngestInput[] = [];
    const { deps } = createSmallDeps({ ingest: ingestReadingBody(async (input) => (received.push(input), report)), config: { adminToken } });
    return { app: createApp(deps), received };
  };
  const auth = { Authorization: `Bearer ${TOKEN}` };

  it('is 404 when no admin token is configured, even with a token', async () => {
    await expectProblem(await setup().app.request('/api/ingest', json({ text: 'hi' }, auth)), 404, 'not_found');
  });

  it('is 401 without a token or with a wrong one', async () => {
    const { app, received } = setup(TOKEN);
    const missing = await app.request('/api/ingest', json({ text: 'hi' }));
    await expectProblem(missing, 401, 'unauthorized');
    expect(missing.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
    await expectProblem(await app.request('/api/ingest', json({ text: 'hi' }, { Authorization: `Bearer ${TOKEN}x` })), 401, 'unauthorized');
    expect(received).toEqual([]);
  });

  it('ingests JSON text with metadata', async () => {
    const { app, received } = setup(TOKEN);
    const res = await app.request('/api/ingest', json({ text: 'The Board may fine.', title: 'Board', date: '2026-01-02' }, auth));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual(report);
    expect(new TextDecoder().decode(received[0]!.bytes)).toBe('The Board may fine.');
    expect(received[0]).toMatchObject({ origin: expect.stringMatching(/^api:[0-9a-f]{16}$/), contentType: 'text/plain', metadata: { title: 'Board', date: '2026-01-02' } });
  });

  it('ingests a multipart file upload', async () => {
    const { app, received } = setup(TOKEN);
    const form = new FormData();
    form.set('file', new File(['# Rules\n\nKeepers need a licence.'], 'rules.md', { type: 'text/markdown' }));
    form.set('publisher', 'Lantern Office');
    const res = await app.request('/api/ingest', { method: 'POST', headers: auth, body: form });
    expect(res.status).toBe(201);
    expect(received[0]).toMatchObject({ origin: 'upload:rules.md', contentType: 'text/markdown', metadata: { publisher: 'Lantern Office' } });
  });

  it('applies its own body limit', async () => {
    const { deps } = createSmallDeps({ ingest: async () => report, config: { adminToken: TOKEN, ingestBodyLimitBytes: 1_000, bodyLimitBytes: 100 } });
    const app = createApp(deps);
    expect((await app.request('/api/ingest', json({ text: 'x'.repeat(500) }, auth))).status).toBe(201);
    await expectProblem(await app.request('/api/ingest', json({ text: 'x'.repeat(2_000) }, auth)), 413, 'payload_too_large');
  });

  it('hands the body to ingest unparsed, so a runtime can read it off its event loop', async () => {
    const bodies: IngestBody[] = [];
    const { deps } = createSmallDeps({ ingest: async (body) => (bodies.push(body), report), config: { adminToken: TOKEN } });
    const sent = '{"text": "The Board may fine."';
    const res = await createApp(deps).request('/api/ingest', { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json; charset=utf-8' }, body: sent });
    expect(res.status).toBe(201);
    expect(bodies).toHaveLength(1);
    expect(new TextDecoder().decode(bodies[0]!.bytes)).toBe(sent);
    expect(bodies[0]!.contentType).toBe('application/json; charset=utf-8');
  });

  it('rejects JSON without text, and a request with no body at all', async () => {
    const { app } = setup(TOKEN);
    const noText = await expectProblem(await app.request('/api/ingest', json({ title: 'nothing' }, auth)), 400, 'validation');
    expect(noText.errors.map((e: { path: string }) => e.path)).toEqual(['text']);
    const empty = await expectProblem(await app.request('/api/ingest', { method: 'POST', headers: auth }), 400, 'bad_input');
    expect(empty.errors).toEqual([{ path: 'text', message: 'expected text or a file' }]);
  });
});

describe('the hardened edge', () => {
  it('answers unknown routes with a 404 problem', async () => {
    await expectProblem(await createApp(createSmallDeps().deps).request('/nope'), 404, 'not_found');
  });

  it('rate limits per client with Retry-After', async () => {
    const app = createApp(createSmallDeps({ config: { rateLimitPerMinute: 2 } }).deps);
    const from = (ip: string) => ({ headers: { 'X-Forwarded-For': ip } });
    const limited = createApp(createSmallDeps({ config: { rateLimitPerMinute: 2, trustProxy: true } }).deps);
    for (let i = 0; i < 2; i++) expect((await limited.request('/api/sources', from('10.0.0.1'))).status).toBe(200);
    const res = await limited.request('/api/sources', from('10.0.0.1'));
    await expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(res.headers.get('RateLimit-Remaining')).toBe('0');
    expect((await limited.request('/api/sources', from('10.0.0.2'))).status).toBe(200);
    // Without a trusted proxy the header is ignored: every caller here shares one (socketless) bucket.
    for (const ip of ['1.1.1.1', '2.2.2.2']) expect((await app.request('/api/sources', from(ip))).status).toBe(200);
    expect((await app.request('/api/sources', from('3.3.3.3'))).status).toBe(429);
    expect((await app.request('/healthz')).status).toBe(200);
  });

  it('allows CORS only for configured origins', async () => {
    const app = createApp(createSmallDeps({ config: { corsOrigins: ['https://good.example'] } }).deps);
    const allowed = await app.request('/api/sources', { headers: { Origin: 'https://good.example' } });
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://good.example');
    const denied = await app.request('/api/sources', { headers: { Origin: 'https://evil.example' } });
    expect(denied.headers.get('Access-Control-Allow-Origin')).toBeNull();
    const preflight = await app.request('/api/ask', {
      method: 'OPTIONS',
      headers: { Origin: 'https://good.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Methods')).toContain('POST');
  });

  it('sets secure headers: a locked-down CSP on JSON and the page CSP on mounted HTML', async () => {
    const { deps } = createSmallDeps({ config: { pageCsp: { connectSrc: ['https://api.example'] } } });
    const app = createApp(deps, { pages: (a) => a.get('/', (c) => c.html('<h1>Remit</h1>')) });
    const api = await app.request('/api/sources');
    expect(api.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(api.headers.get('Strict-Transport-Security')).toBeTruthy();
    expect(api.headers.get('Content-Security-Policy')).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    const page = await app.request('/');
    expect(page.headers.get('Content-Security-Policy')).toContain("connect-src 'self' https://api.example");
    const missing = await app.request('/missing');
    expect(missing.headers.get('X-Frame-Options')).toBe('SAMEORIGIN');
  });

  it('puts a request id on every response and log line, echoing a valid incoming one', async () => {
    const { deps, logs } = createSmallDeps();
    const app = createApp(deps);
    const ok = await app.request('/healthz', { headers: { 'X-Request-Id': 'req-123' } });
    expect(ok.headers.get('X-Request-Id')).toBe('req-123');
    const bad = await app.request('/api/ask', json({}));
    const id = bad.headers.get('X-Request-Id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(logs).toEqual([
      expect.objectContaining({ level: 'info', msg: 'request', requestId: 'req-123', method: 'GET', path: '/healthz', status: 200, ms: expect.any(Number), time: expect.any(String) }),
      expect.objectContaining({ level: 'warn', msg: 'request', requestId: id, method: 'POST', path: '/api/ask', status: 400 }),
    ]);
  });
});

describe('/mcp', () => {
  const mcpDeps = (logger: Logger, ask: SmallAskOptions = {}): McpDeps => ({
    ask: createSmallAsk(ask),
    retriever: smallRetriever,
    sources: createSmallSources(),
    powers: powersFromDocuments(createSmallSources()),
    onToolCall: logToolCalls(logger),
  });
  const withMcp = (config: Partial<ServerConfig> = {}, ask: SmallAskOptions = {}) => {
    const small = createSmallDeps({ config });
    const app = createApp({ ...small.deps, mcp: mcpHttpHandler(mcpDeps(small.deps.logger, ask)) });
    return { app, logs: small.logs };
  };
  const connect = async (app: ReturnType<typeof createApp>, headers: Record<string, string> = {}) => {
    const client = new Client({ name: 'remit-test', version: '0' });
    await client.connect(new StreamableHTTPClientTransport(new URL('http://remit.test/mcp'), { fetch: async (url, init) => app.request(String(url), init), requestInit: { headers } }));
    return client;
  };
  const rpc = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

  it('serves the tools to the SDK client, one access log line per request and one per tool call', async () => {
    const { app, logs } = withMcp();
    const client = await connect(app);
    expect((await client.listTools()).tools).toHaveLength(4);
    const result = await client.callTool({ name: 'ask', arguments: { question: 'How much can the Harbour Board fine?' } });
    expect(result.structuredContent).toMatchObject({ citations: [{ docId: 'doc_harbour' }] });
    const requests = logs.filter((l) => l.msg === 'request');
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const line of requests) expect(line).toMatchObject({ path: '/mcp', requestId: expect.any(String) });
    expect(requests.map((l) => l.status)).toEqual(expect.arrayContaining([200, 202]));
    expect(logs).toContainEqual(expect.objectContaining({ level: 'info', msg: 'tool call', tool: 'ask', ms: expect.any(Number) }));
  });

  it('shares one rate-limit budget with /api/*', async () => {
    const { app } = withMcp({ rateLimitPerMinute: 3 });
    expect((await app.request('/api/sources')).status).toBe(200);
    const client = await connect(app); // initialize, then the initialized notification: the budget is spent
    const limited = await app.request('/mcp', rpc({ jsonrpc: '2.0', id: 1, method: 'tools/list' }, { 'Mcp-Protocol-Version': '2025-06-18' }));
    const body = await expectProblem(limited, 429, 'rate_limited');
    expect(body.instance).toBe('/mcp');
    await expect(client.listTools()).rejects.toThrow(/429/);
  });

  it('applies the body limit before the MCP transport reads the body', async () => {
    const { app } = withMcp({ bodyLimitBytes: 200 });
    const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'ask', arguments: { question: 'q'.repeat(300) } } };
    await expectProblem(await app.request('/mcp', rpc(call)), 413, 'payload_too_large');
  });

  it('lets allowed origins call it from a browser, MCP headers included, and refuses any other Origin', async () => {
    const { app } = withMcp({ corsOrigins: ['https://good.example'] });
    const preflight = await app.request('/mcp', {
      method: 'OPTIONS',
      headers: { Origin: 'https://good.example', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, mcp-protocol-version' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Mcp-Protocol-Version');
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://good.example');
    const allowed = await app.request('/mcp', rpc({ jsonrpc: '2.0', id: 1, method: 'ping' }, { Origin: 'https://good.example' }));
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('Access-Control-Allow-Origin')).toBe('https://good.example');
    // Any other Origin is refused outright (the transport spec's guard against DNS rebinding), not just left unreadable.
    const denied = await app.request('/mcp', rpc({ jsonrpc: '2.0', id: 1, method: 'ping' }, { Origin: 'http://rebound.example:8787' }));
    const body = await expectProblem(denied, 403, 'forbidden_origin');
    expect(body.hint).toContain('REMIT_CORS_ORIGINS');
    expect(denied.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });

  it('is stateless: GET and DELETE are 405, malformed JSON-RPC a 400 that reaches no tool, and without the handler /mcp is a 404 problem', async () => {
    const { app, logs } = withMcp();
    for (const method of ['GET', 'DELETE']) {
      const res = await app.request('/mcp', { method, headers: { Accept: 'text/event-stream' } });
      expect(res.status).toBe(405);
      expect(res.headers.get('Allow')).toBe('POST');
    }
    const malformed = await app.request('/mcp', rpc('{"jsonrpc":'));
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ jsonrpc: '2.0', error: { code: -32700 } });
    expect(logs.filter((l) => l.msg === 'tool call')).toEqual([]);
    await expectProblem(await createApp(createSmallDeps().deps).request('/mcp', rpc({ jsonrpc: '2.0', id: 1, method: 'ping' })), 404, 'not_found');
  });

  it('stops the tool when the client goes away mid-call, and keeps serving', async () => {
    let aborted = 0;
    const { app, logs } = withMcp({}, { delayMs: 10_000, onAbort: () => aborted++ });
    const controller = new AbortController();
    const init = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '0' } } };
    expect((await app.request('/mcp', rpc(init))).status).toBe(200);
    const call = { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'ask', arguments: { question: 'How much can the Harbour Board fine?' } } };
    const pending = app.request('/mcp', { ...rpc(call, { 'Mcp-Protocol-Version': '2025-06-18' }), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect((await pending).status).toBe(499);
    await expect.poll(() => aborted).toBe(1);
    const client = await connect(app);
    expect((await client.callTool({ name: 'search_sources', arguments: { query: 'lighthouse' } })).isError).toBeFalsy();
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'request', path: '/mcp', status: 499 }));
  });
});
