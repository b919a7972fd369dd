import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateBytes, byteCache, stringBytes } from '../src/core/byte-cache.js';
import { ReadingCache } from '../src/core/answer/extractive/reading-cache.js';
import { readSentences } from '../src/core/answer/extractive/candidates.js';
import { readingBudget } from '../src/core/reading-budget.js';
import { loadWinkAnalyzer } from '../src/core/language/wink-analyzer.js';

/** A cache whose entries weigh what their value says, so the tests know every size. */
const sized = (maxBytes: number) => byteCache<string, { bytes: number }>({ maxBytes, sizeOf: (value) => value.bytes });

describe('byteCache', () => {
  it('evicts the least recently used entries until the new one fits in the budget', () => {
    const cache = sized(1000);
    cache.set('a', { bytes: 400 });
    cache.set('b', { bytes: 400 });
    expect(cache.get('a')).toBeDefined(); // a is now the most recently used
    cache.set('c', { bytes: 400 });
    expect([...cache.keys()].sort()).toEqual(['a', 'c']);
    expect(cache.calculatedSize).toBe(800);
    // One large entry pushes out as many as it needs, least recent first.
    cache.set('d', { bytes: 900 });
    expect([...cache.keys()]).toEqual(['d']);
  });

  it('keeps nothing larger than the whole budget, and nothing at all with a budget of 0', () => {
    const cache = sized(1000);
    cache.set('a', { bytes: 300 });
    cache.set('huge', { bytes: 1001 });
    expect(cache.has('huge')).toBe(false);
    expect(cache.has('a')).toBe(true);
    const none = sized(0);
    none.set('a', { bytes: 1 });
    expect(none.size).toBe(0);
  });

  it('never holds more than its budget and always keeps the entry just set when it fits', () => {
    const op = fc.oneof(
      fc.record({ set: fc.integer({ min: 0, max: 30 }), bytes: fc.integer({ min: 1, max: 700 }) }),
      fc.record({ get: fc.integer({ min: 0, max: 30 }) }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.array(op, { maxLength: 200 }), (budget, ops) => {
        const cache = sized(budget);
        for (const o of ops) {
          if ('set' in o) {
            cache.set(`k${o.set}`, { bytes: o.bytes });
            // lru-cache counts at least 8 bytes an entry (byte-cache.ts): what fits is what fits with that.
            if (Math.max(8, o.bytes) <= budget) expect(cache.get(`k${o.set}`)?.bytes).toBe(o.bytes);
          } else cache.get(`k${o.get}`);
          let total = 0;
          for (const value of cache.values()) total += Math.max(8, value.bytes);
          expect(total).toBe(cache.calculatedSize);
          expect(cache.calculatedSize).toBeLessThanOrEqual(budget);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the most recently used entries: the last ones read or written survive', () => {
    const cache = sized(10 * 100);
    for (let i = 0; i < 50; i++) cache.set(`k${i}`, { bytes: 100 });
    expect([...cache.keys()]).toHaveLength(10);
    // Of k40..k49, reading k40..k44 makes them recent; five new entries then push out k45..k49, the least recent.
    for (let i = 40; i < 45; i++) cache.get(`k${i}`);
    for (let i = 50; i < 55; i++) cache.set(`k${i}`, { bytes: 100 });
    expect([...cache.keys()].sort()).toEqual(['k40', 'k41', 'k42', 'k43', 'k44', 'k50', 'k51', 'k52', 'k53', 'k54']);
  });

  it('by default sizes an entry by its key and value, so a long text key counts too', () => {
    const cache = byteCache<string, string[]>({ maxBytes: 10_000 });
    cache.set('short', ['x']);
    cache.set('y'.repeat(9_900), ['x']);
    expect(cache.has('short')).toBe(false);
    expect(cache.calculatedSize).toBeGreaterThan(9_900);
    expect(cache.calculatedSize).toBeLessThanOrEqual(10_000);
  });
});

describe('approximateBytes', () => {
  it('grows with what a value holds: characters (two bytes each beyond Latin-1), slots, entries', () => {
    expect(stringBytes('a'.repeat(1000))).toBeGreaterThanOrEqual(1000);
    expect(stringBytes('ł'.repeat(1000))).toBeGreaterThanOrEqual(2000);
    const words = Array.from({ length: 100 }, (_, i) => `word${i}`);
    expect(approximateBytes(words)).toBeGreaterThan(words.join('').length + 100 * 8);
    expect(approximateBytes(new Set(words))).toBeGreaterThan(approximateBytes(words));
    expect(approximateBytes(new Map(words.map((w) => [w, w.length])))).toBeGreaterThan(approximateBytes(new Set(words)));
    expect(approximateBytes({ a: 1.5, b: 'x' })).toBeGreaterThan(approximateBytes({}));
  });

  it('counts an object reached twice once, and ends on cycles', () => {
    const shared = { text: 'z'.repeat(10_000) };
    expect(approximateBytes([shared, shared])).toBeLessThan(2 * approximateBytes(shared));
    const cycle: { self?: unknown; text: string } = { text: 'abc' };
    cycle.self = cycle;
    expect(approximateBytes(cycle)).toBeGreaterThan(0);
  });
});

describe('ReadingCache', () => {
  it('holds the answerer readings of texts within its byte budget, most recent kept', async () => {
    const analyzer = await loadWinkAnalyzer();
    const budget = readingBudget(256 * 1024);
    const cache = new ReadingCache(budget);
    const texts = Array.from({ length: 60 }, (_, i) => `Regulator ${i} can fine a provider up to ${i} million pounds. The fine is set by the court within ${i} days.`);
    for (const text of texts) readSentences(text, analyzer, cache);
    expect(cache.sentences.calculatedSize).toBeLessThanOrEqual(budget.sentences);
    // More texts were read than fit: the oldest went, the newest stayed, and reading it again gives the same object.
    expect(cache.sentences.has(texts[0]!)).toBe(false);
    const last = readSentences(texts.at(-1)!, analyzer, cache);
    expect(cache.sentences.get(texts.at(-1)!)).toBe(last);
  });
});
