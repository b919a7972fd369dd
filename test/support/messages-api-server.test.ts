import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MessagesApiServer, startMessagesApiServer } from './messages-api-server.js';

let server: MessagesApiServer;
beforeAll(async () => (server = await startMessagesApiServer()));
afterAll(() => server.close());

const searchResult = (title: string, sentences: string[]) => ({
  type: 'search_result',
  source: `${title}.txt`,
  title,
  content: sentences.map((text) => ({ type: 'text', text })),
  citations: { enabled: true },
});

const body = (stream: boolean) => ({
  model: 'test-model',
  max_tokens: 100,
  stream,
  system: [{ type: 'text', text: 'Rules.', cache_control: { type: 'ephemeral' } }],
  messages: [{ role: 'user', content: [searchResult('A', ['Alpha one.', 'Alpha two.']), searchResult('B', ['Beta one.']), { type: 'text', text: 'Question?' }] }],
});

const post = (payload: unknown) => fetch(`${server.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });

describe('the Messages API stand-in', () => {
  it('answers JSON citing the first block of the first two search results of the request', async () => {
    const message = await (await post(body(false))).json();
    const citations = message.content.flatMap((b: { citations: unknown[] | null }) => b.citations ?? []);
    expect(citations).toMatchObject([
      { type: 'search_result_location', search_result_index: 0, start_block_index: 0, end_block_index: 1, cited_text: 'Alpha one.', title: 'A' },
      { type: 'search_result_location', search_result_index: 1, cited_text: 'Beta one.', source: 'B.txt' },
    ]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('streams the documented event sequence, with citations_delta before the text of its block', async () => {
    const text = await (await post(body(true))).text();
    const types = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('message_start');
    expect(types.slice(-2)).toEqual(['message_delta', 'message_stop']);
    const deltas = [...text.matchAll(/^data: (.*)$/gm)].map((m) => JSON.parse(m[1]!)).filter((e) => e.type === 'content_block_delta' && e.index === 1);
    expect(deltas[0].delta.type).toBe('citations_delta');
    expect(deltas.slice(1).every((e) => e.delta.type === 'text_delta')).toBe(true);
  });

  it('plays scripted failures in order, then recovers', async () => {
    server.fail(429, 500);
    const first = await post(body(false));
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after-ms')).toBe('10');
    expect((await post(body(false))).status).toBe(500);
    expect((await post(body(false))).status).toBe(200);
  });
});
