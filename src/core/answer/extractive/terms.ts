// Words -> comparable terms for sentence scoring: Porter stems, irregular forms folded, domain synonyms grouped.
import { stemmer } from 'stemmer';

/** Reading a word (folding, stemming) is most of the cost of scoring; news vocabulary is small, so a bounded memo pays. */
const WORD_CACHE_SIZE = 50_000;
const wordCache = new Map<string, ReadWord>();

type ReadWord = Pick<Word, 'raw' | 'stem' | 'capitalised' | 'stop'>;

/** Function words and question scaffolding: they say nothing about what a sentence must contain. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him himself ' +
    'his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ' +
    'ourselves out over own same she should so some such than that the their theirs them themselves then there these they this ' +
    'those through to too under until up very was we were what when where which while who whom whose why will with would you ' +
    'your yours yourself yourselves may might must shall tell me please explain describe give list show know ' +
    'mr mrs ms dr sir us much many often exactly happen happened kind sort else besides apart instead actually really'
  ).split(' '),
);

// Irregular forms the Porter stemmer leaves apart.
const IRREGULAR: Readonly<Record<string, string>> = {
  said: 'say', says: 'say', told: 'tell', wrote: 'write', written: 'write', banned: 'ban', fined: 'fine',
  took: 'take', taken: 'take', met: 'meet', began: 'begin', gave: 'give', made: 'make', became: 'become',
  children: 'child', women: 'woman', men: 'man', people: 'person', britain: 'uk', british: 'uk', britons: 'uk',
};

// Acronyms written in capitals, folded to one name ("U.S" and "US" are the same country).
const ACRONYMS: Readonly<Record<string, string>> = { us: 'usa', 'u.s': 'usa', usa: 'usa', 'u.k': 'uk' };

/** Words that answer for each other in regulatory news ("fine" finds "penalty"), stemmed when the module loads. */
const SYNONYM_GROUPS: readonly string[] = [
  'fine penalty sanction punish charge',
  'ban block restrict prohibit bar shut suspend cut withdraw',
  'revenue turnover income earnings earn',
  'worldwide global international',
  'cap ceiling maximum limit',
  'regulator watchdog Ofcom authority',
  'law act legislation bill rules',
  'site website platform service app network',
  'company firm business provider',
  'agree sympathetic back support endorse',
  'say tell state claim write post comment',
  'deepfake fake manipulate undress nudify nudification',
  'alter edit modify manipulate',
  'image picture photo',
  'explicit sexual intimate nude',
  'country nation state',
  'government minister administration',
  'power able allow',
  'American America Washington US',
  'Brussels EU European',
  'child minor',
  'AI artificial chatbot',
  'censorship censor',
  'own owner boss',
  'executive manager director officer',
  'prison jail imprison imprisonment custody',
  'crime criminal offence offense illegal outlaw',
  'prosecute prosecution prosecuted charge',
  'judge court',
  'weigh consider',
  'probe investigate investigation inquiry',
  'breach break contravene contravention violate',
  'warning notice',
  'month monthly',
  'porn pornography pornographic',
  'market marketplace store',
  'call brand label describe accuse',
  'address statement speech',
  'MPs Commons Parliament lawmakers',
];

/** Weight of a synonym match relative to the term itself. */
export const SYNONYM_WEIGHT = 0.7;

const SYNONYMS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const line of SYNONYM_GROUPS) {
    const group = line.split(' ').map((word) => toWord(word, 0, false).stem);
    for (const stem of group) map.set(stem, [...(map.get(stem) ?? []), ...group.filter((s) => s !== stem)]);
  }
  return map;
})();

/** Stems that may stand in for `stem`, each with the weight of such a match. */
export function expansions(stem: string): { stem: string; weight: number }[] {
  return [{ stem, weight: 1 }, ...(SYNONYMS.get(stem) ?? []).map((s) => ({ stem: s, weight: SYNONYM_WEIGHT }))];
}

export interface Word {
  /** The word as written. */
  raw: string;
  /** Comparable form: lowercased, irregulars folded, Porter-stemmed. */
  stem: string;
  /** Written with a capital (or all capitals, like "US" and "X"): a name or the first word of a sentence. */
  capitalised: boolean;
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
    wordCache.set(raw, (read = readWord(raw)));
  }
  return { raw: read.raw, stem: read.stem, capitalised: read.capitalised, stop: read.stop, part, index };
}

function readWord(raw: string): ReadWord {
  const first = raw.charAt(0);
  const capitalised = first !== first.toLowerCase();
  // "US" is a country, "us" a pronoun: all-capital short words keep their meaning.
  const acronym = raw.length <= 3 && raw === raw.toUpperCase() && /\p{L}/u.test(raw) && raw !== 'I' && raw !== 'A';
  const lower = raw.toLowerCase().replace(/[’']s$/, '').replace(/[’']/g, '');
  const folded = acronym ? (ACRONYMS[lower] ?? lower) : IRREGULAR[lower];
  const stem = acronym ? folded! : /^\p{N}/u.test(lower) ? lower.replace(/,/g, '') : stemmer(folded ?? lower.replace(/\.$/, ''));
  const stop = !acronym && STOP_WORDS.has(lower);
  return { raw, stem, capitalised, stop };
}

/** Month and day names: capitalised, yet dates rather than names a source must mention. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set(
  'january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday'.split(' '),
);

// Small words that may sit inside a name without giving it a letter ("Center for Countering Digital Hate").
const NAME_JOINERS = new Set(['of', 'for', 'and', 'on', 'the']);

/** Initials of the runs of capitalised words ("Digital Services Act" -> "dsa", "United States" -> "usa"), as acronym stems, each with where its run starts. */
export function initialisms(textWords: readonly Word[]): { stem: string; index: number }[] {
  const result: { stem: string; index: number }[] = [];
  let run: Word[] = [];
  const flush = () => {
    for (let from = 0; from + 1 < run.length; from++) {
      let letters = run[from]!.raw.charAt(0).toLowerCase();
      for (let to = from + 1; to < Math.min(run.length, from + 5); to++) {
        letters += run[to]!.raw.charAt(0).toLowerCase();
        result.push({ stem: ACRONYMS[letters] ?? letters, index: run[from]!.index });
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

/** Content stems of a text, in order. */
export const contentStems = (text: string): string[] => words(text).filter((w) => !w.stop).map((w) => w.stem);
