import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aliasesIn, definitionsIn } from './aliases.js';

describe('aliasesIn', () => {
  it('finds the abbreviations a text defines, by the initials of the words before them', () => {
    const text = 'The cap is 10% of qualifying worldwide revenue (QWR). The Competition and Markets Authority (CMA) enforces the Digital Markets, Competition and Consumers Act 2024 (DMCC Act).';
    expect(aliasesIn(text)).toEqual(
      expect.arrayContaining([
        { short: 'qwr', long: 'qualifying worldwide revenue' },
        { short: 'cma', long: 'Competition and Markets Authority' },
      ]),
    );
  });

  it('reads "the Commissioner" as the one longer name the text gives, and not a sentence opener as a name', () => {
    const text = 'The Information Commissioner can fine firms. Under Article 83, the Commissioner weighs several factors.';
    expect(aliasesIn(text)).toEqual([{ short: 'commissioner', long: 'Information Commissioner' }]);
  });

  it('ignores brackets whose letters do not spell the words before them', () => {
    expect(aliasesIn('Fines were imposed on the firm (ABC) last year.')).toEqual([]);
  });
});

describe('aliasesIn, tried where a bracket opens', () => {
  // The whole-text search it replaced (issue 24): every position tried, which cost ~6 ms per 4,000 characters.
  const SEARCHED = /((?:[\p{L}\p{N}'’-]+\s+){1,10}?[\p{L}\p{N}'’-]+)\s+\((?:the\s+)?["“]?(\p{Lu}[\p{L}\d]{1,9})["”]?\)/gu;
  const searched = (text: string) => [...text.matchAll(SEARCHED)].map((m) => [m.index, m[1], m[2]]);
  const pieces = ['a', 'b', 'Ab', 'AB', 'ABC', 'Co', 'of', 'the', ' ', '  ', '\n', '(', ')', '"', '“', '”', '.', ',', '-', "'", 'é', 'É', '𝐀', '7'];
  const texts = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

  it('finds every definition the whole-text search finds, and no other', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(definitionsIn(text).map((m) => [m.index, m[1], m[2]])).toEqual(searched(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a phrase of up to 11 words, and none longer', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
    expect(definitionsIn(`${words(11)} (AB)`).map((m) => m[1])).toEqual(searched(`${words(11)} (AB)`).map((m) => m[1]));
    expect(definitionsIn(`x. ${words(14)} (AB) and ${words(3)} (CD)`).map((m) => m[1])).toEqual(searched(`x. ${words(14)} (AB) and ${words(3)} (CD)`).map((m) => m[1]));
  });
});
