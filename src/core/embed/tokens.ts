// Text -> normalised word tokens for the hashing embedder: lowercase, NFKC, no diacritics, light English stemming.

/** Very common English words that carry no topic; dropped unless a text has nothing else. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // "us" is kept: lowercased, it is also the US.
  (
    'a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its ' +
    'me my no not of on or our she so than that the their them then there these they this those to was we were what ' +
    'when where which who whom why will with would you your'
  ).split(' '),
);

// Words (letters then letters/digits/apostrophes), numbers (1,000.5 stays one token) and the symbols that matter in fines.
export const TOKEN = /\p{L}[\p{L}\p{N}'’]*|\p{N}+(?:[.,]\p{N}+)*|[£$€%]/gu;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\x00-\x7f]/;
const APOSTROPHES = /['’]/g;
const POSSESSIVE = /['’]s$/;
const THOUSANDS = /,/g;

/** Lowercase, compatibility-normalised (NFKC) and stripped of diacritics: "Café ﬁne" -> "cafe fine". */
export function normaliseText(text: string): string {
  const lower = text.toLowerCase();
  // Pure ASCII is already normal; skipping Unicode normalisation roughly doubles throughput on English text.
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '');
}

/**
 * Harman's S-stemmer (1991): folds English plurals only, so it never merges unrelated words.
 * Character n-grams cover the rest of the morphology.
 */
export function stem(word: string): string {
  const n = word.length;
  if (n < 4 || word.charCodeAt(n - 1) !== 115 /* s */) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return word.slice(0, -3) + 'y';
  if (word.endsWith('es') && !word.endsWith('aes') && !word.endsWith('ees') && !word.endsWith('oes')) return word.slice(0, -1);
  if (!word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

export interface Tokens {
  /** Stemmed content words, numbers and symbols, in text order. */
  content: string[];
  /** True when every word was a stop word, so `content` holds them instead of nothing. */
  onlyStopWords: boolean;
}

/** Splits text into stemmed tokens without stop words (or with them, if that is all there is). */
export function tokenize(text: string): Tokens {
  const content: string[] = [];
  const stops: string[] = [];
  const add = (raw: string) => {
    let token = raw;
    const first = token.charCodeAt(0);
    if (first >= 48 && first <= 57) token = token.replace(THOUSANDS, '');
    else if (token.length > 1) token = stem(hasApostrophe(token) ? token.replace(POSSESSIVE, '').replace(APOSTROPHES, '') : token);
    if (STOP_WORDS.has(token)) stops.push(token);
    else content.push(token);
  };
  const normalised = normaliseText(text);
  if (NON_ASCII.test(normalised)) for (const match of normalised.matchAll(TOKEN)) add(match[0]);
  else forEachAsciiToken(normalised, add);
  return content.length === 0 && stops.length > 0 ? { content: stops, onlyStopWords: true } : { content, onlyStopWords: false };
}

/**
 * TOKEN's matches in lowercase ASCII text, found by scanning char codes: a letter then letters, digits or
 * apostrophes; digits with [.,]-joined digit groups; or "$" / "%". No regex engine or match objects: on English
 * text this is most of the embedder's tokenising time.
 */
export function forEachAsciiToken(text: string, visit: (token: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    let end = i + 1;
    if (isLowerLetter(c)) {
      while (end < n && isWordTail(text.charCodeAt(end))) end++;
    } else if (isDigit(c)) {
      while (end < n && isDigit(text.charCodeAt(end))) end++;
      while (end + 1 < n && isGroupJoin(text.charCodeAt(end)) && isDigit(text.charCodeAt(end + 1))) {
        end += 2;
        while (end < n && isDigit(text.charCodeAt(end))) end++;
      }
    } else if (c !== 36 /* $ */ && c !== 37 /* % */) {
      i++;
      continue;
    }
    visit(text.slice(i, end));
    i = end;
  }
}

const isLowerLetter = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordTail = (c: number): boolean => isLowerLetter(c) || isDigit(c) || c === 39; /* ' */
const isGroupJoin = (c: number): boolean => c === 46 /* . */ || c === 44; /* , */

const hasApostrophe = (token: string): boolean => token.includes("'") || token.includes('’');
