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
const TOKEN = /\p{L}[\p{L}\p{N}'’]*|\p{N}+(?:[.,]\p{N}+)*|[£$€%]/gu;
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
  for (const match of normaliseText(text).matchAll(TOKEN)) {
    let token = match[0];
    const first = token.charCodeAt(0);
    if (first >= 48 && first <= 57) token = token.replace(THOUSANDS, '');
    else if (token.length > 1) token = stem(hasApostrophe(token) ? token.replace(POSSESSIVE, '').replace(APOSTROPHES, '') : token);
    if (STOP_WORDS.has(token)) stops.push(token);
    else content.push(token);
  }
  return content.length === 0 && stops.length > 0 ? { content: stops, onlyStopWords: true } : { content, onlyStopWords: false };
}

const hasApostrophe = (token: string): boolean => token.includes("'") || token.includes('’');
