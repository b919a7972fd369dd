// Remit as an assistant sees it: the MCP SDK's own client, over stdio to a `remit mcp` child process (answering with
// Claude through the Messages API stand-in) and over Streamable HTTP to a listening `serve` (extractive answers), on a
// real index of the shared news articles.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/adapter/node/config.js';
import { openRuntime, type Runtime } from '../src/adapter/node/runtime.js';
import { type RunningServer, serve } from '../src/adapter/node/serve.js';
import type { Answer } from '../src/core/schema.js';
import { buildFixtureIndex, type FixtureIndex } from './support/fixture-index.js';
import { type MessagesApiServer, startMessagesApiServer } from './support/messages-api-server.js';
import { REMIT_BIN } from './reliability/support/remit-child.js';

const QUESTION = 'What can Ofcom fine under the Online Safety Act?';

let fixture: FixtureIndex;
let claude: MessagesApiServer;
let server: RunningServer;
let claudeRuntime: Runtime;
let claudeServer: RunningServer;
const httpLogs: Record<string, unknown>[] = [];

beforeAll(async () => {
  [fixture, claude] = await Promise.all([buildFixtureIndex(), startMessagesApiServer()]);
  const config = loadConfig({ PORT: '0', REMIT_DB: fixture.dir, REMIT_RATE_LIMIT: '0', LOG_LEVEL: 'info' });
  server = await serve({ config, runtime: fixture.runtime, out: () => {}, logWrite: (line) => httpLogs.push(JSON.parse(line)), handleSignals: false });
  // A second server on the same index that answers with Claude, whose stand-in can be told to hang mid-call.
  claudeRuntime = await openRuntime({ db: fixture.dir, anthropic: { apiKey: 'test-key', baseURL: claude.url }, warn: () => {} });
  claudeServer = await serve({ config, runtime: claudeRuntime, out: () => {}, logWrite: () => {}, handleSignals: false });
});
afterAll(async () => {
  await Promise.all([server?.close(), claudeServer?.close()]);
  await claude?.close();
  await fixture?.cleanup();
});

interface StdioSession {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  /** Anything the client could not parse from the server's stdout. */
  errors: Error[];
}

async function connectStdio(): Promise<StdioSession> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [REMIT_BIN, 'mcp', '--db', fixture.dir],
    env: { ...(process.env as Record<string, string>), REMIT_EMBEDDER: 'hashing', ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: claude.url, LOG_LEVEL: 'info' },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'remit-test', version: '0' });
  const errors: Error[] = [];
  client.onerror = (error) => errors.push(error);
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, errors };
}

async function connectHttp(url: string): Promise<Client> {
  const client = new Client({ name: 'remit-test', version: '0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown>, signal?: AbortSignal) =>
  (await client.callTool({ name, arguments: args }, undefined, { signal })) as CallToolResult;
const text = (result: CallToolResult) => (result.content[0] as { text: string }).text;

/** What every transport must do: the four tools, exact quotes, tool errors for bad arguments. */
async function exerciseTools(client: Client, expected: { mode: Answer['mode'] }) {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(['ask', 'get_source', 'list_powers', 'search_sources']);

  const search = await call(client, 'search_sources', { query: 'Ofcom fine £18 million', k: 3 });
  const { passages } = search.structuredContent as { passages: { docId: string; start: number; end: number; text: string }[] };
  expect(passages.length).toBeGreaterThan(0);
  expect(passages.length).toBeLessThanOrEqual(3);
  for (const passage of passages) {
    const span = await call(client, 'get_source', { docId: passage.docId, start: passage.start, end: passage.end });
    expect((span.structuredContent as { text: string }).text).toBe(passage.text);
  }

  const asked = await call(client, 'ask', { question: QUESTION });
  expect(asked.isError).toBeFalsy();
  const answer = asked.structuredContent as Answer;
  expect(answer).toMatchObject({ abstained: false, mode: expected.mode });
  expect(answer.citations.length).toBeGreaterThan(0);
  for (const citation of answer.citations) {
    // The contract an assistant relies on: the quote is exactly what get_source returns for the same offsets.
    const span = await call(client, 'get_source', { docId: citation.docId, start: citation.start, end: citation.end });
    expect((span.structuredContent as { text: string }).text).toBe(citation.quote);
    expect(text(asked)).toContain(`(${citation.docId}, characters ${citation.start}-${citation.end}`);
  }
  const whole = await call(client, 'get_source', { docId: answer.citations[0]!.docId });
  expect((whole.structuredContent as { text: string; length: number }).text).toBe((await fixture.runtime.store.getDocument(answer.citations[0]!.docId))!.text);

  const powers = await call(client, 'list_powers', { regulator: 'Ofcom' });
  const table = powers.structuredContent as { powers: { regulator: string; citations: Record<string, { docId: string; start: number; end: number; quote: string }[]> }[] };
  expect(table.powers.length).toBeGreaterThan(0);
  for (const power of table.powers) expect(power.regulator).toMatch(/Ofcom/);
  const quote = Object.values(table.powers[0]!.citations)[0]![0]!;
  const quoted = await call(client, 'get_source', { docId: quote.docId, start: quote.start, end: quote.end });
  expect((quoted.structuredContent as { text: string }).text).toBe(quote.quote);

  const { resources } = await client.listResources();
  expect(resources).toHaveLength(5);
  const read = await client.readResource({ uri: resources[0]!.uri });
  expect((read.contents[0] as { text: string }).text).toBe((await fixture.runtime.store.getDocument(resources[0]!.name))!.text);

  for (const [name, args] of [
    ['ask', { question: '' }],
    ['ask', {}],
    ['search_sources', { query: 'fine', k: 51 }],
    ['get_source', { docId: 'doc_0000000000000000' }],
    ['get_source', { docId: answer.citations[0]!.docId, start: 10, end: 1_000_000 }],
    ['list_powers', { kind: 'parking' }],
    ['no_such_tool', {}],
  ] as const) {
    const result = await call(client, name, args);
    expect(result.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
  }
  const missing = JSON.parse(text(await call(client, 'get_source', { docId: 'doc_0000000000000000' })));
  expect(missing).toMatchObject({ code: 'not_found', status: 404, detail: 'No document doc_0000000000000000' });
  // Still serving after the errors.
  expect((await call(client, 'search_sources', { query: 'Grok' })).isError).toBeFalsy();
}

describe('over stdio (remit mcp)', () => {
  it('serves every tool with exact quotes and tool errors, printing nothing but the protocol on stdout', async () => {
    const session = await connectStdio();
    try {
      expect(session.client.getServerVersion()).toMatchObject({ name: 'remit' });
      await exerciseTools(session.client, { mode: 'claude' });
      expect(claude.requests.length).toBeGreaterThan(0);
      expect(session.errors).toEqual([]);
      // Logs went to stderr as JSON lines, one per tool call among them.
      const lines = session.stderr().trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'serving MCP on stdio', documents: 5 }));
      expect(lines).toContainEqual(expect.objectContaining({ msg: 'tool call', tool: 'ask' }));
      expect(lines).toContainEqual(expect.objectContaining({ level: 'warn', msg: 'tool call', tool: 'get_source', error: 'not_found' }));
    } finally {
      await session.client.close();
    }
  });

  it('stops a call the client cancels (the Claude request is aborted) and answers the next; exits cleanly when the client disconnects mid-call', async () => {
    const session = await connectStdio();
    try {
      claude.fail('hang');
      const before = { requests: claude.requests.length, disconnected: claude.disconnected };
      const controller = new AbortController();
      const pending = call(session.client, 'ask', { question: QUESTION }, controller.signal);
      await expect.poll(() => claude.requests.length, { timeout: 30_000 }).toBeGreaterThan(before.requests);
      controller.abort();
      await expect(pending).rejects.toThrow();
      await expect.poll(() => claude.disconnected, { timeout: 30_000 }).toBe(before.disconnected + 1);
      const next = await call(session.client, 'ask', { question: QUESTION });
      expect(next.structuredContent).toMatchObject({ abstained: false, mode: 'claude' });

      // Now the client goes away while Claude hangs: the server aborts the call, closes the index and exits.
      claude.fail('hang');
      const requests = claude.requests.length;
      void call(session.client, 'ask', { question: 'Which countries blocked Grok?' }).catch(() => {});
      await expect.poll(() => claude.requests.length, { timeout: 30_000 }).toBeGreaterThan(requests);
      const pid = session.transport.pid!;
      await session.client.close();
      await expect.poll(() => claude.disconnected, { timeout: 30_000 }).toBe(before.disconnected + 2);
      await expect.poll(() => session.stderr(), { timeout: 30_000 }).toContain('"msg":"closed"');
      await expect.poll(() => isRunning(pid), { timeout: 30_000 }).toBe(false);
    } finally {
      await session.client.close();
    }
  });
});

describe('over Streamable HTTP (/mcp)', () => {
  it('serves every tool with exact quotes and tool errors, logged like /api/*', async () => {
    const client = await connectHttp(server.url);
    try {
      await exerciseTools(client, { mode: 'extractive' });
      expect(httpLogs).toContainEqual(expect.objectContaining({ msg: 'request', method: 'POST', path: '/mcp', status: 200 }));
      expect(httpLogs).toContainEqual(expect.objectContaining({ msg: 'tool call', tool: 'search_sources' }));
    } finally {
      await client.close();
    }
  });

  it('aborts the call of a client that disconnects mid-call, and keeps serving', async () => {
    const client = await connectHttp(claudeServer.url);
    claude.fail('hang');
    const before = { requests: claude.requests.length, disconnected: claude.disconnected };
    const pending = call(client, 'ask', { question: QUESTION });
    await expect.poll(() => claude.requests.length, { timeout: 30_000 }).toBeGreaterThan(before.requests);
    await client.close();
    await expect(pending).rejects.toThrow();
    await expect.poll(() => claude.disconnected, { timeout: 30_000 }).toBe(before.disconnected + 1);

    const again = await connectHttp(claudeServer.url);
    try {
      expect((await call(again, 'ask', { question: QUESTION })).structuredContent).toMatchObject({ abstained: false, mode: 'claude' });
      expect((await fetch(`${claudeServer.url}/healthz`)).status).toBe(200);
    } finally {
      await again.close();
    }
  });
});

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
