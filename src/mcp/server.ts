// createMcpServer(deps): Remit as tools and resources for assistants (Model Context Protocol), over the same core as
// the HTTP API. Transport-agnostic: stdio (src/adapter/node/mcp-stdio.ts) and Streamable HTTP (./http.ts) connect it.
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { type CallToolResult, ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { createError } from '../core/errors.js';
import { filterPowers } from '../core/powers/extract.js';
import { renderPowers } from '../core/powers/render.js';
import { type ProblemDetails, problemDetails, problemInitFromError } from '../core/problem.js';
import { DocumentId, type Hit } from '../core/schema.js';
import { REMIT_VERSION } from '../core/version.js';
import type { McpDeps } from './deps.js';
import { renderAnswer, renderSearch, renderSpan } from './render.js';
import { Answer, AskInput, GetSourceInput, ListPowersInput, type Passage, PowersList, SearchInput, SearchResult, SourceSpan } from './schemas.js';

export const SOURCE_URI_TEMPLATE = 'remit://source/{docId}';
export const sourceUri = (docId: string): string => `remit://source/${docId}`;

/** MCP's code for a resource that does not exist (the spec's, not yet in the SDK's ErrorCode). */
const RESOURCE_NOT_FOUND = -32002;

const INSTRUCTIONS =
  'Remit answers questions about what regulators can do (fines, blocking orders, information notices...) from the ' +
  'news articles and explainers in its index. Every claim in an `ask` answer carries a numbered citation to an exact ' +
  'quote with its document id and character offsets; when the sources do not support an answer it abstains. Rely on ' +
  'the quotes, not on paraphrase beyond them, and open a source with `get_source` to read around a quote.';

/** Read-only tools over a closed set of sources; a repeated call gives the same result for the same index. */
const READ_ONLY = { readOnlyHint: true, idempotentHint: true, openWorldHint: false } as const;

/**
 * The SDK's server builds an Ajv instance for itself unless given one (~0.25 ms and much garbage): over stateless HTTP
 * that is once per request. One, built on first use, serves every server.
 */
let validator: AjvJsonSchemaValidator | undefined;
const sharedValidator = () => (validator ??= new AjvJsonSchemaValidator());

export function createMcpServer(deps: McpDeps): McpServer {
  const server = new McpServer({ name: 'remit', title: 'Remit', version: REMIT_VERSION }, { instructions: INSTRUCTIONS, jsonSchemaValidator: sharedValidator() });
  const clock = deps.clock ?? (() => performance.now());

  /** Runs one tool call: its result as structured content and text, or any error as a tool error in problem form. */
  const call = <T extends Record<string, unknown>>(tool: string, run: () => Promise<T>, render: (result: T) => string): Promise<CallToolResult> => {
    const result = callTool(tool, run, render);
    deps.track?.(result);
    return result;
  };
  const callTool = async <T extends Record<string, unknown>>(tool: string, run: () => Promise<T>, render: (result: T) => string): Promise<CallToolResult> => {
    const started = clock();
    try {
      const result = await run();
      deps.onToolCall?.({ tool, ms: clock() - started });
      return { structuredContent: result, content: [{ type: 'text', text: render(result) }] };
    } catch (error) {
      const { init, internal } = problemInitFromError(error);
      deps.onToolCall?.({ tool, ms: clock() - started, error: init.code, status: init.status, cause: internal ? error : undefined });
      // The same object `/api/*` answers with (without the request's path and id), as the text an assistant reads.
      return { isError: true, content: [{ type: 'text', text: JSON.stringify(problemDetails(init)) }] };
    }
  };

  server.registerTool(
    'search_sources',
    {
      title: 'Search Remit’s sources',
      description:
        'Find the passages of Remit’s sources that best match a query (hybrid vector and keyword search). Each passage ' +
        'has its document id, title, publisher, date, character offsets into the document’s clean text, and the text ' +
        'itself. Open a document around a passage with get_source.',
      inputSchema: SearchInput,
      outputSchema: SearchResult,
      annotations: READ_ONLY,
    },
    ({ query, k }) =>
      call('search_sources', async () => SearchResult.parse({ query, passages: (await deps.retriever.retrieve(query, { k })).map(toPassage) }), renderSearch),
  );

  server.registerTool(
    'ask',
    {
      title: 'Ask Remit',
      description:
        'Ask a question about regulators’ powers. Returns a short answer in which every claim carries a numbered [n] ' +
        'citation to an exact quote (document id and character offsets), or an abstention ("the sources don’t say") ' +
        'with the closest sources when they do not support an answer. Pass earlier turns as history for a follow-up.',
      inputSchema: AskInput,
      outputSchema: Answer,
      annotations: READ_ONLY,
    },
    (input, extra) => call('ask', () => deps.ask.ask(input, extra.signal), renderAnswer),
  );

  server.registerTool(
    'get_source',
    {
      title: 'Read a source',
      description:
        'A document’s clean text, or the characters from start to end of it, with its title, publisher, date, origin ' +
        'and the underlying sources it relies on. The offsets are those search_sources and ask return: the span of a ' +
        'citation is exactly its quote.',
      inputSchema: GetSourceInput,
      outputSchema: SourceSpan,
      annotations: READ_ONLY,
    },
    ({ docId, start, end }) => call('get_source', () => sourceSpan(deps, docId, start, end), renderSpan),
  );

  server.registerTool(
    'list_powers',
    {
      title: 'List regulators’ powers',
      description:
        'The table of regulators’ powers extracted from the sources: regulator, statute, provision, kind, limit ' +
        '(amounts and percentages), who decides, status, each field with the exact quotes that state it, and the ' +
        'fields on which sources disagree. A field no source states is absent.',
      inputSchema: ListPowersInput,
      outputSchema: PowersList,
      annotations: READ_ONLY,
    },
    (query) =>
      call(
        'list_powers',
        async () => {
          const { version: _version, powers, ...table } = await deps.powers.table();
          return PowersList.parse({ ...table, powers: filterPowers(powers, query) });
        },
        (list) => renderPowers(list.powers, list),
      ),
  );

  server.registerResource(
    'source',
    new ResourceTemplate(SOURCE_URI_TEMPLATE, {
      list: async () => ({
        resources: (await deps.sources.list()).map((meta) => ({
          uri: sourceUri(meta.id),
          name: meta.id,
          title: meta.title,
          description: [meta.publisher, meta.date, meta.url ?? meta.origin].filter(Boolean).join(', '),
          mimeType: 'text/plain',
        })),
      }),
      complete: { docId: async (prefix) => (await deps.sources.list()).map((meta) => meta.id).filter((id) => id.startsWith(prefix)).slice(0, 100) },
    }),
    {
      title: 'Remit source',
      description: 'A document in Remit’s index as clean text: every citation’s offsets index into this text.',
      mimeType: 'text/plain',
    },
    async (uri, { docId }) => {
      try {
        const span = await sourceSpan(deps, String(docId));
        return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: span.text }] };
      } catch (error) {
        const { init } = problemInitFromError(error);
        const code = init.code === 'not_found' ? RESOURCE_NOT_FOUND : init.status < 500 ? ErrorCode.InvalidParams : ErrorCode.InternalError;
        throw new JsonRpcError(code, init.detail ?? init.code, problemDetails(init));
      }
    },
  );

  return server;
}

/** A JSON-RPC error with the problem as its data; unlike McpError, its message goes on the wire without a code prefix. */
class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data: ProblemDetails,
  ) {
    super(message);
  }
}

function toPassage(hit: Hit): Passage {
  const { chunk, document } = hit;
  return {
    docId: chunk.docId,
    chunkId: chunk.id,
    title: document.title,
    publisher: document.publisher,
    date: document.date,
    origin: document.origin,
    url: document.url,
    start: chunk.start,
    end: chunk.end,
    text: chunk.text,
    score: hit.score,
    alsoIn: hit.alsoIn.map(({ docId, title, publisher, origin }) => ({ docId, title, publisher, origin })),
  };
}

/** A document, or the span start..end of it; offsets outside the text are a bad_input, not a silent clip. */
async function sourceSpan(deps: McpDeps, id: string, start?: number, end?: number): Promise<SourceSpan> {
  if (!DocumentId.safeParse(id).success) throw createError({ code: 'bad_input', message: `Not a document id: ${id}` });
  const document = await deps.sources.get(id);
  if (!document) throw createError({ code: 'not_found', message: `No document ${id}`, hint: 'Find ids with search_sources or the remit://source resources.' });
  const { id: docId, text, ...meta } = document;
  const from = start ?? 0;
  const to = end ?? text.length;
  if (from > to || to > text.length) {
    throw createError({ code: 'bad_input', message: `The span ${from}-${to} is outside the document (0-${text.length}, start <= end)` });
  }
  return SourceSpan.parse({ ...meta, docId, length: text.length, start: from, end: to, text: text.slice(from, to) });
}
