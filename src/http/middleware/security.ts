// Secure headers on every response; the CSP follows what is served: locked down for JSON, 'self' for HTML pages.
import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';
import { secureHeaders } from 'hono/secure-headers';
import type { CspDirectives } from '../deps.js';

/** JSON and SSE load nothing, so they may load nothing and be framed by no one. */
export const API_CSP: CspDirectives = {
  defaultSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
};

/** The chat page and widget served by this app: own scripts, styles and API only. */
export const PAGE_CSP: CspDirectives = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

export function mergeCsp(base: CspDirectives, extra: CspDirectives = {}): CspDirectives {
  const merged: CspDirectives = { ...base };
  for (const [directive, sources] of Object.entries(extra)) merged[directive] = [...new Set([...(merged[directive] ?? []), ...sources])];
  return merged;
}

export const renderCsp = (directives: CspDirectives): string =>
  Object.entries(directives)
    .map(([name, sources]) => `${name.replace(/[A-Z]/g, (ch) => `-${ch.toLowerCase()}`)} ${sources.join(' ')}`)
    .join('; ');

export function securityHeaders(options: { pageCsp?: CspDirectives; docsPath: string; docsCsp: CspDirectives }): MiddlewareHandler {
  const headers = secureHeaders({ contentSecurityPolicy: undefined, crossOriginResourcePolicy: 'same-origin' });
  const api = renderCsp(API_CSP);
  const page = renderCsp(mergeCsp(PAGE_CSP, options.pageCsp));
  const docs = renderCsp(mergeCsp(options.docsCsp, options.pageCsp));
  return async (c, next) => {
    let routeCorp = null as string | null;
    await headers(c, async () => {
      await next();
      routeCorp = c.res.headers.get('Cross-Origin-Resource-Policy');
    });
    // A route that chose its own CORP (the embeddable /widget.js) keeps it over the same-origin default.
    if (routeCorp) c.res.headers.set('Cross-Origin-Resource-Policy', routeCorp);
    const isHtml = c.res.headers.get('Content-Type')?.startsWith('text/html') ?? false;
    c.res.headers.set('Content-Security-Policy', !isHtml ? api : c.req.path === options.docsPath ? docs : page);
  };
}

/** Browsers may call the API from these origins only; others get no CORS headers (and so no access). */
export function corsAllowList(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return cors({
    origin: (origin) => (allowed.has(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'OPTIONS'],
    // MCP clients send the negotiated protocol version on every request after initialize.
    allowHeaders: ['Content-Type', 'Accept', 'Authorization', 'X-Request-Id', 'Mcp-Protocol-Version'],
    exposeHeaders: ['X-Request-Id', 'Retry-After', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
    maxAge: 600,
  });
}
