// The Remit HTTP app: Web-standard Hono, so Node (src/adapter/node/serve.ts) and Workers serve the same thing.
import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { REMIT_VERSION } from '../core/version.js';
import type { AppDeps } from './deps.js';
import type { AppEnv, RemitApp } from './env.js';
import { accessLog } from './middleware/access-log.js';
import { limitBody as limitBodyTo } from './middleware/body-limit.js';
import { clientKey, createMemoryRateLimitStore, rateLimit } from './middleware/rate-limit.js';
import { corsAllowList, securityHeaders } from './middleware/security.js';
import { problem, problemFromError, validationProblem } from './problem.js';
import { registerAskRoute } from './routes/ask.js';
import { DOCS_PATH, docsCsp, registerDocsRoutes, type ScalarBundle } from './routes/docs.js';
import { registerFeedbackRoute } from './routes/feedback.js';
import { registerHealthRoute } from './routes/health.js';
import { registerIngestRoute } from './routes/ingest.js';
import { MCP_PATH, registerMcpRoute } from './routes/mcp.js';
import { registerPowersRoute } from './routes/powers.js';
import { registerSourceRoutes } from './routes/sources.js';

export const API_VERSION = REMIT_VERSION;

export interface CreateAppOptions {
  /** Mounts HTML pages (the chat page, the widget) on the app; HTML responses get the page CSP. */
  pages?: (app: RemitApp) => void;
  /** Scalar's bundle for /docs, served by the app (Node, offline); absent: /docs loads it from a CDN (Workers). */
  scalar?: ScalarBundle;
  /** Gzip bundles in the app (default); Workers pass false. */
  compress?: boolean;
}

export function createApp(deps: AppDeps, options: CreateAppOptions = {}): RemitApp {
  const { config, logger } = deps;
  const clock = deps.clock ?? (() => performance.now());
  const app: RemitApp = new OpenAPIHono<AppEnv>({
    // Every zod validation failure (body, params, query) becomes the same 400 problem with field errors.
    defaultHook: (result, c) => (result.success ? undefined : validationProblem(c, result.error.issues)),
  });
  const limitBody = (maxSize: number) =>
    limitBodyTo(maxSize, (c) => problem(c, { status: 413, code: 'payload_too_large', detail: `The body is larger than ${maxSize} bytes` }));

  app.use(requestId());
  app.use(accessLog(logger, clock));
  app.use(securityHeaders({ pageCsp: config.pageCsp, docsPath: DOCS_PATH, docsCsp: docsCsp(options.scalar) }));
  app.use(corsAllowList(config.corsOrigins));
  if (config.rateLimitPerMinute > 0) {
    // One budget per client across the API and MCP: a tool call is an ask by another route.
    const limiter = rateLimit({
      limit: config.rateLimitPerMinute,
      store: deps.rateLimitStore ?? createMemoryRateLimitStore(),
      key: (c) => clientKey(c, config.trustProxy, deps.clientAddress),
      // Windows follow wall time, not the latency clock (which may be performance.now()).
      now: () => Date.now(),
    });
    app.use('/api/*', limiter);
    app.use(MCP_PATH, limiter);
  }

  registerAskRoute(app, { ask: deps.ask, bodyLimit: limitBody(config.bodyLimitBytes), logger });
  registerSourceRoutes(app, deps.sources);
  registerFeedbackRoute(app, { feedback: deps.feedback, bodyLimit: limitBody(config.bodyLimitBytes), now: () => new Date() });
  registerIngestRoute(app, { ingest: deps.ingest, adminToken: config.adminToken, bodyLimit: limitBody(config.ingestBodyLimitBytes) });
  registerPowersRoute(app, deps);
  registerHealthRoute(app, deps.sources);
  if (deps.mcp) registerMcpRoute(app, { handle: deps.mcp, bodyLimit: limitBody(config.bodyLimitBytes), corsOrigins: config.corsOrigins });
  registerDocsRoutes(app, { version: API_VERSION, scalar: options.scalar, compress: options.compress });
  options.pages?.(app);

  app.notFound((c) => problem(c, { status: 404, code: 'not_found', detail: `No route ${c.req.method} ${c.req.path}` }));
  app.onError((error, c) => {
    const { response, internal } = problemFromError(c, error);
    if (internal) logger.error('request failed', { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, error });
    return response;
  });
  return app;
}
