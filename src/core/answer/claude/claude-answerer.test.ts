import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MessagesApiServer, searchResultsOf, startMessagesApiServer } from '../../../../test/support/messages-api-server.js';
import { loadPrompts } from '../../../../test/support/sources.js';
import type { DraftEvent } from '../answerer.js';
import { ExtractiveAnswerer } from '../extractive.js';
import { type ClaudeAnswererOptions, createClaudeAnswerer } from './claude-answerer.js';
import type { ClaudePrompts } from './prompts.js';
import { newsHits } from '../../../../test/support/news-hits.js';

let server: MessagesApiServer;
let prompts: ClaudePrompts;

beforeAll(async () => {
  server = await startMessagesApiServer();
  prompts = await loadPrompts();
});
afterAll(() => server.close());
beforeEach(() => {
  server.set({ reply: 'cite' });
  server.requests.length = 0;
});

function answerer(options: Partial<ClaudeAnswererOptions> & { timeout?: number; maxRetries?: number } = {}) {
  const { timeout = 5_000, maxRetries = 0, ...rest } = options;
  const client = new Anthropic({ apiKey: 'test-key', baseURL: server.url, timeout, maxRetries });
  return createClaudeAnswerer({ client, prompts, fallback: new ExtractiveAnswerer(), ...rest });
}

async function ask(claude: ReturnType<typeof answerer>, question = 'What did the US say about a ban on X?', options: { count?: number; syndicate?: boolean; signal?: AbortSignal } = {}) {
  const news = newsHits(options);
  const events: DraftEvent[] = [];
  const draft = await claude.answer(
    { question, query: question, history: [], hits: news.hits, getDocument: news.getDocument, signal: options.signal },
    (event) => events.push(event),
  );
  return { draft, events, news };
}

describe('ClaudeAnswerer against the Messages API stand-in', () => {
  it('maps every citation to the exact document span it quotes, numbered densely in order', async () => {
    const { draft, events, news } = await ask(answerer());
    expect(draft.mode).toBe('claude');
    expect(draft.abstained).toBe(false);
    expect(draft.citations.map((c) => c.n)).toEqual([1, 2]);
    for (const [i, citation] of draft.citations.entries()) {
      const document = news.documents.get(citation.docId)!;
      expect(document.text.slice(citation.start, citation.end)).toBe(citation.quote);
      // The stand-in cites the first sentence of the i-th search result.
      const sent = searchResultsOf(server.requests[0]!.body)[i]!.content[0]!.text;
      expect(citation.quote).toBe(sent);
      expect(citation.docId).toBe(news.hits[i]!.document.id);
      expect(citation.date).toBe('2026-01-11');
    }
    expect(draft.answer).toMatch(/ \[1\]\. Also, .+ \[2\]\.$/);
    expect(draft.verification).toEqual({ sentences: 2, supported: 2, droppedCitations: 0 });
  });

  it('streams text and citation events that add up to the final answer', async () => {
    const { draft, events } = await ask(answerer());
    const text = events.flatMap((e) => (e.type === 'text' ? [e.delta] : [])).join('');
    expect(text).toBe(draft.answer);
    expect(events.filter((e) => e.type === 'text').length).toBeGreaterThan(5);
    expect(events.flatMap((e) => (e.type === 'citation' ? [e.citation] : []))).toEqual(draft.citations);
    // A citation arrives before the text that carries its marker.
    const firstCitation = events.findIndex((e) => e.type === 'citation');
    const firstMarker = events.findIndex((e) => e.type === 'text' && e.delta.includes('[1]'));
    expect(firstCitation).toBeLessThan(firstMarker);
  });

  it('reads a reply that has ended before the documents it cites are loaded', async () => {
    const news = newsHits();
    const question = 'What did the US say about a ban on X?';
    // The stand-in's whole stream arrives in a few ms; these documents take half a second.
    const slowDocument = async (id: string) => (await new Promise((resolve) => setTimeout(resolve, 500)), news.getDocument(id));
    const answering = answerer().answer({ question, query: question, history: [], hits: news.hits, getDocument: slowDocument }, () => {});
    const stalled = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the answer never finished')), 5_000));
    const draft = await Promise.race([answering, stalled]);
    expect(draft.mode).toBe('claude');
    expect(draft.citations.map((c) => c.n)).toEqual([1, 2]);
  });

  it('drops and counts a citation that points outside the given search results', async () => {
    server.set({ reply: 'out-of-range' });
    const { draft } = await ask(answerer());
    expect(draft.citations).toHaveLength(2);
    expect(draft.answer).not.toContain('[3]');
    expect(draft.verification).toEqual({ sentences: 3, supported: 2, droppedCitations: 1 });
    expect(draft.warnings).toContain('1 of 3 sentences carry no source');
  });

  it('drops a citation whose text appears in none of the blocks', async () => {
    server.set({ reply: 'foreign-text' });
    const { draft } = await ask(answerer());
    expect(draft.citations).toHaveLength(2);
    expect(draft.verification?.droppedCitations).toBe(1);
  });

  it('strict mode removes sentences without a source; default mode counts them', async () => {
    server.set({ reply: 'uncited' });
    const lenient = (await ask(answerer())).draft;
    expect(lenient.answer).toContain('This sentence cites nothing at all.');
    expect(lenient.verification).toMatchObject({ sentences: 3, supported: 2 });
    const strict = (await ask(answerer({ strict: true }))).draft;
    expect(strict.answer).not.toContain('cites nothing');
    expect(strict.verification).toMatchObject({ sentences: 2, supported: 2 });
    expect(strict.warnings).toContain('Removed 1 sentence without a source (strict)');
  });

  it('cites a syndicated copy once, naming the other outlet in alsoIn', async () => {
    const { draft } = await ask(answerer(), undefined, { syndicate: true });
    expect(draft.citations).toHaveLength(1);
    expect(draft.citations[0]!.alsoIn.map((c) => c.docId)).toEqual(['doc_copy']);
    expect(draft.answer.match(/\[1\]/g)).toHaveLength(2);
  });

  it('abstains when Claude writes the abstention sentence, listing related documents', async () => {
    server.set({ reply: 'abstain', abstainText: prompts.answer.abstain });
    const { draft } = await ask(answerer(), 'What is the capital of Peru?');
    expect(draft).toMatchObject({ abstained: true, citations: [], mode: 'claude', answer: prompts.answer.abstain });
    expect(draft.related?.length).toBeGreaterThan(0);
  });

  it('abstains without calling the API when nothing was retrieved', async () => {
    const claude = answerer();
    const draft = await claude.answer({ question: 'q', query: 'q', history: [], hits: [], getDocument: async () => null });
    expect(draft.abstained).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 429 and then answers with Claude', async () => {
    server.fail(429);
    const { draft } = await ask(answerer({ maxRetries: 2 }));
    expect(server.requests).toHaveLength(2);
    expect(draft.mode).toBe('claude');
    expect(draft.warnings).toEqual([]);
  });

  it('falls back to the extractive answer with a warning after a 500', async () => {
    server.fail(500, 500);
    const { draft } = await ask(answerer({ maxRetries: 1 }), 'What did Sarah Rogers compare the UK threats to?');
    expect(server.requests).toHaveLength(2);
    expect(draft.mode).toBe('extractive');
    expect(draft.warnings?.[0]).toBe('Claude was unavailable (HTTP 500); answered extractively');
  });

  it('falls back when the API does not answer within the timeout', async () => {
    server.fail('hang');
    const started = performance.now();
    const { draft } = await ask(answerer({ timeout: 300 }));
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(draft.mode).toBe('extractive');
    expect(draft.warnings?.[0]).toBe('Claude was unavailable (the request timed out); answered extractively');
  });

  it('stops when the caller aborts, without falling back', async () => {
    server.fail('hang');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const attempt = ask(answerer({ timeout: 10_000 }), undefined, { signal: controller.signal });
    await expect(attempt).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('reports usage, and the simulated cache reads the system prefix on the second call', async () => {
    const usages: Anthropic.Usage[] = [];
    const claude = answerer({ onUsage: (usage) => usages.push(usage) });
    await ask(claude);
    await ask(claude);
    const prefix = (usages[0]!.cache_creation_input_tokens ?? 0) + (usages[0]!.cache_read_input_tokens ?? 0);
    expect(prefix).toBeGreaterThan(0);
    expect(usages[1]).toMatchObject({ cache_read_input_tokens: prefix, cache_creation_input_tokens: 0 });
  });
});

describe('the request Claude receives', () => {
  it('keeps source text in search_result blocks, never in the cached system prompt', async () => {
    const { news } = await ask(answerer());
    const body = server.requests[0]!.body;
    expect(body.stream).toBe(true);
    const system = body.system as { type: string; text: string; cache_control?: { type: string } }[];
    expect(system).toHaveLength(1);
    expect(system[0]!.cache_control).toEqual({ type: 'ephemeral' });
    expect(system[0]!.text).toContain(prompts.answer.abstain);
    const results = searchResultsOf(body);
    expect(results).toHaveLength(news.hits.length);
    results.forEach((result, i) => {
      const hit = news.hits[i]!;
      expect(result.citations).toEqual({ enabled: true });
      expect(result.title).toContain('11 January 2026');
      // Sentence blocks cover the passage: joined without gaps they are the chunk without its white space.
      expect(result.content.map((b) => b.text).join('').replace(/\s+/g, '')).toBe(hit.chunk.text.replace(/\s+/g, ''));
      for (const block of result.content) expect(system[0]!.text).not.toContain(block.text);
    });
    const last = body.messages.at(-1)!;
    expect(last.role).toBe('user');
    expect((last.content as { type: string; text?: string }[]).at(-1)).toMatchObject({ type: 'text', text: 'Question: What did the US say about a ban on X?' });
  });

  it('sends prior turns as alternating messages before the sources', async () => {
    const news = newsHits();
    await answerer().answer({
      question: 'And can it block the site?',
      query: 'Can Ofcom block X in the UK?',
      history: [
        { role: 'user', content: 'What can Ofcom do about X?' },
        { role: 'assistant', content: 'It can investigate.' },
      ],
      hits: news.hits,
      getDocument: news.getDocument,
    });
    expect(server.requests[0]!.body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
  });
});
