import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MessagesApiServer, startMessagesApiServer } from '../../../../test/support/messages-api-server.js';
import { loadPrompts } from '../../../../test/support/sources.js';
import type { Turn } from '../../schema.js';
import { OfflineQueryRewriter } from '../rewrite.js';
import type { ClaudePrompts } from './prompts.js';
import { ClaudeQueryRewriter } from './query-rewriter.js';

let server: MessagesApiServer;
let prompts: ClaudePrompts;
const history: Turn[] = [
  { role: 'user', content: 'What can Ofcom fine X under the Online Safety Act?' },
  { role: 'assistant', content: 'Ofcom can fine up to £18 million or 10% of revenue [1].' },
];

beforeAll(async () => {
  server = await startMessagesApiServer();
  prompts = await loadPrompts();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  server.set({});
});

const rewriter = () =>
  new ClaudeQueryRewriter({
    client: new Anthropic({ apiKey: 'test-key', baseURL: server.url, maxRetries: 0, timeout: 2_000 }),
    prompt: prompts.rewrite,
    fallback: new OfflineQueryRewriter(),
  });

describe('ClaudeQueryRewriter', () => {
  it('uses the standalone query Claude writes, asking with a small token budget', async () => {
    server.set({ rewriteReply: 'Can Ofcom block X in the UK under the Online Safety Act?' });
    const query = await rewriter().rewrite('And can it block the site?', history);
    expect(query).toBe('Can Ofcom block X in the UK under the Online Safety Act?');
    const body = server.requests[0]!.body;
    expect(body.max_tokens).toBeLessThanOrEqual(100);
    expect(JSON.stringify(body.messages)).toContain('And can it block the site?');
  });

  it('leaves a first question alone without calling the API', async () => {
    expect(await rewriter().rewrite('What can Ofcom fine?', [])).toBe('What can Ofcom fine?');
    expect(server.requests).toHaveLength(0);
  });

  it('falls back to the offline rewrite when the API fails', async () => {
    server.fail(500);
    const question = 'And can it block the site?';
    expect(await rewriter().rewrite(question, history)).toBe(await new OfflineQueryRewriter().rewrite(question, history));
  });

  it('falls back when the reply is not a one-line query', async () => {
    server.set({ rewriteReply: '' });
    const question = 'And can it block the site?';
    expect(await rewriter().rewrite(question, history)).toBe(await new OfflineQueryRewriter().rewrite(question, history));
  });
});
