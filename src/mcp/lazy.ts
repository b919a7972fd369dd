// The /mcp handler, its module (and the MCP SDK, ~0.25-0.4 s to import on Node) loaded on the first request: a server
// or Worker isolate that is never asked over MCP does not pay for it at start-up.
import { SharedLoad } from '../core/shared-load.js';
import type { McpDeps } from './deps.js';
import type { McpHttpHandler } from './http.js';

export function lazyMcpHttpHandler(deps: McpDeps): McpHttpHandler {
  const handler = new SharedLoad<McpHttpHandler>();
  const load = async () => (await import('./http.js')).mcpHttpHandler(deps);
  return async (request) => (await handler.get(load))(request);
}
