// A real local stand-in for the subset of the Anthropic Messages API that Remit uses (POST /v1/messages,
// JSON and SSE). Replies are built from the search_result blocks of the actual request, so tests prove the
// whole path: request building, the SDK's parsing and retries, citation mapping.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the next request gets; failures are consumed one per request, in order, before the reply. */
export type Failure = 429 | 500 | 'hang';

/** How a successful reply cites: the first sentence block of the first two results, verbatim. */
export type ReplyKind =
  | 'cite'
  /** Also cites a search result index past the end of the request's results. */
  | 'out-of-range'
  /** Also cites text that appears in no given block. */
  | 'foreign-text'
  /** Also writes a sentence with no citation. */
  | 'uncited'
  /** Answers with the abstention sentence the test passes as `abstainText`. */
  | 'abstain';

export interface StandInOptions {
  reply?: ReplyKind;
  abstainText?: string;
  /** Reply to requests without search results (the query rewriter). Defaults to echoing the last user line. */
  rewriteReply?: string;
}

export interface RecordedRequest {
  headers: IncomingMessage['headers'];
  body: MessagesRequestBody;
}

/** The request fields the stand-in reads; everything else is recorded untouched. */
export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  stream?: boolean;
  system?: string | TextPart[];
  messages: { role: 'user' | 'assistant'; content: string | ContentPart[] }[];
  [key: string]: unknown;
}

interface TextPart {
  type: 'text';
  text: string;
  cache_control?: { type: string };
}

interface SearchResultPart {
  type: 'search_result';
  source: string;
  title: string;
  content: TextPart[];
  citations?: { enabled?: boolean };
}

type ContentPart = TextPart | SearchResultPart | { type: string };

interface ReplyBlock {
  text: string;
  citations: Record<string, unknown>[];
}

export interface MessagesApiServer {
  /** Pass as the SDK's `baseURL`. */
  url: string;
  requests: RecordedRequest[];
  /** Requests whose client went away before the reply (an aborted call). */
  readonly disconnected: number;
  /** Queue scripted failures for the next requests. */
  fail(...failures: Failure[]): void;
  set(options: StandInOptions): void;
  close(): Promise<void>;
}

export async function startMessagesApiServer(initial: StandInOptions = {}): Promise<MessagesApiServer> {
  let options: StandInOptions = { reply: 'cite', ...initial };
  const failures: Failure[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const cachedPrefixes = new Set<string>();
  let disconnected = 0;

  const server = createServer(async (req, res) => {
    if (req.method !== 'POST' || !req.url?.startsWith('/v1/messages')) return sendJson(res, 404, apiError('not_found_error', 'Not found'));
    const body = JSON.parse(await readBody(req)) as MessagesRequestBody;
    requests.push({ headers: req.headers, body });
    res.on('close', () => {
      if (!res.writableEnded) disconnected += 1;
    });
    const failure = failures.shift();
    if (failure === 'hang') return; // never answers; the client's timeout must fire
    if (failure === 429) return sendJson(res, 429, apiError('rate_limit_error', 'Rate limited'), { 'retry-after-ms': '10' });
    if (failure === 500) return sendJson(res, 500, apiError('api_error', 'Internal server error'));

    const powers = recordPowersReply(body);
    if (powers) return sendJson(res, 200, powers);
    const blocks = replyBlocks(body, options);
    const usage = countUsage(body, blocks, cachedPrefixes);
    if (body.stream) return sendStream(res, body.model, blocks, usage);
    sendJson(res, 200, {
      id: `msg_standin_${requests.length}`,
      type: 'message',
      role: 'assistant',
      model: body.model,
      content: blocks.map((b) => ({ type: 'text', text: b.text, citations: b.citations.length ? b.citations : null })),
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage,
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get disconnected() {
      return disconnected;
    },
    fail: (...next) => failures.push(...next),
    set: (next) => (options = { reply: 'cite', ...next }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A forced `record_powers` tool call (the powers extractor): one power per sentence of the document that names Ofcom
 * and a fine, quoting the document verbatim; null for any other request.
 */
function recordPowersReply(body: MessagesRequestBody): Record<string, unknown> | null {
  const tools = (body.tools ?? []) as { name?: string }[];
  if (!tools.some((tool) => tool.name === 'record_powers')) return null;
  const text = /<document[^>]*>\n([\s\S]*)\n<\/document>/.exec(lastUserText(body))?.[1] ?? '';
  const sentences = text.split(/(?<=[.!?])\s+/).filter((s) => /\bOfcom\b/.test(s) && /\bfine\b/.test(s));
  const powers = sentences.map((sentence) => ({
    regulator: { value: 'Ofcom', quote: 'Ofcom' },
    kind: { value: 'fine', quote: sentence },
    ...(/Online Safety Act/.test(sentence) ? { statute: { value: 'Online Safety Act 2023', quote: 'Online Safety Act' } } : {}),
  }));
  return {
    id: 'msg_standin_powers',
    type: 'message',
    role: 'assistant',
    model: body.model,
    content: [{ type: 'tool_use', id: 'toolu_standin', name: 'record_powers', input: { powers } }],
    stop_reason: 'tool_use',
    stop_sequence: null,
    usage: { input_tokens: Math.ceil(text.length / 4), output_tokens: 10 * powers.length },
  };
}

function lastUserText(body: MessagesRequestBody): string {
  const last = body.messages.at(-1);
  return typeof last?.content === 'string' ? last.content : (last?.content ?? []).map((p) => ('text' in p ? p.text : '')).join('\n');
}

/** The search_result blocks of a request, in the order the API indexes them (across messages). */
export function searchResultsOf(body: MessagesRequestBody): SearchResultPart[] {
  return body.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.filter((p): p is SearchResultPart => p.type === 'search_result')));
}

function replyBlocks(body: MessagesRequestBody, options: StandInOptions): ReplyBlock[] {
  const results = searchResultsOf(body);
  if (results.length === 0) return [{ text: options.rewriteReply ?? lastUserLine(body), citations: [] }];
  if (options.reply === 'abstain') return [{ text: options.abstainText ?? 'The sources do not cover this.', citations: [] }];

  const blocks: ReplyBlock[] = [{ text: 'According to the sources, ', citations: [] }];
  results.slice(0, 2).forEach((result, index) => {
    const first = result.content[0]?.text ?? '';
    blocks.push({ text: first.replace(/[.!?]+$/, ''), citations: [location(result, index, 0, 1, first)] });
    blocks.push({ text: index === 0 && results.length > 1 ? '. Also, ' : '.', citations: [] });
  });
  const first = results[0]!;
  if (options.reply === 'out-of-range') {
    blocks.push({ text: ' A further claim', citations: [location(first, results.length, 0, 1, 'Text from a result that was never sent.')] });
    blocks.push({ text: '.', citations: [] });
  }
  if (options.reply === 'foreign-text') {
    blocks.push({ text: ' Another claim', citations: [location(first, 0, 0, 1, 'Nothing like this appears in any source block.')] });
    blocks.push({ text: '.', citations: [] });
  }
  if (options.reply === 'uncited') blocks.push({ text: ' This sentence cites nothing at all.', citations: [] });
  return blocks;
}

function location(result: SearchResultPart, index: number, start: number, end: number, citedText: string): Record<string, unknown> {
  return {
    type: 'search_result_location',
    cited_text: citedText,
    search_result_index: index,
    start_block_index: start,
    end_block_index: end,
    source: result.source,
    title: result.title,
  };
}

function lastUserLine(body: MessagesRequestBody): string {
  return lastUserText(body).trim().split('\n').at(-1) ?? '';
}

/** Token counts as characters / 4, with prompt caching simulated: a repeated cached system prefix is read, not written. */
function countUsage(body: MessagesRequestBody, blocks: ReplyBlock[], cachedPrefixes: Set<string>) {
  const tokens = (text: string) => Math.ceil(text.length / 4);
  const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
  const cached = system.filter((p) => p.cache_control).map((p) => p.text).join('');
  const total = tokens(JSON.stringify(body.messages)) + tokens(system.map((p) => p.text).join(''));
  const prefix = tokens(cached);
  const hit = cached !== '' && cachedPrefixes.has(cached);
  if (cached) cachedPrefixes.add(cached);
  return {
    input_tokens: total - prefix,
    output_tokens: tokens(blocks.map((b) => b.text).join('')),
    cache_creation_input_tokens: hit ? 0 : prefix,
    cache_read_input_tokens: hit ? prefix : 0,
  };
}

function sendStream(res: ServerResponse, model: string, blocks: ReplyBlock[], usage: ReturnType<typeof countUsage>): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (type: string, data: Record<string, unknown>) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  send('message_start', {
    message: { id: 'msg_standin_stream', type: 'message', role: 'assistant', model, content: [], stop_reason: null, stop_sequence: null, usage: { ...usage, output_tokens: 1 } },
  });
  blocks.forEach((block, index) => {
    send('content_block_start', { index, content_block: { type: 'text', text: '', citations: [] } });
    for (const citation of block.citations) send('content_block_delta', { index, delta: { type: 'citations_delta', citation } });
    // Text arrives in small pieces, as the real API streams it.
    for (const piece of block.text.match(/[\s\S]{1,12}/g) ?? []) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
    send('content_block_stop', { index });
  });
  send('message_delta', { delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: usage.output_tokens } });
  send('message_stop', {});
  res.end();
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function apiError(type: string, message: string) {
  return { type: 'error', error: { type, message } };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts).toString('utf8');
}
