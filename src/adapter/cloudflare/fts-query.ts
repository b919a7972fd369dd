// Any user text becomes a safe FTS5 MATCH expression: every term is a quoted string, so no text is read as query syntax.

/** Longer questions add nothing to ranking and only cost matching time. */
export const MAX_FTS_TERMS = 32;

/**
 * `"ofcom" OR "fine" OR …` from the letters and digits of `text`; null when there is nothing to search for.
 * OR, as on Node: a passage matching some of the words still ranks, BM25 orders by how many and how rare.
 */
export function ftsMatchQuery(text: string): string | null {
  const terms = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const unique = [...new Set(terms)].slice(0, MAX_FTS_TERMS);
  // Terms hold only letters and digits, so a double quote can never appear inside one; quoting keeps AND/NOT/NEAR literal.
  return unique.length ? unique.map((term) => `"${term}"`).join(' OR ') : null;
}
