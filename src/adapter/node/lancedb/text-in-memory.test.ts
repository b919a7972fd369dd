import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@lancedb/lancedb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEWS_DIR, newsFile } from '../../../../test/support/paths.js';
import { change, makeDoc, seededRandom } from '../../../../test/support/store-docs.js';
import { type LanceStore, openLanceStore } from './lancedb.js';
import { CHUNKS_TABLE } from './tables.js';
import { analyze, TextInMemory } from './text-in-memory.js';
import { textQuery } from './text-query.js';

// A small table's text is searched in memory; every ranking and score must be LanceDB's own.
const DIM = 8;
const random = seededRandom(7);
const VOCABULARY = (
  'regulator fine fines fined fining penalty penalties platform platforms service services notice notices ' +
  'Ofcom ofcom OFCOM revenue worldwide qualifying children child’s risk assessment assessments court order block ' +
  'café Cafés naïve naive Æther æther Straße ΣΟΦΟΣ σοφός skies dying news generously 1,000 £18m 10% ' +
  `the of and to is was a an it in such will ${'x'.repeat(39)} ${'y'.repeat(40)} ${'é'.repeat(20)}`
).split(' ');
const pick = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)]!;
const sentence = () => `${Array.from({ length: 4 + Math.floor(random() * 14) }, pick).join(' ')}.`;
const docs = Array.from({ length: 40 }, (_, d) => makeDoc(`d${d}`, Array.from({ length: 6 }, sentence), { dimensions: DIM, random }));

const QUESTIONS = [
  ...Array.from({ length: 60 }, () => Array.from({ length: 1 + Math.floor(random() * 5) }, pick).join(' ')),
  'Fine fines fined FINES: what can Ofcom fine?',
  'cafe naive aether strasse σοφοσ',
  'the of and', // only stop words
  'unheardof fine',
  `a long paste: ${Array.from({ length: 300 }, pick).join(', ')}`,
];

let dir: string;
let store: LanceStore;
let lanceSearch: (question: string, k: number) => Promise<{ rowId: bigint; score: number }[]>;
let closeLance: () => void;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'remit-text-memory-'));
  store = await openLanceStore({ dir });
  await store.commit(change(DIM, docs));
  const db = await connect(dir);
  const table = await db.openTable(CHUNKS_TABLE);
  closeLance = () => {
    table.close();
    db.close();
  };
  lanceSearch = async (question, k) => {
    const rows = await table.query().fullTextSearch(textQuery(question, 'text')!).select(['_score']).withRowId().limit(k).toArray();
    return rows.map((row) => ({ rowId: BigInt(row._rowid), score: row._score as number }));
  };
});
afterAll(async () => {
  closeLance?.();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The same rows with the same scores: f32 sums in another order may differ in the last bit, and reorder near-ties. */
function expectSameScores(actual: { rowId: bigint; score: number }[], expected: { rowId: bigint; score: number }[], label: string) {
  const expectedScores = new Map(expected.map(({ rowId, score }) => [rowId, score]));
  expect(actual.map(({ rowId }) => rowId).sort(), label).toEqual([...expectedScores.keys()].sort());
  for (const { rowId, score } of actual) expect(Math.abs(score - expectedScores.get(rowId)!), `${label}: row ${rowId}`).toBeLessThan(1e-5 * Math.max(1, score));
  actual.slice(1).forEach(({ score }, i) => expect(score).toBeLessThanOrEqual(actual[i]!.score));
}

async function storeSearch(question: string, k: number) {
  return (await store.searchText(question, k)).map(({ ref, score }) => ({ rowId: BigInt(ref.split(':')[1]!), score }));
}

describe('full-text search of a small table in memory', () => {
  it('tokenizes as the index does: split, long words dropped, lowercased, stemmed, stop words dropped, folded', () => {
    expect(analyze('Fines were FINED; the café’s Æther ΣΟΦΟΣ')).toEqual(['fine', 'were', 'fine', 'cafe', 's', 'aether', 'σοφοσ']);
    expect(analyze(`${'x'.repeat(39)} ${'y'.repeat(40)} ${'é'.repeat(20)} ${'é'.repeat(19)}`)).toEqual(['x'.repeat(39), 'e'.repeat(19)]);
  });

  it('finds every row LanceDB finds, with its BM25 score, best first', async () => {
    const all = docs.flatMap((d) => d.chunks).length;
    for (const question of QUESTIONS) expectSameScores(await storeSearch(question, all), await lanceSearch(question, all), question);
  });

  it('reads every word of the news articles as the index does', async () => {
    // Real, messy text: curly quotes, currency, accents, numbers with separators. Each article's paragraphs are rows;
    // the questions between them carry every distinct word, so any word tokenised otherwise changes some score.
    const newsDir = await mkdtemp(join(tmpdir(), 'remit-text-news-'));
    const newsStore = await openLanceStore({ dir: newsDir });
    try {
      const articles = readdirSync(NEWS_DIR).filter((name) => name.endsWith('.txt')).map((name) => readFileSync(newsFile(name), 'utf8'));
      const paragraphs = articles.map((text, i) => makeDoc(`news${i}`, text.split(/\n+/).filter((line) => line.trim()), { dimensions: DIM, random }));
      await newsStore.commit(change(DIM, paragraphs));
      const db = await connect(newsDir);
      const table = await db.openTable(CHUNKS_TABLE);
      try {
        const rows = paragraphs.flatMap((d) => d.chunks).length;
        const words = [...new Set(articles.join(' ').normalize('NFKC').match(/[\p{Alphabetic}\p{N}]+/gu))];
        expect(words.length).toBeGreaterThan(500);
        for (let start = 0; start < words.length; start += 150) {
          const question = words.slice(start, start + 150).join(' ');
          const expected = await table.query().fullTextSearch(textQuery(question, 'text')!).select(['_score']).withRowId().limit(rows).toArray();
          const actual = (await newsStore.searchText(question, rows)).map(({ ref, score }) => ({ rowId: BigInt(ref.split(':')[1]!), score }));
          expectSameScores(actual, expected.map((row) => ({ rowId: BigInt(row._rowid), score: row._score as number })), `words ${start}..`);
        }
      } finally {
        table.close();
        db.close();
      }
    } finally {
      await newsStore.close();
      await rm(newsDir, { recursive: true, force: true });
    }
  });

  it('builds the same index a slice at a time, pausing between slices', async () => {
    const texts = docs.flatMap((d) => d.chunks.map((c) => c.text));
    let pauses = 0;
    const sliced = await TextInMemory.build(texts, async () => void pauses++, 7);
    const whole = new TextInMemory(texts);
    expect(pauses).toBe(Math.floor((texts.length - 1) / 7));
    for (const question of QUESTIONS) expect(sliced.search(question, 10)).toEqual(whole.search(question, 10));
  });

  it('keeps the best k in rank order', async () => {
    const full = await storeSearch('Ofcom fines children platforms', 1000);
    const top = await storeSearch('Ofcom fines children platforms', 5);
    expect(top).toEqual(full.slice(0, 5));
    expect(top).toHaveLength(5);
  });

  it('searches what a commit adds, not the text of the version before', async () => {
    expect(await store.searchText('xylophonic', 5)).toEqual([]);
    await store.commit(change(DIM, [makeDoc('added', ['A xylophonic regulator appears.'], { dimensions: DIM, random })]));
    const [hit] = await store.searchText('xylophonic', 5);
    const chunk = (await store.readChunks([hit!.ref])).get(hit!.ref);
    expect(chunk?.text).toBe('A xylophonic regulator appears.');
  });
});
