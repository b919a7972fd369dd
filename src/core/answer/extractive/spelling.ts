// Misspelt question words ("ofcom fnie", "gatekeper") read as the nearest word the retrieved sources use: a word the
// lexicon does not know and no source has is corrected to a source word one or two edits away.
import type { Lexicon } from '../../language/lexicon.js';
import type { Candidate } from './candidates.js';
import type { QueryTerm } from './question.js';
import { stemsOf, type Word, words } from './terms.js';

/** Words shorter than this are left alone: too many words lie one edit from "tax" or "act". */
export const MIN_CORRECTED_LENGTH = 4;
/** From this length two edits are allowed. */
export const TWO_EDITS_FROM = 8;

/** Stems each misspelt term is read as, by the term's lower-case word. */
export function spellingCorrections(terms: readonly QueryTerm[], candidates: readonly Candidate[], lexicon?: Lexicon): Map<string, string[]> {
  const corrections = new Map<string, string[]>();
  const present = (term: QueryTerm) => candidates.some((c) => term.stems.some((s) => c.stems.has(s) || c.context.has(s)));
  const unknown = terms.filter((t) => /^\p{L}+$/u.test(t.raw) && t.raw.length >= MIN_CORRECTED_LENGTH && !present(t) && !(lexicon?.knows(t.raw) ?? false));
  if (!unknown.length) return corrections;
  const vocabulary = vocabularyOf(candidates.map((c) => c.words));
  for (const term of unknown) {
    const word = term.raw.toLowerCase();
    const nearest = nearestWord(word, vocabulary);
    if (nearest) corrections.set(word, stemsOf(nearest));
  }
  return corrections;
}

/**
 * The words of a query that may be misspelt: not known to the lexicon, long enough, letters only, and not a name as
 * written (a capitalised word past the first: one the sources lack is a premise to refuse, not a typo).
 */
export function unknownWords(query: string, lexicon: Lexicon): Word[] {
  return words(query).filter(
    (w, i) => !(w.capitalised && i > 0) && !w.stop && !w.part && /^\p{L}+$/u.test(w.raw) && w.raw.length >= MIN_CORRECTED_LENGTH && !lexicon.knows(w.raw),
  );
}

/**
 * The query with each misspelt word replaced by the nearest word of `texts` (the passages and documents a first
 * retrieval found): a word the lexicon does not know and no text has ("gatekeper") retrieves nothing of its own, so the
 * query is corrected before it is searched again. Unchanged when nothing is corrected.
 */
export function correctQuery(query: string, texts: readonly string[], lexicon: Lexicon): string {
  const unknown = unknownWords(query, lexicon);
  if (!unknown.length) return query;
  const vocabulary = vocabularyOf(texts.map((text) => words(text)));
  let corrected = '';
  let from = 0;
  for (const w of unknown) {
    const word = w.raw.toLowerCase();
    const nearest = vocabulary.has(word) ? undefined : nearestWord(word, vocabulary);
    if (!nearest) continue;
    corrected += query.slice(from, w.index) + nearest;
    from = w.index + w.raw.length;
  }
  return corrected + query.slice(from);
}

/** Lower-case content words (letters only) of some texts, with how often each occurs. */
function vocabularyOf(texts: readonly (readonly Word[])[]): Map<string, number> {
  const vocabulary = new Map<string, number>();
  for (const text of texts) for (const w of text) if (!w.stop && !w.part && /^\p{L}+$/u.test(w.raw)) vocabulary.set(w.raw.toLowerCase(), (vocabulary.get(w.raw.toLowerCase()) ?? 0) + 1);
  return vocabulary;
}

/** The vocabulary word fewest edits from `word` (one, or two from TWO_EDITS_FROM letters), the commoner on a tie. */
function nearestWord(word: string, vocabulary: ReadonlyMap<string, number>): string | undefined {
  const limit = word.length >= TWO_EDITS_FROM ? 2 : 1;
  let best: { word: string; distance: number; count: number } | undefined;
  for (const [known, count] of vocabulary) {
    if (Math.abs(known.length - word.length) > limit) continue;
    const distance = editDistance(word, known, limit);
    if (distance > limit) continue;
    if (!best || distance < best.distance || (distance === best.distance && count > best.count)) best = { word: known, distance, count };
  }
  return best?.word;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent transpositions), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, d[i - 2]![j - 2]! + 1);
      d[i]![j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return rowMin;
  }
  return d[rows - 1]![cols - 1]!;
}
