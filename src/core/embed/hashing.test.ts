import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEWS_DIR, newsFile } from '../../../test/support/paths.js';
import { HashingEmbedder, parseHashingId } from './hashing.js';

const embedder = new HashingEmbedder();
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
const norm = (v: Float32Array) => Math.sqrt(cosine(v, v));
const embedOne = async (text: string) => (await embedder.embed([text], 'passage'))[0]!;

describe('HashingEmbedder', () => {
  it('names its version and size', () => {
    expect(embedder.id).toBe('hashing-v1-512');
    expect(embedder.dimensions).toBe(512);
    expect(new HashingEmbedder({ dimensions: 1024 }).id).toBe('hashing-v1-1024');
    expect(() => new HashingEmbedder({ dimensions: 500 })).toThrow(/power of two/);
  });

  it('round-trips its id', () => {
    expect(parseHashingId('hashing-v1-256')).toEqual({ dimensions: 256 });
    expect(parseHashingId('hashing-v2-512')).toBeNull();
    expect(parseHashingId('hashing-v1-100')).toBeNull();
    expect(parseHashingId('transformers:Xenova/bge-small-en-v1.5')).toBeNull();
  });

  it('returns one unit-length vector per text, in order', async () => {
    const texts = ['Ofcom can fine firms.', '', '   ...   ', 'the of and', '£18 million or 10%'];
    const vectors = await embedder.embed(texts, 'passage');
    expect(vectors).toHaveLength(texts.length);
    for (const vector of vectors) {
      expect(vector).toBeInstanceOf(Float32Array);
      expect(vector).toHaveLength(512);
      expect(norm(vector)).toBeCloseTo(1, 5);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
    expect(cosine(vectors[0]!, await embedOne('Ofcom can fine firms.'))).toBeCloseTo(1, 6);
  });

  it('is deterministic across instances and ignores query/passage kind', async () => {
    const text = 'Ofcom may fine a platform up to 10% of its global revenue.';
    const again = new HashingEmbedder();
    const [a] = await embedder.embed([text], 'passage');
    const [b] = await again.embed([text], 'query');
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('puts a paraphrase sharing words closer than an unrelated sentence', async () => {
    const anchor = await embedOne('The regulator can fine social media companies that fail to protect children online.');
    const paraphrase = await embedOne('Social media firms failing to protect children can be fined by the regulator.');
    const unrelated = await embedOne('The bakery on the corner sells sourdough bread every Saturday morning.');
    expect(cosine(anchor, paraphrase)).toBeGreaterThan(0.4);
    expect(cosine(anchor, paraphrase)).toBeGreaterThan(cosine(anchor, unrelated) + 0.3);
  });

  it('matches morphology through stemming and character n-grams', async () => {
    const fines = await embedOne('fines penalties');
    expect(cosine(fines, await embedOne('fined penalty'))).toBeGreaterThan(cosine(fines, await embedOne('bread oven')) + 0.2);
  });

  it('folds case, diacritics, compatibility forms and curly apostrophes', async () => {
    expect(cosine(await embedOne('CAFÉ Régulateur'), await embedOne('cafe regulateur'))).toBeCloseTo(1, 5);
    expect(cosine(await embedOne('ﬁne ＯＦＣＯＭ'), await embedOne('fine ofcom'))).toBeCloseTo(1, 5);
    expect(cosine(await embedOne('Musk’s platform'), await embedOne("musk's platform"))).toBeCloseTo(1, 5);
    expect(cosine(await embedOne("Musk's platform"), await embedOne('Musk platform'))).toBeCloseTo(1, 5);
  });

  it('keeps money, percentages and numbers as features', async () => {
    const money = await embedOne('a fine of £18 million');
    expect(cosine(money, await embedOne('a fine of £18 million'))).toBeCloseTo(1, 6);
    expect(cosine(money, await embedOne('a fine of 10% of revenue'))).toBeLessThan(0.9);
    expect(cosine(await embedOne('1,000 pounds'), await embedOne('1000 pounds'))).toBeCloseTo(1, 5);
  });

  it('handles odd Unicode without throwing', async () => {
    const odd = ['🙂🙂 emoji only 🙂', '\u0000\u200b\ufeff', 'Ελληνικά και 中文 العربية', 'a\u0301\u0301\u0301', '\ud800 lone surrogate', 'x'.repeat(20_000)];
    for (const vector of await embedder.embed(odd, 'passage')) {
      expect(norm(vector)).toBeCloseTo(1, 5);
      expect(vector.every(Number.isFinite)).toBe(true);
    }
  });

  it('finds the right paragraph of the news articles for a question', async () => {
    const paragraphs = readdirSync(NEWS_DIR)
      .filter((name) => name.endsWith('.txt'))
      .flatMap((name) => readFileSync(newsFile(name), 'utf8').split(/\n+/))
      .filter((p) => p.trim().length > 40);
    const vectors = await embedder.embed(paragraphs, 'passage');
    const best = async (question: string) => {
      const [q] = await embedder.embed([question], 'query');
      const scores = vectors.map((v) => cosine(q!, v));
      return paragraphs[scores.indexOf(Math.max(...scores))]!;
    };
    expect(await best('How much can Ofcom fine a business under the Online Safety Act?')).toContain('£18 million');
    expect(await best('Which country was first to block access to Grok?')).toContain('Indonesia');
  });
});
