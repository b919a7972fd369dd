// The MCP server with the SDK's own client over the SDK's in-memory transport, on the small world (and a document the
// powers rules read). The real index over stdio and HTTP is test/mcp.test.ts.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { describe, expect, it } from 'vitest';
import { createError } from '../core/errors.js';
import { powersFromDocuments } from '../core/powers/catalog.js';
import type { Answer, Document } from '../core/schema.js';
import { REMIT_VERSION } from '../core/version.js';
import { createApp } from '../http/app.js';
import { createSmallAsk, createSmallDeps, createSmallSources, SMALL_DOCUMENTS, type SmallAskOptions, smallRetriever } from '../../test/support/small-world.js';
import { readFile } from 'node:fs/promises';
import { REPO_ROOT } from '../../test/support/paths.js';
import type { McpDeps, ToolCallRecord } from './deps.js';
import { createMcpServer } from './server.js';

const OFCOM: Document = {
  id: 'doc_ofcom',
  title: 'Ofcom fines',
  origin: 'test/ofcom.txt',
  hash: 'f'.repeat(64),
  sources: [{ publisher: 'legislation.gov.uk', title: 'Online Safety Act 2023' }],
  text: 'Under the Online Safety Act, Ofcom can fine companies up to £18m or 10% of global revenue.',
};

function smallMcpDeps(overrides: Partial<McpDeps> = {}, askOptions: SmallAskOptions = {}) {
  const calls: ToolCallRecord[] = [];
  const deps: McpDeps = {
    ask: createSmallAsk(askOptions),
    retriever: smallRetriever,
    sources: createSmallSources(),
    powers: powersFromDocuments({ list: async () => [OFCOM], get: async (id) => (id === OFCOM.id ? OFCOM : null) }),
    onToolCall: (call) => calls.push(call),
    ...overrides,
  };
  return { deps, calls };
}

async function connect(deps: McpDeps): Promise<Client> {
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await createMcpServer(deps).connect(serverSide);
  const client = new Client({ name: 'remit-test', version: '0' });
  await client.connect(clientSide);
  return client;
}

const text = (result: CallToolResult): string => (result.content[0] as { text: string }).text;
const call = async (client: Client, name: string, args: Record<string, unknown>) => (await client.callTool({ name, arguments: args })) as CallToolResult;

describe('the MCP server', () => {
  it('names itself and lists four tools, each with an input schema, an output schema and read-only hints', async () => {
    const client = await connect(smallMcpDeps().deps);
    expect(client.getServerVersion()).toMatchObject({ name: 'remit', version: REMIT_VERSION });
    expect(REMIT_VERSION).toBe(JSON.parse(await readFile(`${REPO_ROOT}/package.json`, 'utf8')).version);
    expect(client.getInstructions()).toContain('exact quote');
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'get_source', 'list_powers', 'search_sources']);
    for (const tool of tools) {
      expect(tool.description!.length).toBeGreaterThan(50);
      expect(tool.outputSchema).toMatchObject({ type: 'object' });
      expect(tool.annotations).toMatchObject({ readOnlyHint: true });
    }
    const ask = tools.find((t) => t.name === 'ask')!;
    expect(ask.inputSchema).toMatchObject({ required: ['question'], properties: { question: { maxLength: 1000 }, history: { maxItems: 20 } } });
    expect(Object.keys(ask.outputSchema!.properties!)).toEqual(expect.arrayContaining(['answer', 'citations', 'abstained']));
  });

  it('searches: passages with document, offsets and text that is the span of its document', async () => {
    const client = await connect(smallMcpDeps().deps);
    const result = await call(client, 'search_sources', { query: 'harbour fine', k: 1 });
    const { passages } = result.structuredContent as { passages: { docId: string; start: number; end: number; text: string; title: string }[] };
    expect(passages).toHaveLength(1);
    const [passage] = passages;
    expect(passage).toMatchObject({ docId: 'doc_harbour', title: 'Harbour board powers' });
    expect(SMALL_DOCUMENTS[0]!.text.slice(passage!.start, passage!.end)).toBe(passage!.text);
    expect(text(result)).toContain(`(doc_harbour, characters ${passage!.start}-${passage!.end})`);
  });

  it('asks: the Answer as structured content, and as text with [n] and each quote with its document and offsets', async () => {
    const client = await connect(smallMcpDeps().deps);
    const result = await call(client, 'ask', { question: 'How much can the Harbour Board fine?' });
    expect(result.isError).toBeFalsy();
    const answer = result.structuredContent as Answer;
    expect(answer).toMatchObject({ abstained: false, mode: 'extractive', citations: [{ n: 1, docId: 'doc_harbour' }] });
    const [citation] = answer.citations;
    expect(text(result)).toContain(`${answer.answer}\n\nSources`);
    expect(text(result)).toContain(`[1] Harbour board powers (doc_harbour, characters ${citation!.start}-${citation!.end})\n    “${citation!.quote}”`);
    const span = await call(client, 'get_source', { docId: citation!.docId, start: citation!.start, end: citation!.end });
    expect((span.structuredContent as { text: string }).text).toBe(citation!.quote);
  });

  it('reads a source whole or in part, with its metadata and underlying sources', async () => {
    const { deps } = smallMcpDeps({ sources: { list: async () => [OFCOM], get: async (id) => (id === OFCOM.id ? OFCOM : null) } });
    const client = await connect(deps);
    const whole = await call(client, 'get_source', { docId: 'doc_ofcom' });
    expect(whole.structuredContent).toMatchObject({ docId: 'doc_ofcom', title: 'Ofcom fines', start: 0, end: OFCOM.text.length, length: OFCOM.text.length, text: OFCOM.text, sources: OFCOM.sources });
    expect(text(whole)).toContain('Based on: legislation.gov.uk, Online Safety Act 2023');
    const part = await call(client, 'get_source', { docId: 'doc_ofcom', start: 29, end: 34 });
    expect(part.structuredContent).toMatchObject({ start: 29, end: 34, text: 'Ofcom' });
    expect(text(part)).toContain(`characters 29-34 of ${OFCOM.text.length}`);
  });

  it('lists powers with their quotes, filtered by regulator and kind', async () => {
    const client = await connect(smallMcpDeps().deps);
    const all = await call(client, 'list_powers', {});
    const table = all.structuredContent as { extractor: string; powers: { regulator: string; kind: string; citations: Record<string, { quote: string; start: number; end: number }[]> }[] };
    expect(table.extractor).toBe('rules');
    const fine = table.powers.find((p) => p.kind === 'fine')!;
    expect(fine.regulator).toBe('Ofcom');
    for (const quotes of Object.values(fine.citations)) for (const q of quotes) expect(OFCOM.text.slice(q.start, q.end)).toBe(q.quote);
    expect(text(all)).toContain('Regulator');
    expect(((await call(client, 'list_powers', { regulator: 'ofc', kind: 'fine' })).structuredContent as typeof table).powers).toHaveLength(1);
    expect(((await call(client, 'list_powers', { regulator: 'Arcom' })).structuredContent as typeof table).powers).toEqual([]);
  });

  it('answers bad arguments with a tool error naming the field, and keeps serving', async () => {
    const client = await connect(smallMcpDeps().deps);
    for (const [name, args, field] of [
      ['ask', { question: '' }, 'question'],
      ['ask', { question: 'x'.repeat(1001) }, 'question'],
      ['ask', { question: 'fine', history: [{ role: 'robot', content: 'hi' }] }, 'history'],
      ['search_sources', { query: 'fine', k: 0 }, 'k'],
      ['get_source', { docId: '../etc/passwd' }, 'docId'],
      ['get_source', { docId: 'doc_harbour', start: -1 }, 'start'],
      ['list_powers', { kind: 'tax' }, 'kind'],
    ] as const) {
      const result = await call(client, name, args);
      expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
      expect(text(result)).toContain(field);
    }
    expect((await call(client, 'ask', { question: 'How much can the Harbour Board fine?' })).isError).toBeFalsy();
  });

  it('gives the problem HTTP gives, code and message, as the tool error of a RemitError', async () => {
    const client = await connect(smallMcpDeps().deps);
    const missing = await call(client, 'get_source', { docId: 'doc_missing' });
    expect(missing.isError).toBe(true);
    const problem = JSON.parse(text(missing));
    const http = await (await createApp(createSmallDeps().deps).request('/api/sources/doc_missing')).json();
    expect(problem).toMatchObject({ type: http.type, title: http.title, status: 404, code: http.code, detail: http.detail });
    expect(problem.hint).toContain('search_sources');

    const outside = JSON.parse(text(await call(client, 'get_source', { docId: 'doc_harbour', start: 5, end: 100_000 })));
    expect(outside).toMatchObject({ status: 400, code: 'bad_input', detail: expect.stringContaining('outside the document') });
    const reversed = JSON.parse(text(await call(client, 'get_source', { docId: 'doc_harbour', start: 9, end: 3 })));
    expect(reversed).toMatchObject({ code: 'bad_input' });
  });

  it('hides internals: a 5xx RemitError keeps its code and hint, anything else is "internal", and both are logged with the cause', async () => {
    const cause = new Error('lance: /srv/secret/path unreadable');
    const { deps, calls } = smallMcpDeps({
      retriever: { retrieve: async () => Promise.reject(createError({ code: 'index_missing', message: 'No index at /srv/secret', hint: 'Run `remit ingest <paths>`.' })) },
      powers: { table: async () => Promise.reject(cause) },
    });
    const client = await connect(deps);
    const missing = JSON.parse(text(await call(client, 'search_sources', { query: 'fine' })));
    expect(missing).toEqual({ type: 'urn:remit:problem:index_missing', title: 'Service Unavailable', status: 503, code: 'index_missing', hint: 'Run `remit ingest <paths>`.' });
    const internal = JSON.parse(text(await call(client, 'list_powers', {})));
    expect(internal).toMatchObject({ status: 500, code: 'internal', detail: 'Something went wrong on our side' });
    expect(JSON.stringify(internal)).not.toContain('secret');
    expect(calls).toEqual([
      { tool: 'search_sources', ms: expect.any(Number), error: 'index_missing', status: 503, cause: expect.objectContaining({ code: 'index_missing' }) },
      { tool: 'list_powers', ms: expect.any(Number), error: 'internal', status: 500, cause },
    ]);
  });

  it('lists each document as a remit://source/{docId} resource and reads its clean text', async () => {
    const client = await connect(smallMcpDeps().deps);
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates).toEqual([expect.objectContaining({ uriTemplate: 'remit://source/{docId}', mimeType: 'text/plain' })]);
    const { resources } = await client.listResources();
    expect(resources.map((r) => [r.uri, r.title])).toEqual(SMALL_DOCUMENTS.map((d) => [`remit://source/${d.id}`, d.title]));
    const read = await client.readResource({ uri: 'remit://source/doc_lantern' });
    expect(read.contents).toEqual([{ uri: 'remit://source/doc_lantern', mimeType: 'text/plain', text: SMALL_DOCUMENTS[1]!.text }]);
    const completion = await client.complete({ ref: { type: 'ref/resource', uri: 'remit://source/{docId}' }, argument: { name: 'docId', value: 'doc_h' } });
    expect(completion.completion.values).toEqual(['doc_harbour']);
    await expect(client.readResource({ uri: 'remit://source/doc_missing' })).rejects.toMatchObject({
      code: -32002,
      message: 'MCP error -32002: No document doc_missing',
      data: expect.objectContaining({ code: 'not_found', status: 404 }),
    });
  });

  it('stops an answer the client cancels, and answers the next call', async () => {
    let aborted = 0;
    const client = await connect(smallMcpDeps({}, { delayMs: 10_000, onAbort: () => aborted++ }).deps);
    const controller = new AbortController();
    const pending = client.callTool({ name: 'ask', arguments: { question: 'How much can the Harbour Board fine?' } }, undefined, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => aborted).toBe(1);
    expect((await call(client, 'search_sources', { query: 'lighthouse keepers' })).isError).toBeFalsy();
  });
});
