// The offline answerer: picks the retrieved sentences that best answer the question and cites each by its exact span.
import type { DocumentMeta, Hit } from '../schema.js';
import { type AnswerDraft, type AnswerInput, type Answerer, type DraftEvent, documentTexts } from './answerer.js';
import { verifyCitations } from './citations.js';
import { countryNamed, countryOfAddress } from './extractive/answer-type.js';
import { type Candidate, collectCandidates } from './extractive/candidates.js';
import { composeSentences } from './extractive/compose.js';
import { analyseQuestion, type QueryTerm, type QuestionAnalysis } from './extractive/question.js';
import { words } from './extractive/terms.js';
import { attainableShare, type ScoredCandidate, scoreCandidates } from './extractive/score.js';
import { selectSentences } from './extractive/select.js';

/** The best sentence must cover this weighted share of the question's terms that the sources use at all, else they don't answer it. */
export const MIN_ANSWER_FOCUS = 0.3;
/** The best sentence must name this share of the question's named things: "fine" and "X" in separate sentences is no answer to "did Ofcom fine X?". */
export const MIN_ENTITY_COVERAGE = 0.6;
/** A source saying the thing is not known wins when it matches the question at least this much better than any answer. */
export const UNKNOWN_MARGIN = 0;
/** Below this weighted share of the question's terms appearing anywhere in the sources, the sources are about something else. */
export const MIN_ATTAINABLE_SHARE = 0.4;
/** Documents listed on abstention: enough to look further, few enough to read. */
export const MAX_RELATED = 5;

export const ABSTENTION = "The sources don't say. The closest sources are listed below.";
export const ABSTENTION_NO_SOURCES = "The sources don't say, and no source came close.";

export type Related = NonNullable<AnswerDraft['related']>[number];

export type AbstainReason =
  | 'instructions_only'
  | 'no_sentences'
  | 'missing_entity'
  | 'other_jurisdiction'
  | 'stated_unknown'
  | 'low_coverage'
  | 'entities_apart'
  | 'no_answer_type'
  | 'off_topic';

export interface ExtractivePlan {
  question: QuestionAnalysis;
  scored: ScoredCandidate[];
  chosen: ScoredCandidate[];
  /** Why the answer abstains, or undefined when it answers. */
  abstainReason?: AbstainReason;
  missingEntities: string[];
}

/** Decides what to say without writing it: exposed so tests and evals can see why a sentence won or an answer abstained. */
export function planExtractiveAnswer(query: string, hits: readonly Hit[], documentTexts?: ReadonlyMap<string, string>): ExtractivePlan {
  return planAnswer(analyseQuestion(query), hits, documentTexts);
}

function planAnswer(question: QuestionAnalysis, hits: readonly Hit[], documentTexts?: ReadonlyMap<string, string>): ExtractivePlan {
  const candidates = collectCandidates(hits);
  const scored = scoreCandidates(question, candidates);
  const missingEntities = missingQuestionEntities(question, candidates);
  const inJurisdiction = jurisdictionFilter(question, documentTexts);
  const offTopic = question.terms.length > 0 && !question.instructionOnly && attainableShare(question, candidates) < MIN_ATTAINABLE_SHARE;
  const abstainReason = whyAbstain(question, scored, missingEntities, inJurisdiction) ?? (offTopic ? 'off_topic' : undefined);
  // Every sentence of the answer, not only its lead, must be about the asked country.
  const local = scored.filter((s) => inJurisdiction(s.candidate));
  const leads = (s: ScoredCandidate) => answersAlone(question, s);
  const chosen = abstainReason ? [] : selectSentences(local, { leads, parts: question.parts, typed: question.answerType !== 'other' });
  return { question, scored, chosen, abstainReason, missingEntities };
}

function whyAbstain(
  question: QuestionAnalysis,
  scored: readonly ScoredCandidate[],
  missingEntities: readonly string[],
  inJurisdiction: (candidate: Candidate) => boolean,
): AbstainReason | undefined {
  if (question.instructionOnly || question.terms.length === 0) return 'instructions_only';
  if (scored.length === 0) return 'no_sentences';
  if (missingEntities.length > 0) return 'missing_entity';
  const focused = scored.filter((s) => s.focus >= MIN_ANSWER_FOCUS);
  if (focused.length === 0) return 'low_coverage';
  const naming = focused.filter((s) => s.entityCoverage >= MIN_ENTITY_COVERAGE);
  if (naming.length === 0) return 'entities_apart';
  const local = naming.filter((s) => inJurisdiction(s.candidate));
  if (local.length === 0) return 'other_jurisdiction';
  const leads = local.filter((s) => answersAlone(question, s));
  const bestUnknown = Math.max(0, ...naming.filter((s) => s.candidate.statesUnknown).map((s) => s.focus));
  if (leads.length === 0) return bestUnknown > 0 ? 'stated_unknown' : 'no_answer_type';
  if (bestUnknown > Math.max(...leads.map((s) => s.focus)) + UNKNOWN_MARGIN) return 'stated_unknown';
  return undefined;
}

/** A sentence that could open the answer: covers the question, names its named things, and carries an amount or date when one is asked for. */
function answersAlone(question: QuestionAnalysis, s: ScoredCandidate): boolean {
  return (
    s.focus >= MIN_ANSWER_FOCUS &&
    s.entityCoverage >= MIN_ENTITY_COVERAGE &&
    !s.candidate.statesUnknown &&
    (!question.strictAnswerType || s.answersInClause)
  );
}

export class ExtractiveAnswerer implements Answerer {
  readonly mode = 'extractive' as const;

  async answer(input: AnswerInput, emit: (event: DraftEvent) => void = () => {}): Promise<AnswerDraft> {
    input.signal?.throwIfAborted();
    const question = analyseQuestion(input.query || input.question);
    // Whole sources only when a country is asked about: the jurisdiction check reads them (the read cache holds them).
    const texts = askedCountries(question).length > 0 ? await documentTexts(input.hits, input.getDocument) : undefined;
    const plan = planAnswer(question, input.hits, texts);
    if (plan.chosen.length === 0) return abstain(input.hits, emit);
    const sentences = composeSentences(plan.chosen.map((s) => s.candidate));
    sentences.forEach(({ text, citation }, i) => {
      emit({ type: 'citation', citation });
      emit({ type: 'text', delta: i === 0 ? text : ` ${text}` });
    });
    const answer = sentences.map((s) => s.text).join(' ');
    const citations = sentences.map((s) => s.citation);
    const { verification } = await verifyCitations(answer, citations, input.getDocument);
    return { answer, abstained: false, citations, mode: this.mode, verification };
  }
}

function abstain(hits: readonly Hit[], emit: (event: DraftEvent) => void): AnswerDraft {
  const related = relatedDocuments(hits);
  const answer = related.length ? ABSTENTION : ABSTENTION_NO_SOURCES;
  emit({ type: 'text', delta: answer });
  return {
    answer,
    abstained: true,
    citations: [],
    related,
    mode: 'extractive',
    verification: { sentences: 0, supported: 0, droppedCitations: 0 },
  };
}

/** The hits' documents, once each, best-ranked first. */
export function relatedDocuments(hits: readonly Hit[]): Related[] {
  const related = new Map<string, Related>();
  for (const { document } of hits) if (!related.has(document.id)) related.set(document.id, withoutText(document));
  return [...related.values()].slice(0, MAX_RELATED);
}

const withoutText = ({ hash: _hash, sources: _sources, ...meta }: DocumentMeta): Related => meta;

/** Countries the question narrows to with a possessive ("Canada's online harms regulator", "the UK's online safety law"). */
export const askedCountries = (question: QuestionAnalysis): QueryTerm[] =>
  question.terms.filter((term) => term.modifier && countryNamed(term.raw) !== undefined);

/**
 * A country the question narrows to sets the jurisdiction: otherwise a UK explainer on chatbots answers a question
 * about Canada's regulator. A sentence may answer when it names the asked country itself; else when the nearest
 * country named before it (the one the text is talking about) is the asked one; else, with none before, when the
 * text names the asked country after it; else, in text that names no country, when the source or one it cites is
 * published under the asked country's domain (legislation.gov.uk), or none is under any country's. The whole source
 * is read when its text is given (an explainer names its country once, if at all), else the retrieved passage.
 */
function jurisdictionFilter(question: QuestionAnalysis, texts?: ReadonlyMap<string, string>): (candidate: Candidate) => boolean {
  const countries = askedCountries(question);
  if (countries.length === 0) return () => true;
  // By any name: the country, a synonym ("Britain" for "UK"), or its demonym ("Australian").
  const askedStems = new Set(countries.flatMap((term) => term.expansions.map(({ stem }) => stem)));
  const askedNames = new Set(countries.map((term) => countryNamed(term.raw)));
  const mentionsOf = (text: string) =>
    words(text).flatMap((w) => {
      if (!w.capitalised) return [];
      const country = countryNamed(w.raw);
      const asked = askedStems.has(w.stem) || askedNames.has(country);
      return asked || country ? [{ index: w.index, asked }] : [];
    });
  const mentionsByText = new Map<string, { index: number; asked: boolean }[]>();
  return ({ hit, start, end }) => {
    const whole = texts?.get(hit.document.id);
    const key = whole === undefined ? `chunk:${hit.chunk.id}` : `document:${hit.document.id}`;
    const mentions = mentionsByText.get(key) ?? mentionsByText.set(key, mentionsOf(whole ?? hit.chunk.text)).get(key)!;
    // Offsets into the text read: the document's, or the passage's.
    const offset = whole === undefined ? hit.chunk.start : 0;
    const inside = mentions.filter((m) => m.index >= start - offset && m.index < end - offset);
    if (inside.length > 0) return inside.some((m) => m.asked);
    const before = mentions.findLast((m) => m.index < start - offset);
    if (before) return before.asked;
    const after = mentions.filter((m) => m.index >= end - offset);
    if (after.length > 0) return after.some((m) => m.asked);
    // Text that names no country: where the source and the sources it cites are published (legislation.gov.uk).
    const published = [hit.document.url, ...hit.document.sources.map((source) => source.url)].flatMap((url) => {
      const country = url === undefined ? undefined : countryOfAddress(url);
      return country === undefined ? [] : [country];
    });
    return published.length === 0 || published.some((country) => askedStems.has(country) || askedNames.has(country));
  };
}

/**
 * Names the question uses that no retrieved sentence mentions, even by a synonym: the sources are about something else.
 * A possessive ("Musk's network") may be described in other words, so it counts only when none of the question's other names is found either.
 */
function missingQuestionEntities(question: QuestionAnalysis, candidates: readonly Candidate[]): string[] {
  const mentioned = (term: QueryTerm) => candidates.some((c) => term.expansions.some(({ stem }) => c.stems.has(stem)));
  const entities = question.terms.filter((term) => term.entity);
  const missing = entities.filter((term) => !mentioned(term));
  const anchored = entities.some((term) => !term.modifier && mentioned(term));
  return missing.filter((term) => !term.modifier || !anchored).map((term) => term.raw);
}
