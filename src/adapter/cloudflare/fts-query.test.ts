import { describe, expect, it } from 'vitest';
import { ftsMatchQuery, MAX_FTS_TERMS } from './fts-query.js';

describe('ftsMatchQuery', () => {
  it('quotes every term and ORs them, so FTS5 operators in the text stay literal words', () => {
    expect(ftsMatchQuery('Ofcom NEAR(fine) AND NOT "X"*')).toBe('"ofcom" OR "near" OR "fine" OR "and" OR "not" OR "x"');
  });

  it('drops punctuation and SQL, keeps letters and digits of any script', () => {
    expect(ftsMatchQuery('"); DROP TABLE chunks; -- £18m Übersicht')).toBe('"drop" OR "table" OR "chunks" OR "18m" OR "übersicht"');
  });

  it('returns null when nothing is searchable and caps long questions', () => {
    expect(ftsMatchQuery('?!* -- ""')).toBeNull();
    const many = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    expect(ftsMatchQuery(many)!.split(' OR ')).toHaveLength(MAX_FTS_TERMS);
  });
});
