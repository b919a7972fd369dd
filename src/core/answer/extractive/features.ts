// What a candidate sentence has for the question, as numbers: how much of the question it covers (by the word, by a
// related word, or only through what stands above it), whether it names what the question names, whether it carries
// the kind of answer asked for, and where it stands. The ranker weighs them with weights fitted on the dev split.
import type { ExpressionType } from '../../language/analysis.js';
import type { Relation } from '../../language/lexicon.js';
import { type Candidate, clauseHolds, contentStemSet } from './candidates.js';
import { stemsOf } from './terms.js';
import { asksTerm, type NamePhrase, namesReference, type QueryTerm, type QuestionFrame } from './question.js';

export const FEATURES = [
  'coverExact',
  'coverNear',
  'coverFar',
  'coverContext',
  'namesInSentence',
  'namesInContext',
  'modifiersInContext',
  'typeInSentence',
  'typeInClause',
  'focusInSentence',
  'bigrams',
  'rank',
  'retrieved',
  'firstInBlock',
  'listItem',
  'leadIn',
  'unattributedQuote',
  'dangling',
  'statesUnknown',
  'short',
  'powersCard',
  'verbInSentence',
] as const;
export type FeatureName = (typeof FEATURES)[number];
export type Features = Record<FeatureName, number>;

// A clause whose subject is a pronoun ("…, and added *she* expected an update in days") speaks of the name that
// opens the sentence (within its first words: "Ms Vera Lind said…").
const PERSONAL_PRONOUN = /\b(?:he|she|it|they)\b/i;
const SUBJECT_WORDS = 4;

/** How strongly a related word stands in for the word asked: near (same sense) or far (a broader or narrower sense). */
export const NEAR: ReadonlySet<Relation> = new Set(['synonym', 'derivation', 'similar']);
const BIGRAM_STEP = 0.25;

/** How a sentence carries a term: in its words, by a related word, only in its context, or not at all. */
export type Match = 'exact' | 'near' | 'far' | 'context' | 'none';

export interface Evidence {
  candidate: Candidate;
  features: Features;
  /** Per question term, how the sentence carries it. */
  matches: Match[];
  /** Every name the question requires is in the sentence or above it. */
  namesBound: boolean;
  /** Carries an expression of the asked type (always true when the question asks for no type). */
  typed: boolean;
  /** Carries it in a clause about what was asked (see typeInClause). */
  typedInClause: boolean;
}

export interface EvidenceOptions {
  /** Stems a misspelt question word is read as, by the word ("gatekeper" -> ["gatekeep"]). */
  corrections?: ReadonlyMap<string, readonly string[]>;
  /** Sentences (`docId:start`) a powers card quotes for what the question asks of it. */
  cardQuotes?: ReadonlySet<string>;
  /** Whether a candidate is read in the country the question names: its page may name that country once, or never. */
  inJurisdiction?: (candidate: Candidate) => boolean;
}

/** Features of every citable candidate; term weights are IDF over the candidates, so a word every sentence has counts little. */
export function gatherEvidence(question: QuestionFrame, candidates: readonly Candidate[], options: EvidenceOptions = {}): Evidence[] {
  const citable = candidates.filter((c) => c.citable);
  const terms = question.terms.map((term) => withCorrections(term, options.corrections));
  // Coverage is of what the question says about its names; whether the names hold is measured apart.
  // Nor is the setting ("…under the UK online safety regime"), when the question asks anything else.
  const weights = termWeights(terms, citable).map((w, i) => (asksTerm(terms[i]!, terms) ? w : 0));
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  // The question's own verbs (not carried from the last turn): the act it asks about.
  const verbs = terms.map((t, i) => (t.verb && !t.name && !t.carried ? i : -1)).filter((i) => i !== -1);
  // A country named in a question asking which country ("Which countries share the UK's concerns?") is not the answer's.
  const required = question.names.filter((n) => !n.modifier && !n.compound && !(n.country && asksForCountry(question)));
  const modifiers = question.names.filter((n) => n.modifier || n.compound);
  const types = question.expressionTypes;
  const predicate = terms.filter((t) => !t.name);
  // "How many *users*…" is answered by a number of users, not by any number in a clause that mentions them.
  const counted = countedNoun(question, terms);
  // A name every sentence carries is the setting ("Ofcom" in Ofcom's explainers); a rare one is what is asked about.
  const nameWeights = new Map(required.map((n) => [n, Math.log(1 + (citable.length + 1) / (citable.filter((c) => nameIn(n, c.stems)).length + 0.5))]));
  return citable.map((candidate) => {
    const matches = terms.map((term) => matchOf(term, candidate));
    const share = (kind: Match) => matches.reduce((sum, m, i) => sum + (m === kind ? weights[i]! : 0), 0) / total;
    const namesInSentence = weightedShare(required, nameWeights, (n) => nameIn(n, candidate.stems));
    // A country is in a sentence's context when the sentence is read in it ("…under the UK online safety regime" of a
    // page on the Online Safety Act that never writes "UK").
    const namesInContext = fraction(
      required,
      (n) => nameIn(n, candidate.stems) || nameIn(n, candidate.context) || nameIn(n, candidate.inherited) || (n.country && options.inJurisdiction?.(candidate)) === true,
    );
    const typeInSentence = carriesType(question, candidate);
    // The sentence's subject, which a later clause's pronoun stands for ("Vera Lind said…, and added she expected…").
    const opening = new Set(candidate.words.slice(0, SUBJECT_WORDS).map((w) => w.stem));
    // The figure is about what was asked: its clause has one of the question's other words, and every asked name the
    // sentence mentions ("…into Zeta, and a £950,000 penalty on a forum": the figure's clause does not name Zeta).
    const typeInClause =
      typeInSentence &&
      types.length > 0 &&
      candidate.clauses.some(
        (clause) =>
          clauseHolds(candidate, clause, types) &&
          (counted === undefined || countsNoun(candidate, clause, counted)) &&
          (predicate.length === 0 || predicate.some((t) => stemIn(t, clause.stems) || t.related.some((r) => clause.stems.has(r.stem)))) &&
          required.every((n) => !nameIn(n, candidate.stems) || nameIn(n, clause.stems) || (PERSONAL_PRONOUN.test(candidate.text.slice(clause.start, clause.end)) && nameIn(n, opening))),
      );
    const features: Features = {
      coverExact: share('exact'),
      coverNear: share('near'),
      coverFar: share('far'),
      coverContext: share('context'),
      namesInSentence,
      namesInContext,
      modifiersInContext: fraction(modifiers, (n) => nameIn(n, candidate.stems) || nameIn(n, candidate.context)),
      typeInSentence: typeInSentence ? 1 : 0,
      typeInClause: typeInClause ? 1 : 0,
      focusInSentence: terms.some((t, i) => t.focus && matches[i] !== 'none' && matches[i] !== 'context') ? 1 : 0,
      bigrams: Math.min(1, bigramHits(question.bigrams, candidate.sequence) * BIGRAM_STEP),
      rank: 1 / (1 + candidate.hitRank),
      retrieved: candidate.retrieved ? 1 : 0,
      firstInBlock: candidate.positionInBlock === 0 ? 1 : 0,
      listItem: candidate.kind === 'item' ? 1 : 0,
      leadIn: candidate.items.length > 0 ? 1 : 0,
      unattributedQuote: candidate.unattributedQuote && question.answerType !== 'statement' ? 1 : 0,
      dangling: candidate.leansOn === undefined && /^(?:\W*)(?:it|they|this|these|he|she)\b/i.test(candidate.text) ? 1 : 0,
      statesUnknown: candidate.statesUnknown ? 1 : 0,
      short: Math.max(0, 1 - candidate.wordCount / 12),
      powersCard: options.cardQuotes?.has(candidate.key) ? 1 : 0,
      verbInSentence: verbs.some((i) => matches[i] === 'exact' || matches[i] === 'near') ? 1 : 0,
    };
    return {
      candidate,
      features,
      matches,
      namesBound: namesInContext === 1,
      typed: !TYPED.has(question.answerType) || typeInSentence,
      typedInClause: types.length === 0 ? typeInSentence || !TYPED.has(question.answerType) : typeInClause,
    };
  });
}

/** "Which country…", "which nations…": the answer is a country, so the countries the question names are not where it holds. */
export const asksForCountry = (question: Pick<QuestionFrame, 'answerType' | 'focusIsAnswer'>): boolean => question.answerType === 'place' && question.focusIsAnswer;

/** Words a count may be followed by before the noun it counts: "45 million or more monthly active end users". */
const COUNTED_WINDOW = 6;

/** The stems of the noun a "how many" question counts (and its near and narrower words), when it names one. */
function countedNoun(question: QuestionFrame, terms: readonly QueryTerm[]): Set<string> | undefined {
  if (question.answerType !== 'count') return undefined;
  const focus = terms.find((t) => t.focus && !t.name);
  if (!focus) return undefined;
  return new Set([...focus.stems, ...focus.related.filter((r) => NEAR.has(r.relation) || r.relation === 'narrower').map((r) => r.stem)]);
}

/**
 * Whether a count in the clause counts the noun: the noun follows it within a few words ("seven gatekeepers", "45
 * million monthly active end users"), or the clause says "the number of" the noun. "Three conditions" counts no users.
 */
function countsNoun(candidate: Candidate, clause: { start: number; end: number }, noun: ReadonlySet<string>): boolean {
  const inClause = candidate.words.filter((w) => w.index >= clause.start && w.index < clause.end);
  return candidate.expressions.some((e) => {
    if ((e.type !== 'count' && e.type !== 'percent') || e.start < clause.start || e.end > clause.end) return false;
    // "shared by one user" uses "one" as "a": the word is as often a determiner as a number.
    if (/^one$/i.test(candidate.text.slice(e.start, e.end))) return false;
    const after = inClause.filter((w) => w.index >= e.end).slice(0, COUNTED_WINDOW);
    if (after.some((w) => noun.has(w.stem))) return true;
    return inClause.some((w, i) => w.index < e.start && noun.has(w.stem) && /^numbers?$/i.test(inClause[i - 2]?.raw ?? '') && /^of$/i.test(inClause[i - 1]?.raw ?? ''));
  });
}

function withCorrections(term: QueryTerm, corrections?: ReadonlyMap<string, readonly string[]>): QueryTerm {
  const corrected = corrections?.get(term.raw.toLowerCase());
  return corrected ? { ...term, stems: [...term.stems, ...corrected] } : term;
}

function weightedShare<T>(items: readonly T[], weights: ReadonlyMap<T, number>, test: (item: T) => boolean): number {
  const total = items.reduce((sum, item) => sum + (weights.get(item) ?? 0), 0);
  return total > 0 ? items.reduce((sum, item) => sum + (test(item) ? (weights.get(item) ?? 0) : 0), 0) / total : 1;
}

const fraction = <T>(items: readonly T[], test: (item: T) => boolean): number => (items.length ? items.filter(test).length / items.length : 1);

const stemIn = (term: Pick<QueryTerm, 'stems'>, stems: ReadonlySet<string>): boolean => term.stems.some((s) => stems.has(s));

/** A name is mentioned by all its content words, by its initials, or (for an acronym) by the words it abbreviates. */
export function nameIn(name: NamePhrase, stems: ReadonlySet<string>): boolean {
  return name.stems.every((s) => stems.has(s)) || (name.initials !== undefined && stems.has(name.initials)) || name.alternatives.some((s) => stems.has(s));
}

function matchOf(term: QueryTerm, candidate: Candidate): Match {
  if (stemIn(term, candidate.stems)) return 'exact';
  let best: Match = 'none';
  for (const related of term.related) {
    if (!candidate.stems.has(related.stem)) continue;
    if (NEAR.has(related.relation)) return 'near';
    best = 'far';
  }
  if (best !== 'none') return best;
  if (stemIn(term, candidate.context) || stemIn(term, candidate.inherited)) return 'context';
  return 'none';
}

/** Smoothed IDF of each term over the candidate sentences (a term no sentence has weighs most). */
function termWeights(terms: readonly QueryTerm[], candidates: readonly Candidate[]): number[] {
  const n = candidates.length;
  return terms.map((term) => {
    const df = candidates.filter((c) => stemIn(term, c.stems)).length;
    return Math.log(1 + (n + 1) / (df + 0.5));
  });
}

function bigramHits(bigrams: readonly [string, string][], sequence: readonly string[]): number {
  let hits = 0;
  for (const [a, b] of bigrams) {
    for (let i = 0; i + 1 < sequence.length; i++) {
      if (sequence[i] === a && (sequence[i + 1] === b || sequence[i + 2] === b)) {
        hits++;
        break;
      }
    }
  }
  return hits;
}

// Questions whose answer is a kind of thing a sentence either holds or not: a figure, a date, a name, a statement.
const TYPED: ReadonlySet<QuestionFrame['answerType']> = new Set(['amount', 'quantity', 'count', 'date', 'duration', 'who', 'place', 'statement', 'reference']);
// Someone speaking: a verb of saying, or a quotation.
const ATTRIBUTION = /\b(?:said|says|told|wrote|added|posted|claimed|stated|called|described|warned|branded|accused)\b|[“"]/i;

// How English gives a reason: "fined *for failing* to…", "*because*…", "*over* its…", "*due to*…".
const REASON = /\b(?:because|since|due to|owing to|as a result of|for \p{L}+ing|over (?:its|their|the|a|an)\b)/iu;

/** Whether a sentence gives a reason ("…fined for failing to answer"): what "…, and for what?" asks of a second part. */
export const givesReason = (candidate: Candidate): boolean => REASON.test(candidate.text);

/** Whether a sentence holds the kind of answer asked for: an expression of the asked type, a new name for "who", a country for "where". */
export function carriesType(question: Pick<QuestionFrame, 'answerType' | 'expressionTypes' | 'names' | 'terms'>, candidate: Candidate): boolean {
  if (question.expressionTypes.length) return candidate.expressions.some((e) => question.expressionTypes.includes(e.type));
  const asked = new Set([...question.names.flatMap((n) => n.stems), ...question.terms.flatMap((t) => t.stems)]);
  const newNames = candidate.expressions.filter(
    (e) => e.type === 'name' && ![...contentStemSet(e.text)].every((s) => asked.has(s)) && !SOURCE_BEFORE.test(candidate.text.slice(Math.max(0, e.start - 40), e.start)),
  );
  switch (question.answerType) {
    case 'who':
      return newNames.length > 0 || WHO_NOUNS.some((s) => candidate.stems.has(s) && !asked.has(s));
    case 'place':
      // "Where do appeals go?" is answered by a body as often as by a country.
      return newNames.length > 0;
    case 'statement':
      return ATTRIBUTION.test(candidate.text);
    case 'reference':
      // A law or a part of one: a new name with a word of law in it ("the Crime and Policing Bill"), or a number after
      // one ("section 144", "Article 83").
      return (
        newNames.some((e) => e.text.split(/\s+/).some(namesReference)) ||
        [...candidate.text.matchAll(WORD_BEFORE_NUMBER)].some((m) => namesReference(m[1]!))
      );
    default:
      return false;
  }
}

// A word and the number after it: "section 144", "Article 46(1)".
const WORD_BEFORE_NUMBER = /(\p{L}+)\s+\d/gu;

// "According to the law firm Zeta, …": the name says where the sentence comes from, not who or where the answer is.
const SOURCE_BEFORE = /\baccording to\b[^,;:]*$/i;

// Bodies that decide things, named by a common noun ("a court", "the tribunal"): an answer to "who decides".
const WHO_NOUNS = ['court', 'tribunal', 'judg', 'committe', 'commiss', 'regul', 'minist', 'govern', 'parliament', 'author'];

/**
 * The share of the question's words (names aside) that some candidate carries, by the word or a related one, in its
 * text or its context: low when the sources never use most of what the question asks about. Each word counts once:
 * weighting by rarity would make every word no source has count most, and one paraphrase would sink a question.
 */
export function attainableShare(question: QuestionFrame, candidates: readonly Candidate[], corrections?: ReadonlyMap<string, readonly string[]>): number {
  const citable = candidates.filter((c) => c.citable);
  const terms = question.terms.map((term) => withCorrections(term, corrections)).filter((t) => !t.name);
  if (terms.length === 0) return 1;
  // A word's broader term ('penalty' for 'fine', but also 'change' for 'boiling', 'state' for 'liquid') is in many texts
  // that are not about the word: half the evidence the word itself or a near form is.
  const attained = (term: QueryTerm): number => {
    let best = 0;
    for (const c of citable) {
      const match = matchOf(term, c);
      if (match === 'far') best = Math.max(best, stemIn(term, c.context) || stemIn(term, c.inherited) ? 1 : 0.5);
      else if (match !== 'none') return 1;
    }
    return best;
  };
  return terms.reduce((sum, term) => sum + attained(term), 0) / terms.length;
}

/** Whether any candidate carries an expression of one of the types (e.g. none says a date: "when" cannot be answered). */
export const anyTyped = (candidates: readonly Candidate[], types: readonly ExpressionType[]): boolean =>
  candidates.some((c) => c.expressions.some((e) => types.includes(e.type)));

/**
 * A role the question asks about that the sentence gives to someone else: "X's chief executive" or "the chief
 * executive of X" answers "who leads Ofcom?" about X, not Ofcom. Read from the possessive or the "of/at" phrase beside
 * the role word, so a role and its organisation stay bound together.
 */
export function roleOwnedByOther(question: QuestionFrame, candidate: Candidate, describedAs: (name: string, noun: string) => boolean = () => false): boolean {
  // Whose role is asked: the question's names and any word it makes possessive ("the regulator's chief executive").
  const owners = [...question.text.matchAll(/(\p{L}+)['’]s\b/gu)].map((m) => m[1]!);
  if (question.names.length === 0 && owners.length === 0) return false;
  const asked = new Set([...question.names.flatMap((n) => [...n.stems, ...(n.initials ? [n.initials] : []), ...n.alternatives]), ...owners.flatMap((o) => stemsOf(o))]);
  const roles = new Set(question.terms.filter((t) => !t.name).flatMap((t) => t.stems));
  const names = candidate.expressions.filter((e) => e.type === 'name');
  const text = candidate.text;
  return candidate.words.some((word) => {
    if (!roles.has(word.stem)) return false;
    const owner = names.find((e) => {
      const before = text.slice(e.end, word.index);
      const after = text.slice(word.index + word.raw.length, e.start);
      // "X's chief executive", "X’s head" ; "head of X", "chief executive at X"
      return (e.end <= word.index && /^['’]s\s+(?:\p{L}+\s+){0,2}$/u.test(before)) || (e.start > word.index && /^\s+(?:of|at)\s+(?:the\s+)?$/i.test(after));
    });
    if (!owner) return false;
    // A question may name the owner by what it is ("the message board's penalty" for 4chan's, which the sources call
    // "the message board 4chan").
    return ![...contentStemSet(owner.text)].some((s) => asked.has(s)) && !owners.some((noun) => describedAs(owner.text, noun));
  });
}
