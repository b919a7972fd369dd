// Real servers for the browser tests: Remit through the Node entry (serve), a second Remit on a chosen port, a plain host site.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../../../src/adapter/node/config.js';
import { listen, type RunningServer, serve } from '../../../src/adapter/node/serve.js';
import type { Runtime } from '../../../src/adapter/node/runtime.js';
import { createApp } from '../../../src/http/app.js';
import { createMemoryFeedbackStore } from '../../../src/http/feedback-store.js';
import { createJsonLogger } from '../../../src/http/logger.js';
import { widgetRoutes } from '../../../src/http/widget-routes.js';

export interface RemitServerOptions {
  runtime: Runtime;
  widgetJs: string;
  db: string;
  feedbackFile: string;
  corsOrigins?: string[];
}

/** Remit as `npm start` runs it (config from env, file feedback store), on an ephemeral loopback port. */
export function startRemit(options: RemitServerOptions): Promise<RunningServer> {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    REMIT_DB: options.db,
    REMIT_FEEDBACK_FILE: options.feedbackFile,
    REMIT_CORS_ORIGINS: (options.corsOrigins ?? []).join(','),
    // The browser tests ask many questions from one address.
    REMIT_RATE_LIMIT: '0',
    LOG_LEVEL: 'silent',
  });
  return serve({ config, runtime: options.runtime, out: () => {}, logWrite: () => {}, handleSignals: false, app: { pages: widgetRoutes({ widgetJs: options.widgetJs }) } });
}

/** A second Remit over the same runtime, on a given port, with its own rate limit; closing it leaves the runtime open. */
export function startLimitedRemit(options: { runtime: Runtime; port: number; rateLimitPerMinute: number; corsOrigins: string[] }): Promise<RunningServer> {
  const { runtime } = options;
  const logger = createJsonLogger({ level: 'silent' });
  const app = createApp({
    ask: runtime.ask,
    sources: {
      list: () => runtime.store.listDocuments(),
      get: (id) => runtime.store.getDocument(id),
      status: async () => ({ ready: true, documents: 0, chunks: 0 }),
    },
    feedback: createMemoryFeedbackStore(),
    config: { corsOrigins: options.corsOrigins, rateLimitPerMinute: options.rateLimitPerMinute, bodyLimitBytes: 65536, ingestBodyLimitBytes: 65536, trustProxy: false },
    logger,
  });
  return listen(app, { port: options.port, host: '127.0.0.1', shutdownTimeoutMs: 2_000, logger });
}

/** A port that was free a moment ago: nothing listens there until the test starts a server on it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface HostSite {
  url: string;
  /** The page HTML, set once the Remit URL is known. */
  setPage(html: string): void;
  close(): Promise<void>;
}

/** Someone else's website on another origin, serving whatever page the test gives it. */
export async function startHostSite(): Promise<HostSite> {
  let page = '<!doctype html><title>empty</title>';
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setPage: (html) => void (page = html),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
