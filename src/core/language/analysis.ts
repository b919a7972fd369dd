// What a language analyser says about a piece of text: its words with their parts of speech and negation, and the
// typed expressions in it (dates, durations, money, percentages, counts, names). Offsets are into the text analysed.

export type PartOfSpeech =
  | 'ADJ' | 'ADP' | 'ADV' | 'AUX' | 'CCONJ' | 'DET' | 'INTJ' | 'NOUN' | 'NUM' | 'PART' | 'PRON' | 'PROPN' | 'PUNCT' | 'SCONJ' | 'SYM' | 'VERB' | 'X' | 'SPACE';

export type TokenKind = 'word' | 'number' | 'currency' | 'symbol' | 'punctuation' | 'other';

export interface Token {
  text: string;
  start: number;
  end: number;
  pos: PartOfSpeech;
  kind: TokenKind;
  /** Lemma as the analyser gives it ("providers" -> "provider"). */
  lemma: string;
  /** Inside the scope of a negation ("may not issue"). */
  negated: boolean;
}

export type ExpressionType = 'date' | 'time' | 'duration' | 'money' | 'percent' | 'count' | 'ordinal' | 'name';

export interface Expression {
  type: ExpressionType;
  start: number;
  end: number;
  text: string;
}

export interface Analysis {
  tokens: Token[];
  expressions: Expression[];
}

export interface TextAnalyzer {
  analyse(text: string): Analysis;
}

/** The expressions of `type` in an analysis. */
export const expressionsOf = (analysis: Analysis, ...types: ExpressionType[]): Expression[] =>
  analysis.expressions.filter((e) => types.includes(e.type));
