import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { forEachAsciiToken, normaliseText, stem, TOKEN, tokenize } from './tokens.js';
import { NEWS_DIR } from '../../../test/support/paths.js';
import { seededRandom } from '../../../test/support/seeded-random.js';

describe('tokenize', () => {
  it('drops stop words, folds plurals and possessives, keeps numbers and symbols', () => {
    expect(tokenize('The fines of Ofcom’s regulators: £18 million or 10%, 1,000 companies').content).toEqual([
      'fine', 'ofcom', 'regulator', '£', '18', 'million', '10', '%', '1000', 'company',
    ]);
  });

  it('keeps stop words when there is nothing else', () => {
    expect(tokenize('What is it?')).toEqual({ content: ['what', 'is', 'it'], onlyStopWords: true });
    expect(tokenize('  ?! ')).toEqual({ content: [], onlyStopWords: false });
  });

  it('keeps "US" the country', () => {
    expect(tokenize('the US warned us').content).toEqual(['us', 'warned', 'us']);
  });
});

describe('forEachAsciiToken', () => {
  const scanned = (text: string) => {
    const tokens: string[] = [];
    forEachAsciiToken(text, (token) => tokens.push(token));
    return tokens;
  };
  const matched = (text: string) => [...text.matchAll(TOKEN)].map((m) => m[0]);

  it('finds exactly what the TOKEN pattern matches in lowercase ASCII', () => {
    const crafted = "rock'n'roll 1,000.50 $5 5% 3.14.15 ab12cd 12ab x' 'y don't dogs' a.b,c 1,,2 1.,2 ,5 .5 5. 5, it's 0 9 a z ` { @ [ / : ~";
    expect(scanned(crafted)).toEqual(matched(crafted));
    // Random strings over the characters that matter at token edges.
    const alphabet = "az09.,'$%  -_@`{[/:~\n";
    const next = seededRandom(7);
    const random = () => Math.floor(next() * 2 ** 32);
    for (let n = 0; n < 3000; n++) {
      const text = Array.from({ length: random() % 40 }, () => alphabet[random() % alphabet.length]).join('');
      expect(scanned(text)).toEqual(matched(text));
    }
    // The news articles, folded to lowercase ASCII.
    for (const name of readdirSync(NEWS_DIR)) {
      const text = readFileSync(`${NEWS_DIR}/${name}`, 'utf8').toLowerCase().replace(/[^\x00-\x7f]/g, ' ');
      expect(scanned(text)).toEqual(matched(text));
    }
  });

  it('is what tokenize uses for ASCII text, with the same tokens as for the same text with a non-ASCII character', () => {
    const text = "Ofcom's fines: $18m or 10% of 1,000.5 firms' revenue";
    expect(tokenize(text).content).toEqual(tokenize(`${text} é`).content.slice(0, -1));
  });
});

describe('stem (S-stemmer)', () => {
  it.each([
    ['policies', 'policy'],
    ['fines', 'fine'],
    ['platforms', 'platform'],
    ['business', 'business'],
    ['status', 'status'],
    ['gas', 'gas'],
  ])('%s -> %s', (word, stemmed) => expect(stem(word)).toBe(stemmed));
});

describe('normaliseText', () => {
  it('lowercases, applies NFKC and strips diacritics', () => {
    expect(normaliseText('Ÿ Café ﬁne ＡＢＣ')).toBe('y cafe fine abc');
  });
});
