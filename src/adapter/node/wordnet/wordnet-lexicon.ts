// The answerer's lexicon from WordNet: a word's synonyms, derived forms (fine/fined/penalise, imprison/prison),
// broader and narrower terms, in its commonest senses, as the Porter stems sentences are matched in.
import { LRUCache } from 'lru-cache';
import { stemmer } from 'stemmer';
import type { Lexicon, RelatedWord, Relation, WordClass } from '../../../core/language/lexicon.js';
import { PARTS_OF_SPEECH, type PartOfSpeech, type Synset, WordNetFiles } from './wordnet-files.js';

/** Senses read per word and part of speech: WordNet lists them commonest first, and rare senses bring noise ("boss" as a stud). */
export const SENSES_READ: Readonly<Record<PartOfSpeech, number>> = { noun: 2, verb: 3, adj: 1, adv: 1 };
/** Levels of broader terms climbed: WordNet's noun tree is at most ~20 deep, and the classes that matter sit near the top. */
export const MAX_BROADER_DEPTH = 20;
/** Narrower terms kept per sense: "penalty" has dozens; the first few are the common ones. */
export const MAX_NARROWER = 12;

const POS_OF_CLASS: Readonly<Record<WordClass, PartOfSpeech>> = { noun: 'noun', verb: 'verb', adjective: 'adj', adverb: 'adv' };

// WordNet's own detachment rules (morphy): inflected endings to try removing, per part of speech.
const DETACHMENTS: Readonly<Record<PartOfSpeech, readonly [string, string][]>> = {
  noun: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  verb: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  adj: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  adv: [],
};

// Closer relations win when a word is reached more than one way.
const RELATION_ORDER: readonly Relation[] = ['synonym', 'derivation', 'similar', 'broader', 'narrower'];

export class WordNetLexicon implements Lexicon {
  readonly #files: WordNetFiles;
  readonly #related = new LRUCache<string, readonly RelatedWord[]>({ max: 20_000 });
  readonly #broader = new LRUCache<string, readonly string[]>({ max: 5_000 });

  constructor(files = new WordNetFiles()) {
    this.#files = files;
  }

  knows(word: string): boolean {
    const lower = word.toLowerCase();
    return PARTS_OF_SPEECH.some((pos) => this.#baseForms(lower, pos).length > 0);
  }

  broaderTerms(word: string): readonly string[] {
    const lower = word.toLowerCase();
    const key = `broader|${lower}`;
    const cached = this.#broader.get(key);
    if (cached) return cached;
    const found = new Set<string>();
    const seen = new Set<number>();
    const climb = (synset: Synset, depth: number) => {
      if (depth > MAX_BROADER_DEPTH || seen.has(synset.offset)) return;
      seen.add(synset.offset);
      for (const pointer of synset.pointers) {
        if (pointer.symbol !== '@' && pointer.symbol !== '@i') continue;
        const parent = this.#files.synset('noun', pointer.offset);
        parent.words.forEach((w) => found.add(w.replaceAll('_', ' ')));
        climb(parent, depth + 1);
      }
    };
    for (const base of this.#baseForms(lower, 'noun')) {
      for (const offset of this.#files.lookup(base, 'noun')!.synsets.slice(0, SENSES_READ.noun)) climb(this.#files.synset('noun', offset), 0);
    }
    const terms = [...found];
    this.#broader.set(key, terms);
    return terms;
  }

  related(word: string, wordClass?: WordClass): readonly RelatedWord[] {
    const lower = word.toLowerCase();
    const key = `${lower}|${wordClass ?? ''}`;
    const cached = this.#related.get(key);
    if (cached) return cached;
    const found = new Map<string, Relation>();
    const own = stemmer(lower);
    const add = (lemma: string, relation: Relation) => {
      // Multi-word lemmas ("put_behind_bars") are phrases, not words a sentence's stems can match.
      if (lemma.includes('_') || lemma.includes('.')) return;
      const stem = stemmer(lemma);
      if (stem === own) return;
      const known = found.get(stem);
      if (!known || RELATION_ORDER.indexOf(relation) < RELATION_ORDER.indexOf(known)) found.set(stem, relation);
    };
    for (const pos of wordClass ? [POS_OF_CLASS[wordClass]] : PARTS_OF_SPEECH) {
      for (const base of this.#baseForms(lower, pos)) {
        const entry = this.#files.lookup(base, pos)!;
        for (const offset of entry.synsets.slice(0, SENSES_READ[pos])) this.#relate(this.#files.synset(pos, offset), base, add);
      }
    }
    const related = [...found].map(([stem, relation]) => ({ stem, relation }));
    this.#related.set(key, related);
    return related;
  }

  close(): void {
    this.#files.close();
  }

  #relate(synset: Synset, base: string, add: (lemma: string, relation: Relation) => void): void {
    const self = synset.words.indexOf(base) + 1;
    for (const word of synset.words) add(word, 'synonym');
    let narrower = 0;
    for (const pointer of synset.pointers) {
      // A lexical pointer links one word of the synset to one word of another; only ours count.
      if (pointer.source !== 0 && pointer.source !== self) continue;
      const target = () => this.#files.synset(pointer.pos, pointer.offset);
      const targetWords = () => (pointer.target ? [target().words[pointer.target - 1]!] : target().words);
      switch (pointer.symbol) {
        case '+': // derivationally related form
        case '\\': // pertainym (adjective from a noun)
          targetWords().forEach((w) => add(w, 'derivation'));
          break;
        case '&': // similar adjective
        case '$': // verb group
          targetWords().forEach((w) => add(w, 'similar'));
          break;
        case '@':
        case '@i':
          targetWords().forEach((w) => add(w, 'broader'));
          break;
        case '~':
        case '~i':
          if (narrower++ < MAX_NARROWER) targetWords().forEach((w) => add(w, 'narrower'));
          break;
      }
    }
  }

  /** The word's base forms in this part of speech that WordNet lists: itself, or it with an inflection removed. */
  #baseForms(word: string, pos: PartOfSpeech): string[] {
    const lemma = word.replace(/\s+/g, '_');
    const forms = new Set([lemma]);
    for (const [ending, replacement] of DETACHMENTS[pos]) {
      if (lemma.endsWith(ending) && lemma.length > ending.length + 1) forms.add(lemma.slice(0, -ending.length) + replacement);
    }
    return [...forms].filter((form) => this.#files.lookup(form, pos) !== undefined);
  }
}
