// Deciding what to say: the lead must carry the kind of answer asked for, about what the question names, with the
// names bound in the sentence or in what stands above it; then at most two sentences that add to it, a list the lead
// announces, or the other side of a comparison. Without such a lead, the answer is that the sources don't say.
import type { ExpressionType } from '../../language/analysis.js';
import type { Lexicon } from '../../language/lexicon.js';
import { escapeRegExp } from '../../text/regexp.js';
import type { Span } from '../../text/sentences.js';
import { type Candidate, contentStemSet } from './candidates.js';
import { stemsOf, type Word } from './terms.js';
import { asksForCountry, attainableShare, carriesType, type Evidence, gatherEvidence, givesReason, type Match, NEAR, nameIn, roleOwnedByOther } from './features.js';
import { asksTerm, type NamePhrase, type QueryTerm, type QuestionFrame, smallNumber } from './question.js';
import type { Power } from '../../powers/schema.js';
import { askedCountries, countryOf, jurisdictionTest } from './jurisdiction.js';
import { cardQuotes } from './powers-evidence.js';
import { type RankerWeights, relevanceOf } from './ranker.js';
import { spellingCorrections } from './spelling.js';

/** Statements in an answer at most: the lead and two that qualify it (a comparison has one per side). */
export const MAX_STATEMENTS = 3;
/** Word budget of an answer; the lead is always allowed, however long. */
export const MAX_ANSWER_WORDS = 110;
/** Share of a shorter sentence's content words found in a chosen one above which it only repeats it. */
export const REDUNDANT_OVERLAP = 0.6;
/** Items of an announced list quoted at most. */
export const MAX_ITEMS = 10;

// Later parts that ask for something a sentence either holds or not.
const TYPED_PARTS: ReadonlySet<string> = new Set(['amount', 'quantity', 'count', 'date', 'duration', 'who', 'place', 'reference', 'reason']);

export type AbstainReason =
  | 'instructions_only'
  | 'no_sentences'
  | 'missing_name'
  | 'unbound'
  | 'no_answer_type'
  | 'low_coverage'
  | 'low_confidence'
  | 'stated_unknown'
  | 'other_jurisdiction'
  | 'off_topic';

export interface RankedEvidence extends Evidence {
  relevance: number;
}

export type Statement =
  | { kind: 'sentence'; evidence: RankedEvidence }
  /** A sentence that announces a list, and the items that follow it in its document. */
  | { kind: 'list'; evidence: RankedEvidence; items: Span; text: string };

export interface ExtractivePlan {
  question: QuestionFrame;
  evidence: RankedEvidence[];
  statements: Statement[];
  abstainReason?: AbstainReason;
  /** Names the question uses that no retrieved sentence or its context mentions. */
  missingNames: string[];
}

export interface PlanOptions {
  lexicon?: Lexicon;
  /** The powers table: the sentences its cards quote for what is asked are marked as such. */
  powers?: readonly Power[];
  ranker: RankerWeights;
  /** Whole document texts by id: list items are quoted from them. */
  documents: ReadonlyMap<string, string>;
  /** Said in the conversation's last answer: a follow-up leads with something else where it can. */
  said?: (sentence: string) => boolean;
}

export function planStatements(question: QuestionFrame, candidates: readonly Candidate[], options: PlanOptions): ExtractivePlan {
  const corrections = spellingCorrections(question.terms, candidates, options.lexicon);
  const quotes = new Set(cardQuotes(question, options.powers ?? []).map((q) => `${q.docId}:${q.start}`));
  const inJurisdiction = jurisdictionTest(asksForCountry(question) ? [] : askedCountries(question.names, options.lexicon), options.documents, options.lexicon);
  const evidence = gatherEvidence(question, candidates, { corrections, cardQuotes: quotes, inJurisdiction })
    .map((e) => ({ ...e, relevance: relevanceOf(e.features, options.ranker) }))
    .sort((a, b) => b.relevance - a.relevance || a.candidate.hitRank - b.candidate.hitRank || a.candidate.start - b.candidate.start);
  const plan = (statements: Statement[], abstainReason?: AbstainReason, missingNames: string[] = []): ExtractivePlan => ({
    question,
    evidence,
    statements,
    abstainReason,
    missingNames,
  });
  if (question.instructionOnly || (question.terms.length === 0 && question.names.length === 0)) return plan([], 'instructions_only');
  if (evidence.length === 0) return plan([], 'no_sentences');
  const missing = question.names.filter((name) => !name.compound && !(name.country && asksForCountry(question)) && !candidates.some((c) => mentions(c, name)));
  if (missing.length) return plan([], 'missing_name', missing.map((n) => n.text));
  // So is an event none of the sources mentions a participant of: "How long was the 4chan *owner* sent to *prison*?"
  // is not answered by 4chan's daily penalty when no retrieved sentence speaks of an owner or a prison in any words.
  if (question.pastEvent && question.strict) {
    const unmentioned = question.terms.filter((t, i) => t.noun && !t.name && !t.focus && evidence.every((e) => e.matches[i] === 'none'));
    if (unmentioned.length) return plan([], 'missing_name', unmentioned.map((t) => t.raw));
  }
  if (attainableShare(question, candidates, corrections) < options.ranker.minAttainable) return plan([], 'off_topic');

  // A comparison's sentences each hold one side (with the names both sides share); the sides loop below gives the rest.
  const sideNames = new Set((question.sides ?? []).flat());
  const shared = question.names.filter((n) => !sideNames.has(n));
  const done = doneVerbStems(question);
  // A year carried from the last question ("…Online Safety Act 2021 commence? And when did…") places nothing.
  const carriedYears = new Set(question.terms.filter((t) => t.carried).map((t) => t.raw));
  const period = askedPeriods(question.text).filter((p) => !carriedYears.has(p.year));
  const held = (candidate: Candidate) =>
    inAskedPeriod(candidate, period) &&
    ((question.sides?.length ?? 0) > 1
      ? bound(candidate, shared) && question.sides!.some((side) => bound(candidate, side))
      : bound(candidate, question.names) && !underOtherLaw(candidate, question.names) && (!question.pastEvent || !question.strict || reportsAskedEvent(question, candidate, done)));
  // What the question asks, apart from the rules it asks under ("…sent to prison under the online safety regime"): a
  // sentence about the regime alone is not about it.
  const asked = question.terms.map((t) => asksTerm(t, question.terms));
  const predicate = question.terms.some((t) => !t.name);
  // What the question asks about is in the sentence, or (for a sentence holding the kind of answer asked for) right
  // above it: pages state a figure beneath the heading or lead-in that names what it is ("Fines" over "up to 6%").
  const predicateIn = (e: Evidence, i: number, m: Match) =>
    m === 'exact' || m === 'near' || m === 'far' || (m === 'context' && e.typed && question.terms[i]!.stems.some((s) => e.candidate.above.has(s)));
  // The noun a question asks for ("how many *people*…") says what kind of answer it wants, not what it is about: when
  // the question says more ("…sent to prison"), the sentence must carry some of that.
  const saysMore = question.terms.some((t) => !t.name && !t.focus);
  // The page calls the name by the noun ("the message board 4chan", "the watchdog Ofcom"): an apposition.
  const describedAs = (candidate: Candidate, name: string, noun: string) => apposition(name, noun).test(options.documents.get(candidate.hit.document.id) ?? candidate.text);
  const aboutWhen = (focusCounts: boolean) => (e: Evidence) =>
    (!predicate || e.matches.some((m, i) => asked[i] && (focusCounts || !question.terms[i]!.focus) && predicateIn(e, i, m))) &&
    !roleOwnedByOther(question, e.candidate, (name, noun) => describedAs(e.candidate, name, noun));
  // When the question insists on a kind of answer ("how much", "when"), the figure must sit in a clause about it.
  const typedEnough = (e: Evidence) => (question.strict ? e.typedInClause : e.typed);
  // "Which court…", "which country…": the answer is one of the kind the noun names, so the sentence names that kind
  // (the noun or a near form of it, in the sentence or just above it: a distant WordNet relative is no court); a
  // sentence naming no court does not say which court. Not for "which law": a law is named by its title ("the Data
  // (Use and Access) Act 2025"), seldom as a law.
  const kindAsked = ['who', 'place'].includes(question.answerType) && question.focusIsAnswer ? question.terms.findIndex((t) => t.focus) : -1;
  const askedNames = new Set(question.names.flatMap((n) => [...n.stems, ...n.alternatives]));
  // A name a source calls by the noun ("Ofcom, the UK's communications regulator") is one of that kind; each name is
  // looked up in the sources once per question.
  const kindNoun = kindAsked === -1 ? '' : question.terms[kindAsked]!.raw.replace(PLURAL, '');
  const oneOfKind = new Map<string, boolean>();
  // The powers table names regulators, each with the quote that says so: "which regulator…" is answered by one of them,
  // though no retrieved page calls it a regulator.
  const regulators = kindAsked !== -1 && stemsOf(kindNoun)[0] === REGULATOR_STEM ? new Set((options.powers ?? []).map((p) => p.regulator.toLowerCase())) : new Set<string>();
  const isOneOfKind = (name: string) => {
    let known = oneOfKind.get(name);
    if (known === undefined) {
      const pattern = apposition(name, kindNoun);
      oneOfKind.set(name, (known = regulators.has(name.toLowerCase()) || [...options.documents.values()].some((text) => pattern.test(text))));
    }
    return known;
  };
  // A country's name is one of the kind "which country…" asks for, whatever the sources call it.
  const isCountry = (name: string) => name.split(/,\s*|\s+and\s+/).some((part) => countryOf(part, options.lexicon) !== undefined);
  const ofKind = (name: string) => (asksForCountry(question) && isCountry(name)) || isOneOfKind(name);
  const namesOneOfKind = (e: Evidence) =>
    e.candidate.expressions.some((x) => x.type === 'name' && ![...contentStemSet(x.text)].every((s) => askedNames.has(s)) && ofKind(x.text));
  const namesKind = (e: Evidence) => {
    if (kindAsked === -1) return true;
    const focus = question.terms[kindAsked]!;
    // A near form names the kind only as a noun: "a tribunal" for "which court", not "which may *concern* different
    // services" for "which business".
    const nearNoun = () => focus.related.some((r) => NEAR.has(r.relation) && e.candidate.nounStems.has(r.stem));
    if (e.matches[kindAsked] !== 'exact') return (e.matches[kindAsked] === 'near' && nearNoun()) || e.matches[kindAsked] === 'context' || namesOneOfKind(e);
    // "Ofcom must apply to a court" or "the courts have no power" speak of no court in particular: an indefinite or
    // (when one is asked for) a plural mention does not say which.
    const stems = new Set(focus.stems);
    const uses = e.candidate.words.filter((w) => stems.has(w.stem));
    // One is named ("the High Court", "the Upper Tribunal") or pointed at ("the court"); a bare noun modifies another
    // ("court orders") or speaks of the kind.
    const particular = (w: Word) =>
      ((w.capitalised && w.index > 0) || DEFINITE_BEFORE.test(e.candidate.text.slice(Math.max(0, w.index - 40), w.index))) &&
      !(PLURAL.test(w.raw) && !PLURAL.test(focus.raw));
    return uses.length === 0 || uses.some(particular);
  };
  const answeringWhen = (isAbout: (e: Evidence) => boolean) =>
    evidence.filter((e) => held(e.candidate) && isAbout(e) && typedEnough(e) && namesKind(e) && !e.candidate.statesUnknown);
  let about = aboutWhen(!saysMore);
  let answering = answeringWhen(about);
  // Unless the noun is the answer itself ("the maximum *fine* X can impose" asks for a fine): then a sentence stating
  // it answers when none says more of what was asked, so long as it names whose it is itself (one word of the question
  // is thin evidence; a page's context often names several regimes).
  if (answering.length === 0 && saysMore && question.focusIsAnswer) {
    const aboutFocus = aboutWhen(true);
    const namesItself = (e: Evidence) => question.names.length === 0 || question.names.some((n) => !n.country && (nameIn(n, e.candidate.stems) || nameIn(n, e.candidate.inherited)));
    // The noun itself or a near form: a distant relative ("Monday" for "date") says nothing of what was asked.
    // A narrower word names one of its kind ("fined" states a *penalty*); a broader one does not.
    const narrower = (t: QueryTerm, e: Evidence) => t.related.some((r) => r.relation === 'narrower' && e.candidate.stems.has(r.stem));
    const statesFocus = (e: Evidence) => question.terms.some((t, i) => t.focus && (e.matches[i] === 'exact' || e.matches[i] === 'near' || narrower(t, e)));
    about = (e) => aboutFocus(e) && namesItself(e) && statesFocus(e);
    answering = answeringWhen(about);
  }
  // A follow-up is answered about what it asks now ("…who has to *apply* for one?"), where a sentence says it: the
  // words carried from the last question only say what it is about.
  const ownTerms = question.terms.map((t, i) => (t.carried === false && !t.name ? i : -1)).filter((i) => i !== -1);
  const saysOwn = (e: Evidence) => ownTerms.some((i) => e.matches[i] === 'exact' || e.matches[i] === 'near');
  if (ownTerms.length > 0 && answering.some(saysOwn)) answering = answering.filter(saysOwn);
  const inScope = answering.filter((e) => inJurisdiction(e.candidate));
  const fresh = options.said ? inScope.filter((e) => !options.said!(e.candidate.text)) : inScope;
  const leads = fresh.length > 0 ? fresh : inScope;
  if (answering.length > 0 && leads.length === 0) return plan([], 'other_jurisdiction');
  if (leads.length === 0) {
    const reason: AbstainReason = evidence.some((e) => e.candidate.statesUnknown && held(e.candidate) && about(e))
      ? 'stated_unknown'
      : evidence.some((e) => held(e.candidate) && about(e))
      ? 'no_answer_type'
      : evidence.some(about)
        ? 'unbound'
        : 'low_coverage';
    return plan([], reason);
  }
  let lead = leads[0]!;
  if (lead.relevance < options.ranker.answerThreshold) return plan([], 'low_confidence');
  // When the best lead lacks something a better answer has, the first lead that has it and is nearly as relevant (as
  // relevant as a follower must be) leads instead.
  const prefer = (better: (e: RankedEvidence) => boolean) =>
    better(lead) ? lead : (leads.find((e) => e.relevance >= options.ranker.supportRatio * lead.relevance && better(e)) ?? lead);
  // "What did Starmer tell MPs?" is answered by what Starmer said: a sentence naming the speaker itself, over one whose
  // paragraph names them beside others who spoke ("Kyle said… On the same day, Starmer told MPs…").
  if (question.answerType === 'statement') lead = prefer((e) => question.names.every((n) => n.country || nameIn(n, e.candidate.stems)));
  // "Who is the Information Commissioner?" is answered by the sentence saying who holds the office asked about.
  if (question.answerType === 'who' && question.names.length > 0) lead = prefer((e) => identifiesAsked(e.candidate, askedNames));
  // "What is a public censure?" is answered by the sentence that says what one is.
  const defined = definedPhrase(question);
  if (defined) lead = prefer((e) => defined.test(e.candidate.text));
  // "British Airways, for example, was fined £20 million" illustrates the answer: a sentence stating it leads.
  lead = prefer((e) => !EXAMPLE.test(e.candidate.text));
  // "When…" is answered more exactly by a date than by "within days".
  const types = question.expressionTypes;
  if (types.includes('date')) lead = prefer((e) => e.candidate.expressions.some((x) => types.includes(x.type) && !x.relative));
  // "…barred two campaigners." names no one; the sentence after it often does: a closer sentence without the kind of
  // answer asked for leads, and the one after it that has it follows.
  const byKey = new Map(evidence.map((e) => [e.candidate.key, e]));
  const vague = evidence.find((e) => e.relevance > lead.relevance && !typedEnough(e) && held(e.candidate) && about(e) && !e.candidate.statesUnknown && inJurisdiction(e.candidate));
  const follower = vague?.candidate.next ? byKey.get(vague.candidate.next) : undefined;
  let second: RankedEvidence | undefined;
  if (vague && follower && typedEnough(follower) && held(follower.candidate) && !follower.candidate.statesUnknown) {
    second = follower;
    lead = vague;
  }
  // A source saying the very thing asked is not known: it covers what was asked at least as well as the best answer.
  const unknown = evidence.find((e) => e.candidate.statesUnknown && held(e.candidate) && about(e));
  if (unknown && unknown.relevance > lead.relevance && unknown.features.coverExact >= lead.features.coverExact) return plan([], 'stated_unknown');

  const statements: Statement[] = [statementFor(lead, options.documents)];
  const chosen = [lead];
  // "…banned two Britons." or "…in two situations." announces what it does not give: the sentences after it give it.
  const announced = second ? undefined : announcedCount(question, lead.candidate);
  for (let n = 0, at = lead.candidate.next; announced !== undefined && n < announced && at !== undefined; n++) {
    const follower = byKey.get(at);
    if (!follower || follower.candidate.statesUnknown) break;
    statements.push(statementFor(follower, options.documents));
    chosen.push(follower);
    at = follower.candidate.next;
  }
  // A lead opening with a pronoun ("It can also order…") needs the sentence it points at, placed before it, unless the
  // question already says whom the pronoun stands for: then the answer comes first and that sentence after it.
  const antecedent = lead.candidate.leansOn ? byKey.get(lead.candidate.leansOn) : undefined;
  if (antecedent) {
    const after = referentAsked(question, lead.candidate, antecedent.candidate);
    statements.splice(after ? 1 : 0, 0, statementFor(antecedent, options.documents));
    chosen.splice(after ? 1 : 0, 0, antecedent);
  }
  if (second) {
    statements.push(statementFor(second, options.documents));
    chosen.push(second);
  }
  // A comparison states each side: the best sentence about that side's names, stating what is compared (a figure, when
  // the question compares fines) where the sources give it for that side.
  const states = (e: Evidence) => !question.comparedTypes || e.candidate.expressions.some((x) => question.comparedTypes!.includes(x.type));
  const sides = question.sides ?? [];
  for (const side of sides) {
    if (chosen.some((e) => sidesOf(e.candidate, sides).includes(side) && states(e))) continue;
    const onSide = (e: RankedEvidence) => !chosen.includes(e) && sidesOf(e.candidate, sides).includes(side) && about(e) && !e.candidate.statesUnknown && inJurisdiction(e.candidate);
    const other = evidence.find((e) => onSide(e) && states(e)) ?? leads.find((e) => onSide(e) && !chosen.some((c) => bound(c.candidate, side)));
    if (other) {
      statements.push(statementFor(other, options.documents));
      chosen.push(other);
    }
  }
  // Each later part of the question ("…, and for how long?", "…, and for what?") gets a sentence carrying what it asks
  // for, about what the question names in its own words (a page about two fines gives each one's reason apart).
  const namedInSentence = (c: Candidate) =>
    question.names.every((n) => n.compound || n.country || nameIn(n, c.stems) || nameIn(n, c.inherited));
  for (const part of question.laterParts) {
    const partFrame = { ...question, ...part };
    const carries = (c: Candidate) => (part.answerType === 'reason' ? givesReason(c) : carriesType(partFrame, c));
    if (!TYPED_PARTS.has(part.answerType) || chosen.some((e) => carries(e.candidate))) continue;
    const answer = evidence.find(
      (e) =>
        !chosen.includes(e) && held(e.candidate) && namedInSentence(e.candidate) && about(e) && !e.candidate.statesUnknown && inJurisdiction(e.candidate) && carries(e.candidate),
    );
    if (answer) {
      statements.push(statementFor(answer, options.documents));
      chosen.push(answer);
    }
  }
  let words = statements.reduce((sum, s) => sum + wordsOf(s), 0);
  const shown = (key: string | undefined) => key === undefined || chosen.some((c) => c.candidate.key === key);
  for (const e of evidence) {
    if (statements.length >= MAX_STATEMENTS) break;
    if (chosen.includes(e) || e.candidate.statesUnknown || !about(e) || !held(e.candidate) || !inJurisdiction(e.candidate)) continue;
    // In a comparison every sentence is about a side: one about neither (a page comparing many regimes has them) is clutter.
    if (sides.length > 1 && sidesOf(e.candidate, sides).length === 0) continue;
    if (e.relevance < options.ranker.supportRatio * lead.relevance) break;
    // A sentence saying much the same in the same words repeats it, unless it gives another figure of the kind asked
    // ("the first route… more than 34 million users", "the second route… more than 7 million").
    const repeats = (c: RankedEvidence) => overlap(new Set(c.candidate.sequence), new Set(e.candidate.sequence)) > REDUNDANT_OVERLAP && !figuresBeyond(e.candidate, c.candidate, types);
    if (chosen.some(repeats)) continue;
    // Each passage is quoted once: an item a shown list quotes is skipped, and a list quoting a shown item takes its place.
    const own = statementFor(e, options.documents);
    if (statements.some((st) => listQuotes(st, own))) continue;
    const inside = statements.findIndex((st) => listQuotes(own, st));
    if (inside !== -1) {
      const listWords = wordsOf(own) - wordsOf(statements[inside]!);
      if (statements.some((st, i) => i !== inside && listQuotes(own, st)) || !shown(e.candidate.leansOn) || words + listWords > MAX_ANSWER_WORDS) continue;
      // `statements` and `chosen` are built in step: the same index holds a statement and its evidence.
      statements[inside] = own;
      chosen[inside] = e;
      words += listWords;
      continue;
    }
    // A sentence whose pronoun points at a sentence the answer does not show would dangle: that sentence comes with it,
    // placed before it, when both fit.
    const antecedent = shown(e.candidate.leansOn) ? undefined : byKey.get(e.candidate.leansOn!);
    // …unless that one leans on another in turn.
    if (!shown(e.candidate.leansOn) && (!antecedent || !shown(antecedent.candidate.leansOn))) continue;
    const added = [...(antecedent ? [antecedent] : []), e];
    const addedStatements = [...(antecedent ? [statementFor(antecedent, options.documents)] : []), own];
    const addedWords = addedStatements.reduce((sum, st) => sum + wordsOf(st), 0);
    if (statements.length + added.length > MAX_STATEMENTS || words + addedWords > MAX_ANSWER_WORDS) continue;
    statements.push(...addedStatements);
    chosen.push(...added);
    words += addedWords;
  }
  return plan(statements);
}

// Personal pronouns by what they stand for: a man, a woman, a thing or body, several.
const PRONOUN_FAMILIES = [/^(?:he|his|him)$/i, /^(?:she|her|hers)$/i, /^(?:it|its)$/i, /^(?:they|their|them)$/i];
const OPENING_PRONOUN = /^\W*(\p{L}+)/u;

/**
 * Whether the question itself says what the lead's opening pronoun stands for: it names the subject that opens the
 * sentence the lead leans on ("Who can Zeta order…?" — "Zeta has powers… It can also order…"), or, asked after
 * another question, points back with a pronoun of the same kind ("How long is his term?" — "He started his term…").
 */
function referentAsked(question: QuestionFrame, lead: Candidate, antecedent: Candidate): boolean {
  const pronoun = OPENING_PRONOUN.exec(lead.text)?.[1] ?? '';
  const family = PRONOUN_FAMILIES.find((f) => f.test(pronoun));
  if (!family) return false;
  if (question.followUp && question.text.split(/[^\p{L}']+/u).some((w) => family.test(w))) return true;
  const subject = antecedent.expressions.find((e) => e.type === 'name' && e.start <= (antecedent.words[2]?.index ?? 0));
  if (!subject) return false;
  const stems = contentStemSet(subject.text);
  return question.names.some((n) => !n.country && n.stems.every((s) => stems.has(s)));
}

/** Whether `candidate` states a figure of one of `types` that `other` does not ("7 million" beside "34 million"). */
function figuresBeyond(candidate: Candidate, other: Candidate, types: readonly ExpressionType[]): boolean {
  const figures = (c: Candidate) => new Set(c.expressions.filter((x) => x.type !== 'name' && types.includes(x.type)).map((x) => x.text.toLowerCase()));
  const others = figures(other);
  return [...figures(candidate)].some((f) => !others.has(f));
}

/** Most things an announcing sentence is completed with from the sentences after it. */
const MAX_ANNOUNCED = 4;

/**
 * How many of the things the question asks for a sentence announces without giving them ("banned two Britons", "in
 * two more serious forms"): a small number shortly before the noun asked for, fewer names after it than it counts, and
 * no list of its own.
 */
function announcedCount(question: QuestionFrame, candidate: Candidate): number | undefined {
  const focus = question.terms.find((t) => t.focus);
  if (!focus || candidate.items.length > 0) return undefined;
  const stems = new Set(focus.stems);
  const words = candidate.words.filter((w) => !w.part);
  for (let i = 1; i < words.length; i++) {
    if (!stems.has(words[i]!.stem)) continue;
    const count = words.slice(Math.max(0, i - 3), i).map((w) => smallNumber(w.raw)).find((n) => n !== undefined);
    if (count === undefined || count < 2 || count > MAX_ANNOUNCED) continue;
    // Names the question gave ("…from the US") are not the things announced.
    const namedAfter = candidate.expressions.filter(
      (e) => e.type === 'name' && e.start > words[i]!.index && !question.names.some((n) => nameIn(n, contentStemSet(e.text))),
    ).length;
    return namedAfter >= count ? undefined : count;
  }
  return undefined;
}

/** A sentence's statement: with the list it announces, when it ends in a colon and its items follow. */
function statementFor(evidence: RankedEvidence, documents: ReadonlyMap<string, string>): Statement {
  const { candidate } = evidence;
  const text = documents.get(candidate.hit.document.id);
  if (!candidate.items.length || text === undefined) return { kind: 'sentence', evidence };
  const items = candidate.items.slice(0, MAX_ITEMS);
  const span = { start: items[0]!.start, end: items[items.length - 1]!.end };
  return { kind: 'list', evidence, items: span, text: text.slice(span.start, span.end) };
}

/** A list statement quoting, among its items, the passage another statement quotes. */
function listQuotes(list: Statement, other: Statement): boolean {
  const passage = other.evidence.candidate;
  return (
    list.kind === 'list' &&
    list !== other &&
    list.evidence.candidate.hit.document.id === passage.hit.document.id &&
    passage.start >= list.items.start &&
    passage.end <= list.items.end
  );
}

/** Every name is mentioned in the sentence, above it, or in the sentence its pronoun points at. */
export function bound(candidate: Candidate, names: readonly NamePhrase[]): boolean {
  // A name that only qualifies a common noun ("an AI chatbot") describes; a country sets the jurisdiction, which is
  // checked apart; the others must hold.
  return names.every((name) => name.compound || name.country || mentions(candidate, name));
}

/**
 * The sides of a comparison a sentence is about: those named nearest to it, in the sentence itself, else its paragraph,
 * its list's lead-in, its heading, and so on up. Context naming every side ("How fines compare: Ofcom, the ICO…")
 * makes a sentence about none of them.
 */
function sidesOf(candidate: Candidate, sides: readonly NamePhrase[][]): NamePhrase[][] {
  const own = sides.filter((side) => side.every((name) => nameIn(name, candidate.stems) || nameIn(name, candidate.inherited)));
  if (own.length) return own;
  for (const level of candidate.contextLevels) {
    const named = sides.filter((side) => side.every((name) => nameIn(name, level)));
    // Context naming several sides says which sentence is about which no more than it would naming none.
    if (named.length) return named.length === 1 ? named : [];
  }
  return [];
}

// A determiner that points at one thing, with up to two words between it and its noun ("the court", "its own court").
const DEFINITE_BEFORE = /\b(?:the|this|that|its|their)\s+(?:[\p{L}-]+\s+){0,2}$|['’]s\s+$/iu;

// The kind of body the powers table's cards name in their "regulator" field.
const REGULATOR_STEM = stemsOf('regulator')[0];

// A plural's "s" ("courts", not "access"): tested, and removed to name one of the kind.
const PLURAL = /(?<=[^s])s$/i;

// A sentence giving an example of what it is about.
const EXAMPLE = /\bfor (?:example|instance)\b|\be\.g\./i;

/**
 * How a text calls the name by the noun, in apposition: "the regulator Ofcom", "the message board 4chan", "Ofcom, the
 * UK's communications regulator,".
 */
function apposition(name: string, noun: string): RegExp {
  const n = escapeRegExp(name);
  const kind = `${escapeRegExp(noun)}s?`;
  return new RegExp(`\\b${kind}\\s+${n}\\b|\\b${n},\\s+(?:the|a|an)\\s+(?:[\\p{L}’'-]+\\s+){0,3}${kind}\\b`, 'iu');
}

/**
 * For "What is (a) <phrase>?", how a sentence defines the phrase: in apposition ("public censure, a published
 * statement of misconduct,") or with "is", "means" or "refers to" ("A public censure is a…").
 */
function definedPhrase(question: QuestionFrame): RegExp | undefined {
  if (question.answerType !== 'definition' || !/^\W*what\s+(?:is|are)\s/i.test(question.text)) return undefined;
  const words = question.terms.filter((t) => !t.scope).map((t) => escapeRegExp(t.raw.replace(PLURAL, '')));
  if (words.length === 0) return undefined;
  return new RegExp(`\\b${words.join('\\s+')}s?(?:,\\s+(?:a|an|the)\\s|\\s+(?:is|are|means|refers\\s+to)\\s+(?:a|an|the|any|one)\\s)`, 'i');
}

// A sentence opening with the law it speaks under: "Under the Zeta Act, …", "In the Quill Regulation 2024, …".
const UNDER_LAW = /^\W*(?:Under|In)\s+(?:the\s+)?((?:\p{Lu}[\p{L}'’-]*\s+(?:(?:of|and|for|the)\s+)?){1,6}(?:Act|Regulation|Directive|Bill|Code)(?:\s+\d{4})?)\b/u;

/**
 * The sentence says it speaks under a law the question does not name, while a name the question asks about is only
 * in its context: "Under the Online Safety Act, for example, even a small provider can be fined…" on a page comparing
 * regimes does not answer a question about the DSA.
 */
function underOtherLaw(candidate: Candidate, names: readonly NamePhrase[]): boolean {
  const law = UNDER_LAW.exec(candidate.text)?.[1];
  if (!law) return false;
  const required = names.filter((n) => !n.compound && !n.country && !n.modifier);
  return required.some((n) => !nameIn(n, candidate.stems)) && !required.some((n) => nameIn(n, contentStemSet(law)));
}

// A name and what it is, joined by "is": "Vera Lind is the Zeta Commissioner", "The Zeta Commissioner is Vera Lind".
const PHRASE = String.raw`((?:[\p{L}'’-]+\s+){0,3}[\p{L}'’-]+)`;
const IS_AFTER = new RegExp(String.raw`^\s+(?:is|was|has been|became|remains)\s+(?:the\s+)?${PHRASE}`, 'u');
const IS_BEFORE = new RegExp(String.raw`${PHRASE}\s+(?:is|was)\s+$`, 'u');

/** The sentence names someone not asked about as the one the question's names describe (who holds an office). */
function identifiesAsked(candidate: Candidate, askedNames: ReadonlySet<string>): boolean {
  const asked = (words: string | undefined) => words !== undefined && [...contentStemSet(words)].some((s) => askedNames.has(s));
  return candidate.expressions.some(
    (x) =>
      x.type === 'name' &&
      !asked(x.text) &&
      (asked(IS_AFTER.exec(candidate.text.slice(x.end))?.[1]) || asked(IS_BEFORE.exec(candidate.text.slice(0, x.start))?.[1])),
  );
}

// "If Ofcom were to find a breach, the penalty would be…" says what could happen, not what did.
const HYPOTHETICAL = /\b(?:if|unless)\b.*\b(?:would|could|might)\b|\b(?:would|could|might)\b.*\b(?:if|unless)\b/i;

// A year, perhaps after a month ("in March 2026", "in 2024"). Month names are a closed class of English.
const ASKED_PERIOD = /\b(?:(january|february|march|april|may|june|july|august|september|october|november|december)\s+)?((?:19|20)\d{2})\b/gi;

interface AskedPeriod {
  year: string;
  /** The month before the year, by its stem and as a word ("May" is also a modal, which no stem set keeps). */
  month?: { stem: string; word: RegExp };
}

/** The periods a question places what it asks in: each year it names, with the month before it if any. */
function askedPeriods(text: string): AskedPeriod[] {
  return [...text.matchAll(ASKED_PERIOD)].map((m) => ({ year: m[2]!, month: m[1] ? { stem: stemsOf(m[1])[0]!, word: new RegExp(`\\b${m[1]}\\b`, 'i') } : undefined }));
}

/**
 * "Why did Ofcom fine 4chan again in 2026?" holds only of a sentence that says 2026, itself or above it (a timeline's
 * heading, its paragraph): a report from 2025 answers another question. A year written as part of a span ("2026-27")
 * counts.
 */
function inAskedPeriod(candidate: Candidate, periods: readonly AskedPeriod[]): boolean {
  const sets = [candidate.stems, candidate.context, candidate.inherited];
  const has = (test: (stem: string) => boolean) => sets.some((set) => [...set].some(test));
  return periods.every(
    ({ year, month }) =>
      has((s) => s === year || s.startsWith(`${year}-`) || s.startsWith(`${year}/`)) &&
      (month === undefined || sets.some((set) => set.has(month.stem)) || month.word.test(candidate.text)),
  );
}

/**
 * A question about a past event is answered by a report of it: one naming who took part, not a hypothetical nor the
 * asked act as only possible or wanted, and an action when it asks what someone did.
 */
function reportsAskedEvent(question: QuestionFrame, candidate: Candidate, done: ReadonlySet<string>): boolean {
  return (
    (!question.pastAction || candidate.reportsEvent) &&
    !onlyAsPossible(done, candidate) &&
    namedNearby(candidate, question.names) &&
    !HYPOTHETICAL.test(candidate.text)
  );
}

// Modal verbs: what follows one in its clause is possible or required, not done ("…said it can ask a court to block").
// Lower case only: "May" is also a month.
const MODAL = /\b(?:can|could|may|might|would|should|must|shall)\b/;

/** Stems of the verbs the question says were done: not one it too asks about as an infinitive ("…get *to answer*…"). */
function doneVerbStems(question: QuestionFrame): Set<string> {
  const finite = (t: QueryTerm) => !new RegExp(`\\bto\\s+${escapeRegExp(t.raw)}\\b`, 'i').test(question.text);
  return new Set(question.terms.filter((t) => t.verb && !t.name && finite(t)).flatMap((t) => t.stems));
}

/**
 * The sentence names what the question asks was done only where a modal or an infinitive governs it: it reports
 * something else (a power, a plan, a threat), not the act. "Ofcom explained that it can ask a court to block…" does
 * not answer "When did Ofcom block…?", nor "threats to ban X" "How long was X banned?".
 */
function onlyAsPossible(done: ReadonlySet<string>, candidate: Candidate): boolean {
  const uses = candidate.words.filter((w) => done.has(w.stem));
  if (uses.length === 0) return false;
  return uses.every((w) => {
    const clauseStart = Math.max(...['.', ';', ':', ','].map((mark) => candidate.text.lastIndexOf(mark, w.index)));
    const before = candidate.text.slice(clauseStart + 1, w.index);
    // "…plans to ban nudification apps", "threats to ban X": an infinitive names what is wanted, not what was done.
    return MODAL.test(before) || /\bto\s+$/i.test(before);
  });
}

/**
 * Every name the question needs is in the sentence, the one its pronoun points at, or its own paragraph or list;
 * except one the page itself is about (its title or heading names it: a timeline of Grok need not repeat "Grok").
 */
function namedNearby(candidate: Candidate, names: readonly NamePhrase[]): boolean {
  const missing = names.filter(
    (name) => !(name.compound || name.country || name.modifier || nameIn(name, candidate.stems) || nameIn(name, candidate.inherited) || nameIn(name, candidate.local)),
  );
  return missing.length === 0 || (missing.length === 1 && nameIn(missing[0]!, candidate.context));
}

function mentions(candidate: Candidate, name: NamePhrase): boolean {
  return nameIn(name, candidate.stems) || nameIn(name, candidate.context) || nameIn(name, candidate.inherited);
}

const wordsOf = (statement: Statement): number =>
  statement.evidence.candidate.wordCount + (statement.kind === 'list' ? statement.text.split(/\s+/).length : 0);

/** Overlap coefficient: shared stems over the smaller set's size. */
function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  const smaller = Math.min(a.size, b.size);
  if (smaller === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / smaller;
}
