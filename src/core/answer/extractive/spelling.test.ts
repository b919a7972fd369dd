import { describe, expect, it } from 'vitest';
import { WordNetLexicon } from '../../../../test/support/sources.js';
import { correctQuery, editDistance, spellingCorrections } from './spelling.js';
import type { Candidate } from './candidates.js';
import type { QueryTerm } from './question.js';
import { stemsOf, words } from './terms.js';

const term = (raw: string): QueryTerm => ({ raw, stems: stemsOf(raw), name: false, focus: false, verb: false, noun: false, related: [] });
const candidate = (text: string) => ({ words: words(text), stems: new Set(words(text).map((w) => w.stem)), context: new Set<string>() }) as unknown as Candidate;

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('fnie', 'fine')).toBe(1);
    expect(editDistance('gatekeper', 'gatekeeper')).toBe(1);
    expect(editDistance('ofcom', 'ofcom')).toBe(0);
    expect(editDistance('penalty', 'royalty')).toBe(3);
  });
});

describe('spellingCorrections', () => {
  const sources = [candidate('Ofcom can fine a gatekeeper up to 10% of turnover.'), candidate('The fine was paid.')];
  const lexicon = new WordNetLexicon();

  it('reads a word neither the lexicon nor any source knows as the nearest source word', () => {
    const corrections = spellingCorrections([term('fnie'), term('gatekeper')], sources, lexicon);
    expect(corrections.get('fnie')).toEqual(stemsOf('fine'));
    expect(corrections.get('gatekeper')).toEqual(stemsOf('gatekeeper'));
  });

  it('leaves English words, short words and words the sources use alone', () => {
    expect(spellingCorrections([term('royalty'), term('fie'), term('turnover')], sources, lexicon).size).toBe(0);
  });
});

describe('correctQuery', () => {
  const lexicon = new WordNetLexicon();
  const texts = ['A gatekeeper under the DMA has 45 million monthly users.', 'Ofcom can fine a provider.'];

  it('replaces a misspelt word with the nearest word of the texts, keeping the rest as written', () => {
    expect(correctQuery('How many users does a platform need to count as a gatekeper?', texts, lexicon)).toBe('How many users does a platform need to count as a gatekeeper?');
    expect(correctQuery('what can ofcom fnie?', texts, lexicon)).toBe('what can ofcom fine?');
  });

  it('leaves English words, short words, words the texts have, and names as written', () => {
    for (const query of ['Can the regulator impose royalties?', 'Can Ofcom fie a provider?', 'What does a gatekeeper do?', 'How much did Ofcom fine Gatekeepr Ltd?']) {
      expect(correctQuery(query, texts, lexicon)).toBe(query);
    }
  });
});
