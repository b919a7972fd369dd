import { describe, expect, it } from 'vitest';
import { abstentionScores, citationValidity, factScores, percentile, retrievalScores } from './metrics.js';

const hit = (origin: string, alsoIn: string[] = []) => ({
  document: { id: origin, title: origin, origin: `/data/news/${origin}`, hash: 'h', sources: [] },
  alsoIn: alsoIn.map((o) => ({ docId: o, title: o, origin: `/data/news/${o}`, chunkId: `${o}#0` })),
});

describe('retrievalScores', () => {
  it('finds the first supporting document by basename, counting near-duplicate carriers', () => {
    const hits = [hit('a.txt'), hit('b.txt', ['c.txt']), hit('c.txt')];
    expect(retrievalScores(hits, ['c.txt'], 8)).toEqual({ recallAtK: 1, reciprocalRank: 0.5 });
    expect(retrievalScores(hits, ['c.txt'], 1)).toEqual({ recallAtK: 0, reciprocalRank: 0.5 });
    expect(retrievalScores(hits, ['z.txt'], 8)).toEqual({ recallAtK: 0, reciprocalRank: 0 });
    expect(retrievalScores(hits, [], 8)).toEqual({ recallAtK: null, reciprocalRank: null });
  });
});

describe('factScores', () => {
  it('matches case-insensitive patterns and lists what is missing', () => {
    const scores = factScores('Ofcom can fine up to £18 MILLION.', ['18 million', '10 ?%']);
    expect(scores).toEqual({ matched: ['18 million'], missing: ['10 ?%'], recall: 0.5 });
  });
});

describe('citationValidity', () => {
  it('accepts only quotes found exactly at their offsets', async () => {
    const docs = new Map([['d1', { text: 'Ofcom can fine up to £18 million.' }]]);
    const valid = await citationValidity(
      [
        { n: 1, docId: 'd1', quote: 'fine up to £18 million', start: 10, end: 32 },
        { n: 2, docId: 'd1', quote: 'fine up to £18 million', start: 9, end: 31 },
        { n: 3, docId: 'gone', quote: 'x', start: 0, end: 1 },
      ],
      async (id) => docs.get(id) ?? null,
    );
    expect([...valid]).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
  });
});

describe('abstentionScores', () => {
  it('treats "should abstain" as the positive class', () => {
    const outcomes = [
      { shouldAbstain: true, abstained: true },
      { shouldAbstain: true, abstained: false },
      { shouldAbstain: false, abstained: true },
      { shouldAbstain: false, abstained: false },
      { shouldAbstain: false, abstained: false },
    ];
    expect(abstentionScores(outcomes)).toEqual({ precision: 0.5, recall: 0.5 });
    expect(abstentionScores([{ shouldAbstain: false, abstained: false }])).toEqual({ precision: null, recall: null });
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 95)).toBe(19);
    expect(percentile([], 95)).toBeNull();
  });
});
