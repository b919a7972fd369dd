// Wires the shared Hono app (src/http) to Workers bindings: D1 + Vectorize store, Workers AI or hashing queries, Claude or extractive answers,
// and the chat page with /widget.js.
import { createClaudeClient } from '../../core/answer/claude/client.js';
import { powersFromDocuments } from '../../core/powers/catalog.js';
import { createRemit } from '../../core/remit.js';
import { createApp } from '../../http/app.js';
import { DEFAULT_SERVER_CONFIG } from '../../http/deps.js';
import type { RemitApp } from '../../http/env.js';
import { createJsonLogger } from '../../http/logger.js';
import { createMemoryRateLimitStore } from '../../http/middleware/rate-limit.js';
import { widgetRoutes } from '../../http/widget-routes.js';
import { logToolCalls } from '../../mcp/deps.js';
import { lazyMcpHttpHandler } from '../../mcp/lazy.js';
// Built by wrangler.toml's [build] command (src/widget/build-cli.ts) before every bundle, and bundled as a text module.
import widgetJs from '../../../dist/widget.js';
import { assertBindings, readWorkerVars, type WorkerEnv } from './bindings.js';
import { createD1FeedbackStore } from './d1-feedback-store.js';
import { D1VectorizeStore } from './d1-vectorize-store.js';
import { embedderForIndex } from './embedder-for-index.js';
import { bundledPrompts } from './prompts.js';
import { catalogFromStore } from './source-catalog.js';

export function createWorkerApp(env: WorkerEnv): RemitApp {
  assertBindings(env);
  const vars = readWorkerVars(env);
  const store = new D1VectorizeStore({ db: env.DB, vectors: env.VECTORIZE });
  const claude = vars.ANTHROPIC_API_KEY
    ? { client: createClaudeClient({ apiKey: vars.ANTHROPIC_API_KEY, baseURL: vars.ANTHROPIC_BASE_URL, maxRetries: 1 }), prompts: bundledPrompts(), model: vars.REMIT_MODEL }
    : undefined;
  const { ask, retriever } = createRemit({
    store,
    // The embedder depends on the id the imported index recorded, so it is chosen on the first question, not at start-up.
    embedder: async () => embedderForIndex((await store.info())?.embedder ?? 'hashing-v1-512', env.AI),
    claude,
    mode: vars.REMIT_MODE,
    // Per isolate: a popular question (or the widget's suggestions) is answered once per isolate, not per request.
    answerCacheEntries: vars.REMIT_ANSWER_CACHE,
    // Per isolate too, within its memory limit: bounded by bytes.
    readingCacheBytes: vars.REMIT_READING_CACHE,
  });

  const sources = catalogFromStore(store);
  const powers = powersFromDocuments(sources);
  const logger = createJsonLogger({ level: vars.LOG_LEVEL });
  return createApp({
    ask,
    sources,
    powers,
    feedback: createD1FeedbackStore(env.DB),
    // MCP over Streamable HTTP with the SDK's web-standard transport, evaluated on the first /mcp request.
    mcp: lazyMcpHttpHandler({ ask, retriever, sources, powers, onToolCall: logToolCalls(logger) }),
    config: { ...DEFAULT_SERVER_CONFIG, corsOrigins: vars.REMIT_CORS_ORIGINS, rateLimitPerMinute: vars.REMIT_RATE_LIMIT },
    logger,
    // Per isolate, so a soft limit: Cloudflare's own rate limiting rules are the hard one at scale.
    rateLimitStore: createMemoryRateLimitStore(),
    // Cloudflare sets CF-Connecting-IP itself; a client cannot forge it at the edge.
    clientAddress: (c) => c.req.header('cf-connecting-ip'),
  }, {
    // Workers encode response bodies themselves (by the client's Accept-Encoding): gzipping in the app would encode twice.
    pages: widgetRoutes({ widgetJs, compress: false }),
  });
}
