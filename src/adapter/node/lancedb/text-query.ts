// Any user text becomes a safe full-text query: a MatchQuery is tokenised like the index, never parsed as query syntax.
import { MatchQuery, Operator } from '@lancedb/lancedb';

/** Longer questions add nothing to ranking and only cost tokenising time. */
export const MAX_TEXT_QUERY_CHARS = 2000;

/** The text a full-text search is run on: clipped and NFKC-normalised; null when it has no letter or digit. */
export function textToSearch(text: string): string | null {
  const clipped = text.slice(0, MAX_TEXT_QUERY_CHARS).normalize('NFKC');
  return /[\p{L}\p{N}]/u.test(clipped) ? clipped : null;
}

/** The full-text query for text textToSearch has prepared. */
export function matchQuery(searched: string, column: string): MatchQuery {
  // OR: a passage matching some of the question's words still ranks, BM25 orders by how many and how rare.
  return new MatchQuery(searched, column, { operator: Operator.Or });
}

/** Null when the text has no letter or digit to search for. */
export function textQuery(text: string, column: string): MatchQuery | null {
  const searched = textToSearch(text);
  return searched === null ? null : matchQuery(searched, column);
}
