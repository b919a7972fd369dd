// /mcp: the Model Context Protocol over Streamable HTTP, for assistants that call Remit's tools remotely. The handler
// (src/mcp/http.ts) is injected; here it gets the app's body limit, and the rate limit, CORS rules, secure headers
// and access log every route gets.
import type { MiddlewareHandler } from 'hono';
import type { RemitApp } from '../env.js';
import { problem } from '../problem.js';

export const MCP_PATH = '/mcp';

export interface McpRouteDeps {
  handle: (request: Request) => Promise<Response>;
  bodyLimit: MiddlewareHandler;
  /** Origins allowed by CORS: the only ones a browser may call /mcp from. */
  corsOrigins: readonly string[];
}

export function registerMcpRoute(app: RemitApp, deps: McpRouteDeps): void {
  app.all(MCP_PATH, allowedOriginsOnly(deps.corsOrigins), deps.bodyLimit, (c) => deps.handle(c.req.raw));
}

/**
 * The MCP transport spec requires refusing a request whose Origin is not allowed: a page that rebinds its own domain
 * to 127.0.0.1 would otherwise reach a local server's tools as same-origin. MCP clients outside a browser send no
 * Origin and are not affected.
 */
function allowedOriginsOnly(origins: readonly string[]): MiddlewareHandler {
  const allowed = new Set(origins);
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (origin !== undefined && !allowed.has(origin)) {
      return problem(c, { status: 403, code: 'forbidden_origin', detail: `Origin ${origin} may not call ${MCP_PATH}`, hint: 'List it in REMIT_CORS_ORIGINS.' });
    }
    await next();
  };
}
