// How well each candidate sentence answers the question: weighted term coverage, word pairs, answer-type cues and the hit's rank.
import { carriesAnswerType, countryNamed, namesNewCountry } from './answer-type.js';
import type { Candidate, Clause } from './candidates.js';
import type { QueryTerm, QuestionAnalysis } from './question.js';

/** Weight of a question term found only in the sentence a pronoun points back to. */
export const CONTEXT_WEIGHT = 0.5;
/** Bonus per question word pair found side by side ("online safety"): phrases are stronger evidence than scattered words. */
export const BIGRAM_BONUS = 0.08;
/** Cap on the word-pair bonus, so long phrases do not drown coverage. */
export const MAX_BIGRAM_BONUS = 0.2;
/** Bonus for carrying the kind of answer asked for (an amount for "how much", a name for "who"). */
export const ANSWER_TYPE_BONUS = 0.15;
/** Share of the score taken by the hit's fused rank: retrieval knows the passage as a whole, the sentence score only words. */
export const RANK_PRIOR_WEIGHT = 0.2;
/** Extra weight of a named thing in the question: what it is about matters more than how it is phrased. */
export const ENTITY_WEIGHT = 1.5;
/** A name mentioned in at least this share of the retrieved documents is their shared context ("UK", "Ofcom"), not what the question singles out. */
export const CONTEXT_ENTITY_SHARE = 0.75;
/** Weight of a country the question narrows to ("the UK's regime"): the jurisdiction check keeps to it, so naming it again is not evidence of an answer. */
export const COUNTRY_MODIFIER_WEIGHT = 0.25;
/** Factor for a quotation with no speaker named: it rarely stands on its own. */
export const UNATTRIBUTED_QUOTE_FACTOR = 0.8;

export interface ScoredCandidate {
  candidate: Candidate;
  /** Weighted share of the question's terms the sentence covers, 0..1. */
  coverage: number;
  /** The same share over only the terms some retrieved sentence has: paraphrased wording no source uses is left out. */
  focus: number;
  /** Share of the question's named things the sentence mentions (itself or through a pronoun); 1 when it names none. */
  entityCoverage: number;
  /** Matches at least one of the question's terms that is not a name ("block" in "Can Ofcom block X?"); true when all are names. */
  matchesPredicate: boolean;
  /** Carries the kind of answer asked for (an amount, a date, a name, an attributed statement). */
  carriesAnswerType: boolean;
  /** Carries it in a clause that names every named thing of the question and one of its other terms: the figure is about what was asked. */
  answersInClause: boolean;
  /** Coverage plus bonuses, times the rank prior and penalties: what selection ranks by. */
  relevance: number;
}

/** Scores citable candidates; term weights are IDF over the candidates, so a word every sentence has counts little. */
export function scoreCandidates(question: QuestionAnalysis, candidates: readonly Candidate[]): ScoredCandidate[] {
  const citable = candidates.filter((c) => c.citable);
  const weights = termWeights(question.terms, citable);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const attainable = question.terms.map((term) => citable.some((c) => termMatch(term, c) > 0));
  const attainableTotal = weights.reduce((sum, w, i) => sum + (attainable[i] ? w : 0), 0);
  const predicate = question.terms.filter((t) => !t.entity);
  const required = requiredEntities(question, citable);
  return citable.map((candidate) => {
    const covered = question.terms.reduce((sum, term, i) => sum + weights[i]! * termMatch(term, candidate), 0);
    const coverage = total > 0 ? covered / total : 0;
    const typed = carriesType(question, candidate);
    const bonus = coverage > 0 ? bigramBonus(question.bigrams, candidate.sequence) + (typed ? ANSWER_TYPE_BONUS : 0) : 0;
    const prior = 1 - RANK_PRIOR_WEIGHT + RANK_PRIOR_WEIGHT / (1 + candidate.hitRank);
    const quoteFactor = candidate.unattributedQuote && question.answerType !== 'statement' ? UNATTRIBUTED_QUOTE_FACTOR : 1;
    // In "what did X say", the verb is the answer type, not a topic: any sentence about X may carry what X said.
    const matchesPredicate = predicate.length === 0 || question.answerType === 'statement' || predicate.some((t) => termMatch(t, candidate) > 0);
    return {
      candidate,
      coverage,
      focus: attainableTotal > 0 ? covered / attainableTotal : 0,
      entityCoverage: entityShare(required, candidate),
      matchesPredicate,
      carriesAnswerType: typed,
      answersInClause: typed && candidate.clauses.some((clause, i) => clauseAnswers(question, required, candidate, clause, i === 0)),
      relevance: (coverage + bonus) * prior * quoteFactor,
    };
  });
}

/**
 * The weighted share of the question's terms that any candidate carries at all. Low when the sources never use most
 * of the question's words ("the boiling point of liquid nitrogen" against articles that only say "a point"), which
 * per-sentence focus cannot see because it counts only attainable terms.
 */
export function attainableShare(question: QuestionAnalysis, candidates: readonly Candidate[]): number {
  const citable = candidates.filter((c) => c.citable);
  const weights = termWeights(question.terms, citable);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const attainable = weights.reduce((sum, w, i) => sum + (citable.some((c) => termMatch(question.terms[i]!, c) > 0) ? w : 0), 0);
  return total > 0 ? attainable / total : 0;
}

/** How strongly a sentence carries a term: 1 for the term, less for a synonym or for the sentence a pronoun points to. */
export function termMatch(term: QueryTerm, candidate: Candidate): number {
  let best = 0;
  for (const { stem, weight } of term.expansions) {
    if (candidate.stems.has(stem)) best = Math.max(best, weight);
    else if (candidate.inherited.has(stem)) best = Math.max(best, weight * CONTEXT_WEIGHT);
  }
  return best;
}

/**
 * The names a sentence must mention to be about what was asked: possessive modifiers ("Musk's network") only narrow,
 * and names most retrieved documents mention are the setting ("UK", "Ofcom"), not the subject.
 */
function requiredEntities(question: QuestionAnalysis, candidates: readonly Candidate[]): QueryTerm[] {
  const documents = new Set(candidates.map((c) => c.hit.document.id));
  return question.terms.filter((term) => {
    if (!term.entity || term.modifier) return false;
    const mentioning = new Set(candidates.filter((c) => termMatch(term, c) > 0).map((c) => c.hit.document.id));
    return documents.size < 2 || mentioning.size < CONTEXT_ENTITY_SHARE * documents.size;
  });
}

/** Smoothed IDF of each term over the candidate sentences (a term no sentence has weighs most), names weighted up. */
function termWeights(terms: readonly QueryTerm[], candidates: readonly Candidate[]): number[] {
  const n = candidates.length;
  return terms.map((term) => {
    const df = candidates.filter((c) => term.expansions.some(({ stem }) => c.stems.has(stem))).length;
    return Math.log(1 + (n + 1) / (df + 0.5)) * (term.entity && !term.modifier ? ENTITY_WEIGHT : term.modifier && countryNamed(term.raw) ? COUNTRY_MODIFIER_WEIGHT : 1);
  });
}

function bigramBonus(bigrams: readonly [string, string][], sequence: readonly string[]): number {
  let bonus = 0;
  for (const [a, b] of bigrams) {
    for (let i = 0; i + 1 < sequence.length; i++) {
      if (sequence[i] === a && (sequence[i + 1] === b || sequence[i + 2] === b)) {
        bonus += BIGRAM_BONUS;
        break;
      }
    }
  }
  return Math.min(bonus, MAX_BIGRAM_BONUS);
}

function entityShare(entities: readonly QueryTerm[], candidate: Candidate): number {
  if (entities.length === 0) return 1;
  return entities.filter((t) => termMatch(t, candidate) > 0).length / entities.length;
}

function carriesType(question: QuestionAnalysis, candidate: Candidate): boolean {
  const { answerType } = question;
  if (answerType === 'place') return namesNewCountry(candidate.words, new Set(question.terms.map((t) => t.stem)));
  if (answerType === 'person') return newFullName(question, candidate);
  return carriesAnswerType(answerType, candidate.text);
}

/** A clause carrying the answer type that names all the question's required names and one of its other terms. */
function clauseAnswers(question: QuestionAnalysis, required: readonly QueryTerm[], candidate: Candidate, clause: Clause, first: boolean): boolean {
  const text = candidate.text.slice(clause.start, clause.end);
  if (question.answerType !== 'person' && question.answerType !== 'place' && !carriesAnswerType(question.answerType, text)) return false;
  // The first clause may lean on the sentence before it through a pronoun.
  const has = (term: QueryTerm) => term.expansions.some(({ stem }) => clause.stems.has(stem) || (first && candidate.inherited.has(stem)));
  // Names the sentence mentions elsewhere but not beside the figure: the figure is about something else ("…into X, and a £950,000 penalty on a forum").
  const elsewhere = question.terms.some((t) => t.entity && !t.modifier && !has(t) && termMatch(t, candidate) > 0);
  const named = required.every(has) && !elsewhere;
  const predicate = question.terms.filter((t) => !t.entity);
  return named && (predicate.length === 0 || predicate.some(has));
}

/** Two capitalised words in a row that the question does not mention ("Imran Ahmed"): a candidate answer to "who". */
function newFullName(question: QuestionAnalysis, candidate: Candidate): boolean {
  const asked = new Set(question.terms.map((t) => t.stem));
  const named = (w: Candidate['words'][number] | undefined) => w !== undefined && w.capitalised && !w.stop && !w.part && !asked.has(w.stem);
  return candidate.words.some((word, i) => named(word) && named(candidate.words[i + 1]));
}
