// Serving the HTTP app on Node: open the runtime, listen, print the URL; on SIGTERM/SIGINT drain, close, exit.
import { join } from 'node:path';
import { serve as serveNode } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Config } from './config.js';
import { readScalarBundle } from './scalar-bundle.js';
import { createApp, type CreateAppOptions } from '../../http/app.js';
import type { AppDeps, SourceCatalog } from '../../http/deps.js';
import { createJsonLogger, type Logger } from '../../http/logger.js';
import { createFileFeedbackStore } from './feedback-file.js';
import { logToolCalls } from '../../mcp/deps.js';
import { lazyMcpHttpHandler } from '../../mcp/lazy.js';
import { failureLog, indexKeeper, messageOf } from './follow-index.js';
import { ingestIntoIndex, openRuntime, type Runtime } from './runtime.js';
import { heapFigures } from './serve-heap.js';
import { registerServedIndex, registryDir } from './serve-registry.js';
import { REMIT_VERSION } from '../../core/version.js';
import { uploadIngest } from './upload-ingest.js';

export interface ServeOptions {
  config: Config;
  /** A runtime already open (tests, `npm start` after ingest); by default one is opened from `config`. */
  runtime?: Runtime;
  /** Human lines (the URL, shutdown); JSON logs go to `logWrite`. */
  out?: (line: string) => void;
  logWrite?: (line: string) => void;
  /** Install SIGTERM/SIGINT handlers that shut down gracefully (default true). */
  handleSignals?: boolean;
  /** How often to look for commits made by other processes, in ms (default 1000). */
  indexPollMs?: number;
  app?: CreateAppOptions;
  /** Where to record the index this server serves, for `remit ask` (serve-registry.ts); false records nothing. */
  registryDir?: string | false;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Stop accepting, let in-flight requests finish (up to the shutdown timeout), then release resources. */
  close(): Promise<void>;
  /** Settles once close() has finished, however it was triggered. */
  closed: Promise<void>;
}

export async function serve(options: ServeOptions): Promise<RunningServer> {
  const { config } = options;
  const out = options.out ?? ((line: string) => process.stdout.write(`${line}\n`));
  const logger = createJsonLogger({ level: config.logLevel, write: options.logWrite ?? ((line) => process.stdout.write(line)) });
  const runtime =
    options.runtime ??
    (await openRuntime({
      db: config.db,
      mode: config.mode,
      embedder: config.embedder,
      modelDir: config.modelDir,
      anthropic: config.anthropic,
      answerCache: config.answerCacheEntries,
      readingCache: config.readingCacheBytes,
    }));
  let draining = false;
  const keeper = indexKeeper(runtime, logger);
  let keeperStopped = Promise.resolve();
  const indexIsWhole = integrityCheck(runtime, logger);
  // Uploads are ingested on a worker thread with its own runtime on the same folder; this one then follows the commit.
  const uploads = config.server.adminToken
    ? uploadIngest({
        runtime: { db: runtime.db, embedder: config.embedder, modelDir: config.modelDir, anthropic: config.anthropic },
        maxBytes: config.server.ingestBodyLimitBytes,
        afterCommit: async () => {
          await runtime.refreshIndex();
          void keeper.warmUp();
          // The upload thread commits without the vector index (it may be stopped once idle): this runtime builds it,
          // under way before the upload is answered, and warms up again once it lands.
          await keeper.buildMissingIndex();
        },
      })
    : undefined;
  const sources: SourceCatalog = {
    list: () => runtime.store.listDocuments(),
    get: (id) => runtime.store.getDocument(id),
    status: async () => {
      const info = await runtime.store.info();
      const counts = { documents: info?.documents ?? 0, chunks: info?.chunks ?? 0, embedder: info?.embedder, builtAt: info?.builtAt };
      if (draining) return { ready: false, ...counts, reason: 'The server is shutting down' };
      if (!info || info.documents === 0) return { ready: false, ...counts, reason: 'The index is empty; run `remit ingest <paths>`' };
      if (!(await indexIsWhole(info.builtAt))) return { ready: false, ...counts, reason: DAMAGED_INDEX_REASON };
      return { ready: true, ...counts, vectorSearch: await runtime.store.vectorSearch?.(), memory: heapFigures() };
    },
  };
  // The table committed with the index; one that predates that is healed below, and meanwhile computed by the rules.
  const powers = runtime.powers;
  const deps: AppDeps = {
    ask: runtime.ask,
    sources,
    powers,
    mcp: lazyMcpHttpHandler({ ask: runtime.ask, retriever: runtime.retriever, sources, powers, onToolCall: logToolCalls(logger) }),
    feedback: createFileFeedbackStore(config.feedbackFile ?? join(config.db, 'feedback.jsonl')),
    ingest: uploads?.ingest,
    config: config.server,
    logger,
    clientAddress: (c) => getConnInfo(c).remote.address,
  };
  let unregister = () => {};
  const running = await listen(createApp(deps, { scalar: await readScalarBundle(), ...options.app }), {
    port: config.port,
    host: config.host,
    shutdownTimeoutMs: config.shutdownTimeoutMs,
    requestTimeoutMs: config.requestTimeoutMs,
    headersTimeoutMs: config.headersTimeoutMs,
    logger,
    beforeClose: () => {
      draining = true;
      keeperStopped = keeper.stop();
    },
    afterClose: async () => {
      unregister();
      await uploads?.close();
      await keeperStopped;
      await runtime.close();
    },
  }).catch(async (error: unknown) => {
    await uploads?.close();
    await runtime.close();
    throw error;
  });
  keeper.start(options.indexPollMs ?? 1000);
  const registry = options.registryDir ?? config.runtimeDir ?? registryDir({});
  if (registry !== false) unregister = recordServedIndex(runtime.db, running, config.host, registry, logger);
  // On the upload thread when there is one: a process commits from one thread at a time.
  void healPowersTable(runtime, logger, uploads ? () => uploads.commitNothing() : () => ingestIntoIndex(runtime, []));
  out(`Remit is listening on ${running.url} (API docs at ${running.url}/docs)`);
  if (options.handleSignals ?? true) closeOnSignals(running, out);
  return running;
}

/** Tells `remit ask` on this index that this server answers it (best effort: without the record it answers itself). */
function recordServedIndex(db: string, running: RunningServer, host: string, dir: string, logger: Logger): () => void {
  // A wildcard listener is reached over loopback; the URL printed for people says localhost, which may be IPv6 first.
  const url = host === '0.0.0.0' ? `http://127.0.0.1:${running.port}` : host === '::' ? `http://[::1]:${running.port}` : running.url;
  try {
    return registerServedIndex({ url, version: REMIT_VERSION, db }, dir);
  } catch (error) {
    logger.debug('not recorded for remit ask', { error: messageOf(error) });
    return () => {};
  }
}

/**
 * An index written before the powers table was committed with it gets one now (an empty commit builds it from the
 * documents' text, once). A read-only index keeps being served, its table computed by the rules.
 */
async function healPowersTable(runtime: Runtime, logger: Logger, commitNothing: () => Promise<unknown>): Promise<void> {
  try {
    if (!(await runtime.store.info()) || (await runtime.store.powers?.()) !== null) return;
    await commitNothing();
    logger.info('powers table built', { documents: (await runtime.store.info())?.documents ?? 0 });
  } catch (error) {
    logger.warn('powers table not built; computed from the documents until the next ingest', { error: messageOf(error) });
  }
}

export interface ListenOptions {
  port: number;
  host: string;
  shutdownTimeoutMs: number;
  /** 408 and a closed connection for a request not received whole in time (Node's default is 300 s); 30 s by default. */
  requestTimeoutMs?: number;
  /** The same for its headers (Node's default is 60 s); 10 s by default, never longer than requestTimeoutMs. */
  headersTimeoutMs?: number;
  logger: Logger;
  beforeClose?: () => void;
  afterClose?: () => Promise<void>;
}

/** Listens with @hono/node-server and returns a handle whose close() drains in-flight requests first. */
export function listen(app: { fetch: (request: Request, env: never) => Response | Promise<Response> }, options: ListenOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const requestTimeout = options.requestTimeoutMs ?? 30_000;
    const headersTimeout = Math.min(options.headersTimeoutMs ?? 10_000, requestTimeout);
    const serverOptions = {
      requestTimeout,
      headersTimeout,
      // Node checks the timeouts on this interval (30 s by default), which would let a 30 s timeout run to 60 s.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, Math.floor(headersTimeout / 4))),
    };
    const server = serveNode({ fetch: app.fetch as never, port: options.port, hostname: options.host, serverOptions }, (info) => {
      const host = ['0.0.0.0', '::'].includes(options.host) ? 'localhost' : info.family === 'IPv6' ? `[${info.address}]` : info.address;
      let closing: Promise<void> | undefined;
      const close = () =>
        (closing ??= (async () => {
          options.beforeClose?.();
          await drain(server as import('node:http').Server, options.shutdownTimeoutMs, options.logger);
          await options.afterClose?.();
          options.logger.info('closed', {});
        })());
      let markClosed!: () => void;
      const closed = new Promise<void>((r) => (markClosed = r));
      resolve({ url: `http://${host}:${info.port}`, port: info.port, close: () => close().finally(markClosed), closed });
    });
    server.once('error', reject);
  });
}

/** server.close() stops accepting; idle keep-alive sockets are closed as they appear; stragglers are cut at the deadline. */
async function drain(server: import('node:http').Server, timeoutMs: number, logger: Logger): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  const sweep = setInterval(() => server.closeIdleConnections(), 50);
  const deadline = setTimeout(() => {
    logger.warn('shutdown timeout: closing open connections', { timeoutMs });
    server.closeAllConnections();
  }, timeoutMs);
  server.closeIdleConnections();
  try {
    await stopped;
  } finally {
    clearInterval(sweep);
    clearTimeout(deadline);
  }
}

function closeOnSignals(running: RunningServer, out: (line: string) => void): void {
  const onSignal = (signal: NodeJS.Signals) => {
    out(`${signal}: finishing in-flight requests, then stopping`);
    void running.close();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  void running.closed.then(() => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  });
}

/** Public, so it names no path: the log line has the file and the error. */
const DAMAGED_INDEX_REASON = 'The index files are damaged or missing; re-ingest with `remit ingest --rebuild <paths>`';
/** A health probe every second must not read every file every second. */
const INTEGRITY_CHECK_INTERVAL_MS = 5000;

/**
 * Whether the committed index's files can all be read (IndexStore.verify), checked at most every few seconds and
 * again whenever the index changes. The check reads every row id (a quarter of a second at 15k chunks on a busy
 * machine), so only the first one is waited for: after that /healthz answers at once with the last verdict while a
 * newer check runs, and damage takes the instance out of rotation one health poll later. A failure is logged with its
 * cause once per distinct message.
 */
function integrityCheck(runtime: Runtime, logger: Logger): (builtAt: string | undefined) => Promise<boolean> {
  let last: { builtAt: string | undefined; at: number; whole: boolean } | undefined;
  let running: Promise<boolean> | undefined;
  const failures = failureLog((error) => logger.error('index damaged', { error }));
  const check = async (builtAt: string | undefined): Promise<boolean> => {
    const whole = await (runtime.store.verify?.().then(
      () => true,
      (error: unknown) => {
        failures.failed(error);
        return false;
      },
    ) ?? true);
    last = { builtAt, at: performance.now(), whole };
    running = undefined;
    return whole;
  };
  return async (builtAt) => {
    const due = !last || last.builtAt !== builtAt || performance.now() - last.at > INTEGRITY_CHECK_INTERVAL_MS;
    if (due) running ??= check(builtAt);
    return last ? last.whole : running!;
  };
}
