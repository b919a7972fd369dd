import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerServedIndex } from '../adapter/node/serve-registry.js';
import { REMIT_VERSION } from '../core/version.js';
import { answersExtractively, askRunningServer } from './ask-via-server.js';

describe('answersExtractively', () => {
  it('hands over only what would be answered extractively here', () => {
    expect(answersExtractively(undefined, {})).toBe(true);
    expect(answersExtractively('extractive', { ANTHROPIC_API_KEY: 'k' })).toBe(true);
    expect(answersExtractively(undefined, { ANTHROPIC_API_KEY: 'k' })).toBe(false);
    expect(answersExtractively(undefined, { REMIT_MODE: 'claude' })).toBe(false);
    expect(answersExtractively('claude', {})).toBe(false);
  });
});

describe('askRunningServer', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'remit-ask-server-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is undefined with no server recorded, and when the recorded one answers with an error or not an Answer', async () => {
    const env = { REMIT_RUNTIME_DIR: join(dir, 'registry') };
    expect(await askRunningServer(join(dir, 'index'), { question: 'q' }, env)).toBeUndefined();
    const replies = [
      { status: 503, body: '{"code":"index_missing"}' },
      { status: 200, body: '{"not":"an answer"}' },
      { status: 200, body: '{"answer":"Yes [1].","citations":[],"abstained":false}' },
    ];
    const asked: unknown[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        asked.push(JSON.parse(body));
        const reply = replies[asked.length - 1]!;
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as { port: number };
      registerServedIndex({ url: `http://127.0.0.1:${port}`, version: REMIT_VERSION, db: join(dir, 'index') }, env.REMIT_RUNTIME_DIR);
      expect(await askRunningServer(join(dir, 'index'), { question: 'q', k: 3 }, env)).toBeUndefined();
      expect(await askRunningServer(join(dir, 'index'), { question: 'q' }, env)).toBeUndefined();
      expect(await askRunningServer(join(dir, 'index'), { question: 'q' }, env)).toMatchObject({ answer: 'Yes [1].' });
      // Asked for an extractive answer, with the caller's k.
      expect(asked[0]).toEqual({ question: 'q', k: 3, mode: 'extractive' });
    } finally {
      server.close();
    }
  });
});
