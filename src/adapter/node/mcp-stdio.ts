// `remit mcp`: the MCP server over stdio, as desktop assistants launch it. stdout carries the protocol and nothing
// else; logs are JSON lines on stderr (which those assistants keep in their log files). The process serves until the
// client closes its stdin, or SIGTERM/SIGINT; it follows commits another process makes, as `remit serve` does.
import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Logger } from '../../http/logger.js';
import { createMcpServer } from '../../mcp/server.js';
import { indexKeeper } from './follow-index.js';
import { logToolCalls } from '../../mcp/deps.js';
import type { Runtime } from './runtime.js';

export interface McpStdioOptions {
  runtime: Runtime;
  logger: Logger;
  input?: Readable;
  output?: Writable;
  /** How often to look for commits made by other processes, in ms (default 1000). */
  indexPollMs?: number;
  /** Tool calls under way get this long to finish when the session ends (default 5 s); then the runtime closes. */
  shutdownTimeoutMs?: number;
  /** Close on SIGTERM/SIGINT (default true). */
  handleSignals?: boolean;
}

export interface RunningMcpStdio {
  close(): Promise<void>;
  /** Settles once close() has finished, however it was triggered (the client closing stdin, a signal). */
  closed: Promise<void>;
}

export async function serveMcpStdio(options: McpStdioOptions): Promise<RunningMcpStdio> {
  const { runtime, logger } = options;
  const input = options.input ?? process.stdin;
  const output = options.output ?? process.stdout;
  // A library's console.log would land in the protocol stream and break the client's parser.
  if (output === process.stdout) keepConsoleOffStdout();
  const sources = { list: () => runtime.store.listDocuments(), get: (id: string) => runtime.store.getDocument(id) };
  const calls = new Set<Promise<unknown>>();
  const server = createMcpServer({
    ask: runtime.ask,
    retriever: runtime.retriever,
    sources,
    powers: runtime.powers,
    onToolCall: logToolCalls(logger),
    track: (call) => {
      calls.add(call);
      void call.finally(() => calls.delete(call));
    },
  });
  const keeper = indexKeeper(runtime, logger);
  let markClosed!: () => void;
  const closed = new Promise<void>((resolve) => (markClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Stop reading first: the calls under way finish (their replies go nowhere) before the index they read closes.
      await server.close();
      await settle([...calls], options.shutdownTimeoutMs ?? 5000);
      await keeper.stop();
      await runtime.close();
      logger.info('closed', {});
    })().finally(markClosed));
  // A client ends the session by closing our stdin; a client that dies closes the pipe.
  input.once('end', () => void close());
  input.once('close', () => void close());
  await server.connect(new StdioServerTransport(input, output));
  keeper.start(options.indexPollMs ?? 1000);
  const info = await runtime.store.info();
  logger.info('serving MCP on stdio', { db: runtime.db, documents: info?.documents ?? 0, chunks: info?.chunks ?? 0, embedder: info?.embedder });
  if (options.handleSignals ?? true) {
    const onSignal = (signal: NodeJS.Signals) => {
      logger.info('stopping', { signal });
      void close();
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
    void closed.then(() => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    });
  }
  return { close, closed };
}

/** Waits for every promise to settle, or for the deadline. */
async function settle(promises: Promise<unknown>[], timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
  await Promise.race([Promise.allSettled(promises), deadline]);
  clearTimeout(timer);
}

function keepConsoleOffStdout(): void {
  for (const method of ['log', 'info', 'debug'] as const) console[method] = (...args: unknown[]) => console.error(...args);
}
