// Other names a document gives its subjects: abbreviations it defines ("qualifying worldwide revenue (QWR)", "the
// Digital Markets Act (DMA)") and the short form it then uses ("the Commissioner" after "the Information
// Commissioner"). Mined from the document itself, so a page's own abbreviations are understood wherever it uses them.

export interface Alias {
  /** The abbreviation, lower case ("qwr"), or the short form's word ("commissioner"). */
  short: string;
  /** The words it stands for, as written ("qualifying worldwide revenue"). */
  long: string;
}

// Words an abbreviation's letters skip: "Competition and Markets Authority" is CMA.
const SKIPPED = new Set(['of', 'and', 'the', 'for', 'on', 'in', 'to', '&']);
// A phrase and the abbreviation defined for it in brackets right after it (tried where a bracket opens, below).
const DEFINED = /((?:[\p{L}\p{N}'’-]+\s+){1,10}?[\p{L}\p{N}'’-]+)\s+\((?:the\s+)?["“]?(\p{Lu}[\p{L}\d]{1,9})["”]?\)/uy;
// The phrase's words may be at most this many.
const PHRASE_WORDS = 11;
const WORD_CHAR = /^[\p{L}\p{N}'’-]$/u;
const SPACE_CHAR = /^\s$/u;
// "the Commissioner", "the Authority": a capitalised noun used alone with "the".
const SHORT_FORM = /\bthe\s+(\p{Lu}\p{Ll}{3,})\b(?!\s+\p{Lu})/gu;
// A capitalised name of two or more words.
const LONG_NAME = /\b(?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|and|for|the)\s+)?){1,5}\p{Lu}[\p{L}'’-]*/gu;

/** The aliases a document defines or uses. */
export function aliasesIn(text: string): Alias[] {
  const aliases = new Map<string, Alias>();
  for (const match of definitionsIn(text)) {
    const abbreviation = match[2]!;
    const long = expansionOf(match[1]!, abbreviation);
    if (long) aliases.set(`${abbreviation.toLowerCase()}|${long}`, { short: abbreviation.toLowerCase(), long });
  }
  const names = [...new Set([...text.matchAll(LONG_NAME)].flatMap((m) => longName(text, m.index, m[0])))];
  const longerNames = new Map<string, string[]>();
  for (const match of text.matchAll(SHORT_FORM)) {
    const word = match[1]!;
    // The one longer name in the document that ends with that word ("Information Commissioner" for "the Commissioner").
    let longer = longerNames.get(word);
    if (!longer) {
      const ending = new RegExp(`\\b${word}$`, 'u');
      longerNames.set(word, (longer = names.filter((n) => n !== word && ending.test(n))));
    }
    if (longer.length === 1) aliases.set(`${word.toLowerCase()}|${longer[0]}`, { short: word.toLowerCase(), long: longer[0]! });
  }
  return [...aliases.values()];
}

/**
 * The matches of DEFINED over the whole text, in order, as a global search would find them, tried only where a
 * bracket opens: searched from every position, its lazy run of up to 11 words made a document's aliases cost ~6 ms
 * per 4,000 characters, and the answerer reads them for every document a question brings up (issue 24). A match ends
 * at its own bracket, its words are letters and spaces only, and a start further back than 11 words fails, so the
 * earliest start that matches is among the starts of the 11 words before the bracket.
 */
export function definitionsIn(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  for (let open = text.indexOf('('); open !== -1; open = text.indexOf('(', open + 1)) {
    if (open === 0 || !SPACE_CHAR.test(charBefore(text, open))) continue;
    for (const start of wordStartsBefore(text, open)) {
      DEFINED.lastIndex = start;
      const match = DEFINED.exec(text);
      if (match) {
        found.push(match);
        break;
      }
    }
  }
  return found;
}

/** Where each of the last 11 words before `end` begins, earliest first: words and spaces only, back to anything else. */
function wordStartsBefore(text: string, end: number): number[] {
  const starts: number[] = [];
  let at = end;
  while (at > 0 && starts.length < PHRASE_WORDS) {
    const char = charBefore(text, at);
    if (SPACE_CHAR.test(char)) at -= char.length;
    else if (WORD_CHAR.test(char)) {
      while (at > 0 && WORD_CHAR.test(charBefore(text, at))) at -= charBefore(text, at).length;
      starts.push(at);
    } else break;
  }
  return starts.reverse();
}

/** The code point that ends at `at` (a surrogate pair as one). */
function charBefore(text: string, at: number): string {
  const low = text.charCodeAt(at - 1);
  return at >= 2 && low >= 0xdc00 && low <= 0xdfff && /[\ud800-\udbff]/.test(text[at - 2]!) ? text.slice(at - 2, at) : text[at - 1]!;
}

/** A capitalised run as a name: its first word dropped when it opens a sentence ("The Commission", "Under Article"). */
function longName(text: string, at: number, run: string): string[] {
  const words = run.replace(/['’]s$/, '').split(/\s+/);
  if (/(?:^|[.!?:;]\s*|\n\s*)$/.test(text.slice(Math.max(0, at - 3), at))) words.shift();
  while (words.length && SKIPPED.has(words[0]!.toLowerCase())) words.shift();
  return words.length >= 2 ? [words.join(' ')] : [];
}

/** The trailing words of `phrase` whose initials spell `abbreviation`, small joining words skipped; undefined if none do. */
function expansionOf(phrase: string, abbreviation: string): string | undefined {
  const words = phrase.split(/\s+/);
  const letters = abbreviation.toLowerCase().replace(/[^a-z\d]/g, '');
  for (let from = words.length - 1; from >= 0; from--) {
    const candidate = words.slice(from);
    const initials = candidate.filter((w) => !SKIPPED.has(w.toLowerCase())).map((w) => w[0]!.toLowerCase()).join('');
    if (initials === letters) return candidate.join(' ');
    if (initials.length > letters.length) return undefined;
  }
  return undefined;
}
