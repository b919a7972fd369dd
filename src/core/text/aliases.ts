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
// A phrase and the abbreviation defined for it in brackets right after it. The lookbehind finds the same matches (a
// match never starts inside a word: the whole word matches wherever its tail would) without trying every letter.
const DEFINED = /(?<![\p{L}\p{N}'’-])((?:[\p{L}\p{N}'’-]+\s+){1,10}?[\p{L}\p{N}'’-]+)\s+\((?:the\s+)?["“]?(\p{Lu}[\p{L}\d]{1,9})["”]?\)/gu;
// "the Commissioner", "the Authority": a capitalised noun used alone with "the".
const SHORT_FORM = /\bthe\s+(\p{Lu}\p{Ll}{3,})\b(?!\s+\p{Lu})/gu;
// A capitalised name of two or more words.
const LONG_NAME = /\b(?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|and|for|the)\s+)?){1,5}\p{Lu}[\p{L}'’-]*/gu;

/** The aliases a document defines or uses. */
export function aliasesIn(text: string): Alias[] {
  const aliases = new Map<string, Alias>();
  for (const match of text.matchAll(DEFINED)) {
    const abbreviation = match[2]!;
    const long = expansionOf(match[1]!, abbreviation);
    if (long) aliases.set(`${abbreviation.toLowerCase()}|${long}`, { short: abbreviation.toLowerCase(), long });
  }
  const names = [...new Set([...text.matchAll(LONG_NAME)].flatMap((m) => longName(text, m.index, m[0])))];
  for (const match of text.matchAll(SHORT_FORM)) {
    const word = match[1]!;
    // The one longer name in the document that ends with that word ("Information Commissioner" for "the Commissioner").
    const longer = names.filter((n) => n !== word && new RegExp(`\\b${word}$`, 'u').test(n));
    if (longer.length === 1) aliases.set(`${word.toLowerCase()}|${longer[0]}`, { short: word.toLowerCase(), long: longer[0]! });
  }
  return [...aliases.values()];
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
