// Any user text becomes a safe full-text query: a MatchQuery is tokenised like the index, never parsed as query syntax.
import { MatchQuery, Operator } from '@lancedb/lancedb';

/** Longer questions add nothing to ranking and only cost tokenising time. */
export const MAX_TEXT_QUERY_CHARS = 2000;

/** Null when the text has no letter or digit to search for. */
export function textQuery(text: string, column: string): MatchQuery | null {
  const clipped = text.slice(0, MAX_TEXT_QUERY_CHARS).normalize('NFKC');
  if (!/[\p{L}\p{N}]/u.test(clipped)) return null;
  // OR: a passage matching some of the question's words still ranks, BM25 orders by how many and how rare.
  return new MatchQuery(clipped, column, { operator: Operator.Or });
}
