import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Answer, type Citation, type Hit } from '../schema.js';
import type { AnswerDraft, DraftEvent } from './answerer.js';
import { markerNumbers, verifyCitations } from './citations.js';
import { ABSTENTION, ABSTENTION_NO_SOURCES, ABSTENTION_PREMISE, ExtractiveAnswerer, MAX_QUOTED_HITS } from './extractive.js';
import type { Power } from '../powers/schema.js';
import { collectCandidates } from './extractive/candidates.js';
import { hitsFor, loadNews, type NewsFixture, toHit } from '../../../test/support/news-fixture.js';
import { WordNetLexicon } from '../../../test/support/sources.js';
import { loadWinkAnalyzer } from '../language/wink-analyzer.js';

const FINES_ARTICLE = '004_dde430365e426545.txt';
let news: NewsFixture;
const answerer = new ExtractiveAnswerer({ lexicon: new WordNetLexicon() });

let analyzer: Awaited<ReturnType<typeof loadWinkAnalyzer>>;

beforeAll(async () => {
  news = loadNews();
  analyzer = await loadWinkAnalyzer();
});

async function ask(question: string, hits: readonly Hit[] = hitsFor(news, question), query = question): Promise<AnswerDraft> {
  return answerer.answer({ question, query, history: [], hits, getDocument: news.getDocument });
}

/** The invariants every answer keeps, whatever the question and hits. */
async function expectWellCited(draft: AnswerDraft): Promise<void> {
  for (const c of draft.citations) expect(news.documents.get(c.docId)!.text.slice(c.start, c.end)).toBe(c.quote);
  const used = markerNumbers(draft.answer);
  const firstUse = [...new Set(used)];
  expect(firstUse).toEqual(draft.citations.map((_, i) => i + 1));
  expect(draft.citations.map((c) => c.n)).toEqual(firstUse);
  expect(new Set(draft.citations.map((c) => `${c.docId}:${c.start}`)).size).toBe(draft.citations.length);
  const check = await verifyCitations(draft.answer, draft.citations, news.getDocument);
  expect(check.ok).toBe(true);
  if (draft.abstained) {
    expect(draft.citations).toEqual([]);
    expect(used).toEqual([]);
    // The abstention text states nothing about the sources, so it counts no sentences.
    expect(draft.verification).toEqual({ sentences: 0, supported: 0, droppedCitations: 0 });
  } else {
    expect(draft.verification).toEqual(check.verification);
    expect(draft.verification!.supported).toBe(draft.verification!.sentences);
  }
}

describe('ExtractiveAnswerer on the news', () => {
  it('answers what Ofcom can fine with the amounts, citing the article that states them', async () => {
    const draft = await ask('What can Ofcom fine under the Online Safety Act?');
    expect(draft.abstained).toBe(false);
    expect(draft.answer).toContain('£18 million');
    expect(draft.answer).toContain('10% of global revenue');
    const fines = draft.citations.find((c) => c.quote.includes('£18 million'))!;
    expect(fines.origin).toBe(FINES_ARTICLE);
    await expectWellCited(draft);
  });

  it('names Indonesia as the first country to block Grok', async () => {
    const draft = await ask('Which country first blocked Grok?');
    expect(draft.answer.split(/(?<=\])[.”]?\s/)[0]).toContain('Indonesia');
    await expectWellCited(draft);
  });

  it('names Sarah Rogers, citing one of the outlets that paraphrase her title, not all of them', async () => {
    const draft = await ask('Who is the US under-secretary for public diplomacy?');
    expect(draft.answer).toContain('Sarah Rogers');
    expect(draft.citations.filter((c) => c.quote.includes('Sarah Rogers'))).toHaveLength(1);
    await expectWellCited(draft);
  });

  it("quotes Albanese's own words", async () => {
    const draft = await ask('What did Albanese say?');
    expect(draft.citations[0]!.quote).toMatch(/Albanese.*said: “/);
    await expectWellCited(draft);
  });

  it('reports that Lammy said Vance agreed', async () => {
    const draft = await ask('Did JD Vance agree with Lammy?');
    expect(draft.citations[0]!.quote).toMatch(/Vance.*agreed/);
    await expectWellCited(draft);
  });

  it.each([
    ['What is the capital of Peru?', 'missing_name', ABSTENTION_PREMISE],
    // No source reports a fine on X, in January or ever: the £18m ceiling is no answer to "how much did they fine X".
    ['How much did Ofcom fine X in January?', 'off_topic', ABSTENTION],
    ['How much did Ofcom fine X?', 'off_topic', ABSTENTION],
    ['What is the penalty for speeding?', 'off_topic', ABSTENTION],
  ])('abstains on %j (%s), listing the closest documents once each', async (question, reason, text) => {
    const hits = hitsFor(news, question);
    expect((await answerer.plan({ question, query: question, hits, getDocument: news.getDocument })).abstainReason).toBe(reason);
    const draft = await ask(question, hits);
    expect(draft).toMatchObject({ abstained: true, answer: text, citations: [] });
    const ids = draft.related!.map((r) => r.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toBe(hits[0]!.document.id);
    await expectWellCited(draft);
  });

  it('abstains without pointing anywhere when nothing was retrieved', async () => {
    const draft = await ask('What can Ofcom fine?', []);
    expect(draft).toMatchObject({ abstained: true, answer: ABSTENTION_NO_SOURCES, related: [] });
  });

  it('brings the sentence a pronoun points at along, even from another hit: before it, or after it when the question names what the pronoun stands for', async () => {
    const paragraph = (start: string) => news.chunks.find((c) => c.text.startsWith(start))!;
    const hits = [paragraph('It can also order payment providers'), paragraph('Ofcom has powers under')].map((chunk, rank) => toHit(news, chunk, rank));
    const unnamed = await ask('Can payment providers be ordered to stop working with a site?', hits);
    expect(unnamed.citations.map((c) => c.quote.slice(0, 16))).toEqual(['Ofcom has powers', 'It can also orde']);
    await expectWellCited(unnamed);
    const named = await ask('Can Ofcom order payment providers to stop working with a site?', hits);
    expect(named.citations.map((c) => c.quote.slice(0, 16))).toEqual(['It can also orde', 'Ofcom has powers']);
    await expectWellCited(named);
  });

  it('scores against the standalone query, so a rewritten follow-up is answered', async () => {
    const query = 'can it fine a site? Ofcom Online Safety Act';
    const draft = await ask('and can it fine a site?', hitsFor(news, query), query);
    expect(draft.answer).toContain('£18 million');
  });

  it('streams each citation before the text that carries its marker, and the text adds up to the answer', async () => {
    const events: DraftEvent[] = [];
    const question = 'Did JD Vance agree with Lammy?';
    const draft = await answerer.answer({ question, query: question, history: [], hits: hitsFor(news, question), getDocument: news.getDocument }, (e) =>
      events.push(e),
    );
    let text = '';
    const seen = new Set<number>();
    for (const event of events) {
      if (event.type === 'citation') seen.add(event.citation.n);
      else {
        for (const n of markerNumbers(event.delta)) expect(seen.has(n)).toBe(true);
        text += event.delta;
      }
    }
    expect(text).toBe(draft.answer);
    expect(events.filter((e) => e.type === 'citation').map((e) => (e as { citation: Citation }).citation)).toEqual(draft.citations);
  });

  it('produces drafts that make a valid Answer', async () => {
    const draft = await ask('What can Ofcom fine under the Online Safety Act?');
    expect(() => Answer.parse({ id: 'a', question: 'q', ...draft, timings: { retrieveMs: 0, answerMs: 0, totalMs: 0 } })).not.toThrow();
  });
});

describe('syndicated copies', () => {
  // The opening words of a quote three outlets carry (read from the articles at run time).
  const LAMMY_QUOTE = '“He agreed with me that it was';

  it('merges one sentence carried by three outlets into one candidate, the best-ranked, listing the others', () => {
    const chunks = news.chunks.filter((c) => c.text.includes(LAMMY_QUOTE));
    expect(new Set(chunks.map((c) => c.docId)).size).toBe(3);
    const hits = chunks.map((chunk, rank) => toHit(news, chunk, rank));
    const copies = collectCandidates(hits, { analyzer, documents: new Map() }).filter((c) => c.text.startsWith(LAMMY_QUOTE));
    expect(copies).toHaveLength(1);
    expect(copies[0]!.hit.document.id).toBe(chunks[0]!.docId);
    expect(copies[0]!.alsoIn.map((c) => c.docId).sort()).toEqual(chunks.slice(1).map((c) => c.docId).sort());
  });

  it("adds the hit's own carriers to the citation's alsoIn", async () => {
    const question = 'What can Ofcom fine under the Online Safety Act?';
    const hits = hitsFor(news, question).map((hit) =>
      hit.document.origin === FINES_ARTICLE ? { ...hit, alsoIn: [{ docId: 'doc_copy', title: 'Copy', origin: 'copy.txt', chunkId: 'doc_copy:0' }] } : hit,
    );
    const draft = await ask(question, hits);
    const fines = draft.citations.find((c) => c.origin === FINES_ARTICLE)!;
    expect(fines.alsoIn).toEqual([{ docId: 'doc_copy', title: 'Copy', origin: 'copy.txt' }]);
  });
});

describe('whole documents', () => {
  it('reads the best-ranked documents whole, by the rank of their best hit, not their last', () => {
    const byDoc = new Map<string, (typeof news.chunks)[number][]>();
    for (const chunk of news.chunks) byDoc.set(chunk.docId, [...(byDoc.get(chunk.docId) ?? []), chunk]);
    const [a, b, c] = [...byDoc.values()].filter((chunks) => chunks.length >= 3);
    // Document A leads the ranking and comes back last too; B and C sit in between.
    const ranked = [a![0]!, b![0]!, c![0]!, a![1]!];
    const hits = ranked.map((chunk, rank) => toHit(news, chunk, rank));
    const documents = new Map([a!, b!, c!].map((chunks) => [chunks[0]!.docId, news.documents.get(chunks[0]!.docId)!.text]));
    const candidates = collectCandidates(hits, { analyzer, documents, wholeDocuments: 1 });
    const unretrieved = (docId: string) => candidates.filter((x) => x.hit.document.id === docId && !x.retrieved);
    expect(unretrieved(a![0]!.docId).length).toBeGreaterThan(0);
    expect(unretrieved(b![0]!.docId)).toEqual([]);
    expect(unretrieved(a![0]!.docId).every((x) => x.hitRank === 0)).toBe(true);
  });
});

describe('citation invariants on random hit sets', () => {
  const QUESTIONS = [
    'What can Ofcom fine under the Online Safety Act?',
    'Which country first blocked Grok?',
    'Who is the US under-secretary for public diplomacy?',
    'What did Musk say about the UK government?',
    'Can the courts block X?',
    'When will Liz Kendall make a statement?',
    'What is the capital of Peru?',
  ];

  it('every quote is the exact slice, markers and citations are dense, all used, never the same passage twice', async () => {
    const words = [...new Set([...news.documents.values()].flatMap((d) => d.text.match(/\p{L}{3,}/gu) ?? []))];
    const question = fc.oneof(fc.constantFrom(...QUESTIONS), fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }).map((w) => `${w.join(' ')}?`));
    const hitSet = fc.shuffledSubarray(news.chunks, { minLength: 0, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(question, hitSet, async (q, chunks) => {
        const draft = await ask(q, chunks.map((chunk, rank) => toHit(news, chunk, rank)));
        await expectWellCited(draft);
        expect(draft.answer.split(/\s+/).length).toBeLessThanOrEqual(160);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a powers card that quotes many documents', () => {
  // On a large index one card quotes hundreds of documents (issue 24): the answer reads a bounded number of them.
  const documents = Array.from({ length: 200 }, (_, i) => {
    const text = `Ofcom said it could issue an information notice to provider ${i} and decide on it itself.`;
    return { id: `doc_${i}`, title: `Report ${i}`, origin: `${String(i).padStart(3, '0')}.txt`, hash: `doc_${i}`, sources: [], text };
  });
  const quote = (d: (typeof documents)[number]) => ({ docId: d.id, title: d.title, origin: d.origin, quote: d.text, start: 0, end: d.text.length });
  const card: Power = {
    id: 'ofcom/information_notice',
    regulator: 'Ofcom',
    kind: 'information_notice',
    decidedBy: 'regulator',
    citations: { regulator: documents.map(quote), kind: documents.map(quote), decidedBy: documents.map(quote) },
    conflicts: [],
  };
  const powers = { table: async () => ({ version: 1 as const, builtAt: '2026-12-04T00:00:00Z', extractor: 'rules' as const, documents: documents.length, powers: [card] }) };

  it("reads at most MAX_QUOTED_HITS of its quotes' documents, the first in the card's order", async () => {
    const read: string[] = [];
    const getDocument = async (id: string) => (read.push(id), documents.find((d) => d.id === id) ?? null);
    await new ExtractiveAnswerer({ lexicon: new WordNetLexicon(), powers }).answer({ question: 'Who decides an Ofcom information notice?', query: '', history: [], hits: [], getDocument });
    expect([...new Set(read)]).toEqual(documents.slice(0, MAX_QUOTED_HITS).map((d) => d.id));
  });
});
