import { describe, expect, it } from 'vitest';
import { normaliseText, stem, tokenize } from './tokens.js';

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
