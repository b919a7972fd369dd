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
  /** A time counted from the time of writing ("within days"): it answers "when", less exactly than a date does. */
  relative?: boolean;
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

// The past forms of English's primary auxiliaries: "was fined", "were blocked", "had paid", "did fine".
const PAST_AUXILIARIES = new Set(['was', 'were', 'had', 'did']);
// A participle after these is a present or possible state ("are capped", "can be fined"), not a reported event.
const PRESENT_BE = new Set(['is', 'are', 'am', 'be', 'being', "'s", "'re"]);

/**
 * Reports something that happened: a past auxiliary, or a verb inflected away from its lemma, not to "-s" or
 * "-ing" (a past form: "fined", "imposed", "paid") that no present "be" governs. "Ofcom's fines are capped at…" states
 * a rule; "Ofcom fined 4chan…" and "Ofcom has fined…" report an event.
 */
export function reportsPast(tokens: readonly Token[]): boolean {
  return tokens.some((token, i) => {
    const form = token.text.toLowerCase();
    if (token.pos === 'AUX' || token.pos === 'VERB') {
      if (PAST_AUXILIARIES.has(form)) return true;
      if (token.pos === 'AUX') return false;
      // No English past form ends in "-s" ("was" aside): "has", "goes", "fines" are present.
      if (form === token.lemma.toLowerCase() || form.endsWith('s') || form.endsWith('ing')) return false;
      const governing = tokens.slice(Math.max(0, i - 3), i).findLast((t) => t.pos === 'AUX');
      return !governing || !PRESENT_BE.has(governing.text.toLowerCase());
    }
    return false;
  });
}
