// Words -> comparable terms: Porter stems of the word and of its lemma, so "fined", "fines" and "fine" meet, and
// "said" meets "say" through its lemma. What may stand in for a word beyond its inflections comes from the lexicon.
import { stemmer } from 'stemmer';

/** Reading a word (folding, stemming) is most of the cost of matching; vocabulary is small, so a bounded memo pays. */
const WORD_CACHE_SIZE = 50_000;
const wordCache = new Map<string, ReadWord>();

type ReadWord = Pick<Word, 'raw' | 'stem' | 'capitalised' | 'acronym' | 'stop'>;

/**
 * English function words: they say nothing about what a sentence must contain. General English, kept here because
 * matching needs the same list for questions and sources; question scaffolding ("tell me", "explain") is included.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom whose why will with would you ' +
    'your yours yourself yourselves may might must shall tell me please explain describe give list show know ' +
    'mr mrs ms dr sir much many often exactly happen happened kind sort else besides apart instead actually really'
  ).split(' '),
);

/** The stems a word is matched by: its own Porter stem and, when the analyser gives one, its lemma's. */
export function stemsOf(word: string, lemma?: string): string[] {
  const own = stemOf(word);
  const fromLemma = lemma && /^\p{L}/u.test(lemma) ? stemOf(lemma) : own;
  return fromLemma === own ? [own] : [own, fromLemma];
}

const stemOf = (word: string): string => {
  const lower = word.toLowerCase().replace(/[’']s$/, '').replace(/[’']/g, '');
  return /^\p{N}/u.test(lower) ? lower.replace(/,/g, '') : stemmer(lower.replace(/\.$/, ''));
};

export interface Word {
  /** The word as written. */
  raw: string;
  /** Comparable form: lowercased, Porter-stemmed. */
  stem: string;
  /** Written with a capital (or all capitals, like "US" and "X"): a name or the first word of a sentence. */
  capitalised: boolean;
  /** Written in capitals ("US", "DMA"): a name wherever it stands, never a function word. */
  acronym: boolean;
  stop: boolean;
  /** One part of a hyphenated word, listed after the whole ("secretary" of "under-secretary"). */
  part: boolean;
  /** Offset of the word within the text it came from. */
  index: number;
}

// Words (with inner hyphens, apostrophes and dots as in "U.S."), numbers and the symbols that matter in fines.
const WORD = /\p{L}[\p{L}\p{N}]*(?:[-'’.]\p{L}[\p{L}\p{N}]*)*|\p{N}+(?:[.,]\p{N}+)*%?|[£$€%]/gu;

/** Splits text into words with stems; a hyphenated word also yields its parts ("under-secretary" -> "secretary"). */
export function words(text: string): Word[] {
  const result: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const index = match.index;
    result.push(toWord(raw.replaceAll('-', ''), index, false));
    if (raw.includes('-')) for (const part of raw.split('-')) result.push(toWord(part, index, true));
  }
  return result;
}

function toWord(raw: string, index: number, part: boolean): Word {
  let read = wordCache.get(raw);
  if (!read) {
    if (wordCache.size >= WORD_CACHE_SIZE) wordCache.clear();
    const first = raw.charAt(0);
    // "US" is a country, "us" a pronoun: a word written in capitals is never a function word.
    const acronym = raw.length > 1 && raw === raw.toUpperCase() && /\p{L}/u.test(raw);
    wordCache.set(raw, (read = { raw, stem: stemOf(raw), capitalised: first !== first.toLowerCase(), acronym, stop: !acronym && STOP_WORDS.has(raw.toLowerCase()) }));
  }
  return { raw: read.raw, stem: read.stem, capitalised: read.capitalised, acronym: read.acronym, stop: read.stop, part, index };
}

// Small words that may sit inside a name without giving it a letter ("Center for Countering Digital Hate").
const NAME_JOINERS = new Set(['of', 'for', 'and', 'on', 'the']);

/** Initials of the runs of capitalised words ("Digital Services Act" -> "dsa"), as acronym stems, each with where its run starts. */
export function initialisms(textWords: readonly Word[]): { stem: string; index: number }[] {
  const result: { stem: string; index: number }[] = [];
  let run: Word[] = [];
  const flush = () => {
    for (let from = 0; from + 1 < run.length; from++) {
      let letters = run[from]!.raw.charAt(0).toLowerCase();
      for (let to = from + 1; to < Math.min(run.length, from + 5); to++) {
        letters += run[to]!.raw.charAt(0).toLowerCase();
        result.push({ stem: letters, index: run[from]!.index });
      }
    }
    run = [];
  };
  for (const word of textWords) {
    if (word.part) continue;
    if (word.capitalised && /^\p{L}/u.test(word.raw)) run.push(word);
    else if (!(run.length && NAME_JOINERS.has(word.raw))) flush();
  }
  flush();
  return result;
}

/**
 * How many things a line names: runs of capitalised words (joined by "of", "and"…), not counting a plain word that
 * opens a sentence ("How", "The"); an acronym counts wherever it stands. "How fines compare: Ofcom, the ICO, the CMA,
 * the DSA and the DMA" names four: "the DSA and the DMA" reads as one run, as "Competition and Markets Authority" does.
 */
export function nameCount(text: string): number {
  const all = words(text).filter((w) => !w.part);
  let count = 0;
  let inRun = false;
  all.forEach((word, i) => {
    const previous = all[i - 1];
    const gap = previous ? text.slice(previous.index + previous.raw.length, word.index) : '';
    const opensSentence = !previous || /[.!?]\s*$/.test(gap);
    // Punctuation ends a run: "Ofcom, the ICO" is two names.
    if (/\S/.test(gap)) inRun = false;
    if (word.capitalised && /^\p{L}/u.test(word.raw) && (word.acronym || !opensSentence)) {
      if (!inRun) count++;
      inRun = true;
    } else if (!(inRun && NAME_JOINERS.has(word.raw))) inRun = false;
  });
  return count;
}

/** Content stems of a text, in order. */
export const contentStems = (text: string): string[] => words(text).filter((w) => !w.stop).map((w) => w.stem);
