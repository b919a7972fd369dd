// What the HTTP app needs from the outside world, passed in so the same app runs on Node, Workers and in tests.
import type { Context } from 'hono';
import type { Ask } from '../core/ask.js';
import type { PowersCatalog } from '../core/powers/catalog.js';
import type { IngestReport } from '../core/ingest/ingest.js';
import type { Document, DocumentMeta } from '../core/schema.js';
import type { VectorSearchStatus } from '../core/store/index-store.js';
import type { FeedbackStore } from './feedback-store.js';
import type { Logger } from './logger.js';
import type { RateLimitStore } from './middleware/rate-limit.js';

/** Index status as the health check reports it; `ready: false` answers 503. */
export interface HealthStatus {
  ready: boolean;
  documents: number;
  chunks: number;
  embedder?: string;
  builtAt?: string;
  /** How vector searches run: through the approximate index, or exactly while it is being built. */
  vectorSearch?: VectorSearchStatus;
  /** Why the service is not ready, e.g. "the index is empty" or "shutting down". */
  reason?: string;
  /** The serving heap's limit and what it holds now, in MB, where the runtime can tell (Node). */
  memory?: { heapLimitMb: number; heapUsedMb: number };
}

export interface SourceCatalog {
  list(): Promise<DocumentMeta[]>;
  get(id: string): Promise<Document | null>;
  status(): Promise<HealthStatus>;
}

export interface IngestInput {
  origin: string;
  bytes: Uint8Array;
  contentType?: string;
  metadata?: { title?: string; publisher?: string; date?: string; url?: string };
}

/** The body of POST /api/ingest as received: bytes and the request's Content-Type header. */
export interface IngestBody {
  bytes: Uint8Array;
  contentType: string;
}

/**
 * Reads the body (`readIngestBody`) and ingests what it holds. The body reaches it unparsed so a runtime can parse it off
 * its event loop; `ingestReadingBody` wraps an ingest that takes the parsed upload.
 */
export type IngestFn = (body: IngestBody) => Promise<IngestReport>;

/** Content-Security-Policy directives in hono/secure-headers form (camelCase keys, source lists). */
export type CspDirectives = Record<string, string[]>;

export interface ServerConfig {
  /** Origins allowed by CORS; empty means same-origin only. */
  corsOrigins: string[];
  /** Requests per minute per client on /api/*; 0 disables the limiter. */
  rateLimitPerMinute: number;
  /** Largest JSON body on /api/ask and /api/feedback, in bytes. */
  bodyLimitBytes: number;
  /** Largest upload on /api/ingest, in bytes. */
  ingestBodyLimitBytes: number;
  /** Unset disables /api/ingest (404). */
  adminToken?: string;
  /** Trust X-Forwarded-For / CF-Connecting-IP for the client key (only behind a proxy you run). */
  trustProxy: boolean;
  /** Extra CSP sources for HTML pages served by this app (the chat page and widget). */
  pageCsp?: CspDirectives;
}

export interface AppDeps {
  ask: Ask;
  sources: SourceCatalog;
  feedback: FeedbackStore;
  /** Absent disables /api/ingest (404). */
  ingest?: IngestFn;
  /**
   * MCP over Streamable HTTP at /mcp (src/mcp/http.ts, injected so the app does not load the MCP SDK unless served);
   * absent answers 404.
   */
  mcp?: (request: Request) => Promise<Response>;
  /** The powers table (on Node, the one committed with the index); absent computes it from `sources` with the rules. */
  powers?: PowersCatalog;
  config: ServerConfig;
  logger: Logger;
  /** Milliseconds; latency and rate-limit windows. */
  clock?: () => number;
  /** Rate-limit counters; in-memory by default (one process). */
  rateLimitStore?: RateLimitStore;
  /** The client's address from the runtime adapter (Node: socket address); used when no trusted proxy header applies. */
  clientAddress?: (c: Context) => string | undefined;
}

export const DEFAULT_SERVER_CONFIG: ServerConfig = {
  corsOrigins: [],
  rateLimitPerMinute: 60,
  bodyLimitBytes: 64 * 1024,
  ingestBodyLimitBytes: 10 * 1024 * 1024,
  trustProxy: false,
};
