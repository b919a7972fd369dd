import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClaudeJudge } from './claude.js';

// A minimal stand-in for POST /v1/messages (non-streaming): replies with the text the test scripted for the hypothesis.
const replies = new Map<string, { status?: number; text?: string }>();
const requests: { model: string; system: string; content: string }[] = [];
let server: Server;
let baseURL: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const params = JSON.parse(body);
      const content: string = params.messages[0].content;
      requests.push({ model: params.model, system: params.system, content });
      const hypothesis = content.split('HYPOTHESIS:\n')[1]!.split('\n')[0]!;
      const reply = replies.get(hypothesis) ?? { text: 'no' };
      res.setHeader('content-type', 'application/json');
      if (reply.status) {
        res.statusCode = reply.status;
        res.end(JSON.stringify({ type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }));
        return;
      }
      res.end(
        JSON.stringify({
          id: 'msg_1',
          type: 'message',
          role: 'assistant',
          model: params.model,
          content: [{ type: 'text', text: reply.text }],
          stop_reason: 'end_turn',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 1 },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const judgeWith = () => new ClaudeJudge({ client: new Anthropic({ apiKey: 'test-key', baseURL, maxRetries: 0 }), model: 'claude-test' });

describe('ClaudeJudge', () => {
  it('sends premise and hypothesis and reads a yes or no', async () => {
    replies.set('Ofcom can fine £18 million.', { text: 'Yes.' });
    replies.set('Ofcom can fine £1 billion.', { text: ' no' });
    const judge = judgeWith();
    expect(judge.id).toBe('claude:claude-test');
    expect(await judge.supports('Fines reach £18 million.', 'Ofcom can fine £18 million.')).toBe(true);
    expect(await judge.supports('Fines reach £18 million.', 'Ofcom can fine £1 billion.')).toBe(false);
    expect(requests.at(-1)).toMatchObject({ model: 'claude-test', content: expect.stringContaining('PREMISE:\nFines reach £18 million.') });
    expect(requests.at(-1)!.system).toMatch(/entailment/);
  });

  it('turns a reply that is not a verdict into a typed upstream error', async () => {
    replies.set('Rambling.', { text: 'It depends on the context' });
    await expect(judgeWith().supports('p', 'Rambling.')).rejects.toMatchObject({ code: 'upstream' });
  });

  it('turns a 429 into a typed rate_limited error', async () => {
    replies.set('Busy.', { status: 429 });
    await expect(judgeWith().supports('p', 'Busy.')).rejects.toMatchObject({ code: 'rate_limited' });
  });

  it('reports an unreachable API as model_unavailable', async () => {
    const judge = new ClaudeJudge({ client: new Anthropic({ apiKey: 'k', baseURL: 'http://127.0.0.1:9', maxRetries: 0 }) });
    await expect(judge.supports('p', 'h')).rejects.toMatchObject({ code: 'model_unavailable' });
  });
});
