// What the answerer knows of English words beyond their spelling: which words may stand in for a word (synonyms,
// derived forms, broader and narrower terms) and whether a word is English at all (for spelling correction).
// The Node runtime reads WordNet (adapter/node/wordnet); a runtime without it passes no lexicon and matches words
// by their stems alone.

export type WordClass = 'noun' | 'verb' | 'adjective' | 'adverb';

export type Relation = 'synonym' | 'derivation' | 'broader' | 'narrower' | 'similar';

/** A word that may stand in for another, as a Porter stem (the form sentences are matched in), with how it relates. */
export interface RelatedWord {
  stem: string;
  relation: Relation;
}

export interface Lexicon {
  /** Words related to `word` in its commonest senses, optionally of one word class; never includes the word itself. */
  related(word: string, wordClass?: WordClass): readonly RelatedWord[];
  /** Whether `word` (any inflection) is an English word the lexicon knows: unknown words are candidates for correction. */
  knows(word: string): boolean;
  /** Every broader class of the noun `word` in its commonest senses ("tribunal" -> "court", …, "organization"), lower case. */
  broaderTerms(word: string): readonly string[];
}
