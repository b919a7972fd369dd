// MCP over Streamable HTTP with web-standard Request and Response, so Node and Workers serve it alike. Stateless: each
// POST gets its own server and transport, so no session outlives its request (an isolate may not see the next one),
// and the app's rate limit, body limit and log apply per request. Replies are JSON, not SSE: a tool call is one
// request and one answer.
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { McpDeps } from './deps.js';
import { createMcpServer } from './server.js';

export type McpHttpHandler = (request: Request) => Promise<Response>;

/** nginx's "client closed request": nobody reads it, but the access log says what happened. */
const CLIENT_CLOSED_REQUEST = 499;

export function mcpHttpHandler(deps: McpDeps): McpHttpHandler {
  return async (request) => {
    // Without sessions there is no stream for a GET to open and nothing for a DELETE to end; 405 is how the spec
    // says so (a client then simply does not listen for server-initiated messages).
    if (request.method !== 'POST') return methodNotAllowed();
    const server = createMcpServer(deps);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    await server.connect(transport);
    let onAbort = () => {};
    // A JSON reply waits for the tool; closing the server when the client goes away aborts the tool's signal (the
    // ask stops, a Claude call is cancelled), and the reply no one will read is not awaited.
    const clientGone = new Promise<Response>((resolve) => {
      onAbort = () => resolve(new Response(null, { status: CLIENT_CLOSED_REQUEST }));
      if (request.signal.aborted) onAbort();
      else request.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([transport.handleRequest(request), clientGone]);
    } finally {
      request.signal.removeEventListener('abort', onAbort);
      await server.close();
    }
  };
}

function methodNotAllowed(): Response {
  const body = { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed: this server is stateless, send JSON-RPC messages with POST' }, id: null };
  return new Response(JSON.stringify(body), { status: 405, headers: { Allow: 'POST', 'Content-Type': 'application/json' } });
}
