import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../core/schema.js';
import { createApp } from '../../http/app.js';
import { createJsonLogger } from '../../http/logger.js';
import { readAnswerEvents } from '../../widget/sse.js';
import { createSmallAsk, createSmallDeps } from '../../../test/support/small-world.js';
import { listen, type RunningServer } from './serve.js';

const servers: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: { delayMs?: number; onAbort?: () => void; afterClose?: () => Promise<void>; requestTimeoutMs?: number; headersTimeoutMs?: number } = {}) {
  const { deps } = createSmallDeps({ ask: createSmallAsk(options) });
  const running = await listen(createApp(deps), {
    port: 0,
    host: '127.0.0.1',
    shutdownTimeoutMs: 5_000,
    logger: createJsonLogger({ level: 'silent' }),
    afterClose: options.afterClose,
    requestTimeoutMs: options.requestTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs,
  });
  servers.push(running);
  return running;
}

const askInit = (question: string, accept = 'application/json'): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', Accept: accept },
  body: JSON.stringify({ question }),
});

describe('listening server', () => {
  it('streams a real SSE answer over HTTP to its done event', async () => {
    const { url } = await start();
    const res = await fetch(`${url}/api/ask`, askInit('Can the Harbour Board fine a ship owner?', 'text/event-stream'));
    expect(res.status).toBe(200);
    expect(res.headers.get('X-Request-Id')).toBeTruthy();
    const events: AnswerEvent[] = [];
    for await (const event of readAnswerEvents(res.body!)) events.push(event);
    expect(events.map((e) => e.type)).toEqual(['sources', 'citation', 'text', 'done']);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.citations[0]).toMatchObject({ docId: 'doc_harbour', start: 0 });
  });

  it('aborts the answer when the client disconnects mid-stream', async () => {
    let aborted!: () => void;
    const abortedAnswer = new Promise<void>((resolve) => (aborted = resolve));
    const { port } = await start({ delayMs: 5_000, onAbort: () => aborted() });
    // A raw socket that is destroyed after the first bytes, as when a browser tab closes.
    const firstChunk = new Promise<string>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/api/ask', method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' } }, (res) =>
        res.once('data', (chunk: Buffer) => (resolve(chunk.toString()), req.destroy())),
      );
      req.on('error', reject);
      req.end(JSON.stringify({ question: 'Harbour Board fine' }));
    });
    expect(await firstChunk).toMatch(/^event: sources/);
    await expect(abortedAnswer).resolves.toBeUndefined();
  });

  it('finishes in-flight requests on close, refuses new ones, then releases the runtime', async () => {
    const released: string[] = [];
    const running = await start({ delayMs: 300, afterClose: async () => void released.push('runtime') });
    const inFlight = fetch(`${running.url}/api/ask`, askInit('Harbour Board fine'));
    await new Promise((r) => setTimeout(r, 100));
    const closing = running.close();
    await expect(fetch(`${running.url}/healthz`)).rejects.toThrow();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect((await res.json()).citations).toHaveLength(1);
    await closing;
    expect(released).toEqual(['runtime']);
  });

  /** Sends `head` (and `body` bytes) on a raw socket, never finishing; resolves with what the server wrote before closing. */
  const slowClient = (port: number, head: string, body = '') =>
    new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(head + body));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('close', () => resolve(received));
      socket.on('error', reject);
    });

  it('cuts off a request body that never finishes with 408 (the request timeout), and keeps serving others', async () => {
    const { port, url } = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 1_000 });
    const head = `POST /api/ask HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`;
    const cut = slowClient(port, head, '{"question": "Harbour');
    expect((await fetch(`${url}/healthz`)).status).toBeLessThan(500);
    expect(await cut).toMatch(/^HTTP\/1\.1 408/);
  });

  it('cuts off a client that never finishes its headers', async () => {
    const { port } = await start({ requestTimeoutMs: 1_000, headersTimeoutMs: 500 });
    expect(await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')).toMatch(/^HTTP\/1\.1 408/);
  });
});
