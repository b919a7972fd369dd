import { afterAll, describe, expect, it } from 'vitest';
import { WordNetLexicon } from './wordnet-lexicon.js';

const lexicon = new WordNetLexicon();
afterAll(() => lexicon.close());
const stems = (word: string) => lexicon.related(word).map((r) => r.stem);

describe('WordNetLexicon', () => {
  it('finds synonyms, derived forms and broader terms in a word\'s commonest senses, as stems', () => {
    expect(stems('fine')).toEqual(expect.arrayContaining(['penalti']));
    expect(stems('imprison')).toEqual(expect.arrayContaining(['jail', 'incarcer']));
    expect(stems('received')).toEqual(expect.arrayContaining(['get']));
    expect(lexicon.related('penalty').find((r) => r.stem === 'fine')?.relation).toBe('narrower');
  });

  it('knows other names of a country and the country of a demonym', () => {
    expect(stems('Britain')).toContain('uk');
    expect(stems('Australian')).toContain('australia');
  });

  it('knows English words in any inflection, and not misspellings', () => {
    expect(lexicon.knows('penalties')).toBe(true);
    expect(lexicon.knows('fined')).toBe(true);
    expect(lexicon.knows('fnie')).toBe(false);
  });

  it('climbs a noun\'s broader classes', () => {
    expect(lexicon.broaderTerms('tribunal')).toContain('social group');
    expect(lexicon.broaderTerms('year')).toContain('time period');
  });
});
