import { describe, expect, it } from 'vitest';
import { aliasesIn } from './aliases.js';

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
