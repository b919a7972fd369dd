// The offline answerer: picks the retrieved sentences that best answer the question and cites each by its exact span.
import type { DocumentMeta, Hit } from '../schema.js';
import type { AnswerDraft, AnswerInput, Answerer, DraftEvent } from './answerer.js';
import { verifyCitations } from './citations.js';
import { type Candidate, collectCandidates } from './extractive/candidates.js';
import { composeSentences } from './extractive/compose.js';
import { analyseQuestion, type QueryTerm, type QuestionAnalysis } from './extractive/question.js';
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

export type AbstainReason = 'instructions_only' | 'no_sentences' | 'missing_entity' | 'stated_unknown' | 'low_coverage' | 'entities_apart' | 'no_answer_type' | 'off_topic';

export interface ExtractivePlan {
  question: QuestionAnalysis;
  scored: ScoredCandidate[];
  chosen: ScoredCandidate[];
  /** Why the answer abstains, or undefined when it answers. */
  abstainReason?: AbstainReason;
  missingEntities: string[];
}

/** Decides what to say without writing it: exposed so tests and evals can see why a sentence won or an answer abstained. */
export function planExtractiveAnswer(query: string, hits: readonly Hit[]): ExtractivePlan {
  const question = analyseQuestion(query);
  const candidates = collectCandidates(hits);
  const scored = scoreCandidates(question, candidates);
  const missingEntities = missingQuestionEntities(question, candidates);
  const offTopic = question.terms.length > 0 && !question.instructionOnly && attainableShare(question, candidates) < MIN_ATTAINABLE_SHARE;
  const abstainReason = whyAbstain(question, scored, missingEntities) ?? (offTopic ? 'off_topic' : undefined);
  const chosen = abstainReason ? [] : selectSentences(scored, { leads: (s) => answersAlone(question, s), parts: question.parts, typed: question.answerType !== 'other' });
  return { question, scored, chosen, abstainReason, missingEntities };
}

function whyAbstain(question: QuestionAnalysis, scored: readonly ScoredCandidate[], missingEntities: readonly string[]): AbstainReason | undefined {
  if (question.instructionOnly || question.terms.length === 0) return 'instructions_only';
  if (scored.length === 0) return 'no_sentences';
  if (missingEntities.length > 0) return 'missing_entity';
  const focused = scored.filter((s) => s.focus >= MIN_ANSWER_FOCUS);
  if (focused.length === 0) return 'low_coverage';
  const naming = focused.filter((s) => s.entityCoverage >= MIN_ENTITY_COVERAGE);
  if (naming.length === 0) return 'entities_apart';
  const leads = naming.filter((s) => answersAlone(question, s));
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
    const plan = planExtractiveAnswer(input.query || input.question, input.hits);
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
