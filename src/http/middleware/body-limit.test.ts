import { type ServerType, serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitBody } from './body-limit.js';

// Over a real socket: only there does a request carry the Content-Length (or chunked encoding) the limit reads.
const LIMIT = 64;
let server: ServerType;
let url: string;
const received: string[] = [];

beforeAll(async () => {
  const app = new Hono();
  app.post('/echo', limitBody(LIMIT, (c) => c.text('too large', 413)), async (c) => {
    const body = await c.req.text();
    received.push(body);
    return c.text(`got ${body.length}`);
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      url = `http://127.0.0.1:${info.port}/echo`;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const chunked = (text: string): RequestInit =>
  ({
    method: 'POST',
    body: new ReadableStream({
      start(controller) {
        // Two pieces, so the size is only known by counting.
        controller.enqueue(new TextEncoder().encode(text.slice(0, 10)));
        controller.enqueue(new TextEncoder().encode(text.slice(10)));
        controller.close();
      },
    }),
    duplex: 'half',
  }) as RequestInit;

describe('limitBody', () => {
  it('passes a body within the limit, declared by Content-Length', async () => {
    const res = await fetch(url, { method: 'POST', body: 'a'.repeat(LIMIT) });
    expect(await res.text()).toBe(`got ${LIMIT}`);
  });

  it('answers 413 from the declared Content-Length, before the handler runs', async () => {
    const before = received.length;
    const res = await fetch(url, { method: 'POST', body: 'a'.repeat(LIMIT + 1) });
    expect(res.status).toBe(413);
    expect(received).toHaveLength(before);
  });

  it('counts a chunked body, which declares no length', async () => {
    const within = await fetch(url, chunked('b'.repeat(LIMIT)));
    expect(await within.text()).toBe(`got ${LIMIT}`);
    const before = received.length;
    const over = await fetch(url, chunked('b'.repeat(LIMIT * 3)));
    expect(over.status).toBe(413);
    expect(received).toHaveLength(before);
  });
});
