// The EvalReport: what a run measured, per case and overall. Written as report.json and read back as a --baseline.
import { z } from 'zod';
import { AnswerMode } from '../core/schema.js';
import { SPLITS } from './dataset.js';

/** Why a case failed (reasons) or what a reader should look at although it passed (notes). */
export const Finding = z.object({
  kind: z.enum([
    'missing_fact',
    'abstained_wrongly',
    'answered_unanswerable',
    'invalid_citation',
    'unsupported_sentence',
    'error',
    'retrieval_miss',
    'unneeded_citation',
    'unused_citation',
  ]),
  detail: z.string(),
});
export type Finding = z.infer<typeof Finding>;

/** Every overall metric; null when no case could measure it (e.g. no answered case). */
export const Metrics = z.object({
  cases: z.number().int().nonnegative(),
  passRate: z.number().nullable(),
  /** Share of answerable cases that pass: answered, every fact stated, every citation valid and supporting. */
  answerableRight: z.number().nullable().default(null),
  recallAtK: z.number().nullable(),
  mrr: z.number().nullable(),
  factRecall: z.number().nullable(),
  factPassRate: z.number().nullable(),
  /** Of the answerable cases answered, the share whose first sentence states the case's first (key) fact. */
  firstSentenceRate: z.number().nullable().default(null),
  /** Share of follow-up cases (asked after earlier turns) that pass. */
  followUpAccuracy: z.number().nullable().default(null),
  abstentionPrecision: z.number().nullable(),
  abstentionRecall: z.number().nullable(),
  citationValidity: z.number().nullable(),
  citationRecall: z.number().nullable(),
  citationPrecision: z.number().nullable(),
  latencyP50Ms: z.number().nullable(),
  latencyP95Ms: z.number().nullable(),
});
export type Metrics = z.infer<typeof Metrics>;
export type MetricKey = Exclude<keyof Metrics, 'cases'>;

export const CaseCitation = z.object({
  n: z.number().int(),
  docId: z.string(),
  origin: z.string(),
  title: z.string(),
  quote: z.string(),
  start: z.number().int(),
  end: z.number().int(),
  valid: z.boolean(),
  alsoIn: z.array(z.string()).default([]),
});
export type CaseCitation = z.infer<typeof CaseCitation>;

export const CaseResult = z.object({
  id: z.string(),
  dataset: z.string(),
  question: z.string(),
  tags: z.array(z.string()),
  unanswerable: z.boolean(),
  split: z.enum(SPLITS).default('dev'),
  /** Earlier questions of the conversation, asked before this one. */
  history: z.array(z.string()).default([]),
  /** The answer's first sentence states the first fact; null when not answered or nothing to state. */
  firstSentenceAnswers: z.boolean().nullable().default(null),
  /** The supporting documents the case names (basenames). */
  docs: z.array(z.string()),
  pass: z.boolean(),
  reasons: z.array(Finding),
  notes: z.array(Finding),
  answer: z
    .object({ text: z.string(), abstained: z.boolean(), mode: AnswerMode, citations: z.array(CaseCitation) })
    .nullable(),
  /** Retrieved passages in rank order: the document's basename and those of its near-duplicate carriers. */
  retrieved: z.array(z.object({ origin: z.string(), alsoIn: z.array(z.string()), score: z.number() })),
  sentences: z.array(z.object({ text: z.string(), cited: z.array(z.number()), supported: z.boolean(), unneeded: z.array(z.number()) })),
  scores: z.object({
    recallAtK: z.number().nullable(),
    reciprocalRank: z.number().nullable(),
    factRecall: z.number().nullable(),
    citationValidity: z.number().nullable(),
    citationRecall: z.number().nullable(),
    citationPrecision: z.number().nullable(),
    latencyMs: z.number().nullable(),
  }),
  /** Citation counts, so validity can be pooled over all citations rather than averaged per case. */
  citationCounts: z.object({ valid: z.number().int(), total: z.number().int() }),
});
export type CaseResult = z.infer<typeof CaseResult>;

export const EvalReport = z.object({
  version: z.literal(1),
  createdAt: z.string(),
  mode: AnswerMode,
  /** The SupportJudge id, e.g. `overlap-v1@0.75` or `claude:claude-haiku-4-5`. */
  judge: z.string(),
  k: z.number().int().positive(),
  datasets: z.array(z.string()),
  overall: Metrics,
  byDataset: z.record(z.string(), Metrics),
  /** The dev cases (tuned on) and the held-out cases (never tuned on), apart. */
  bySplit: z.partialRecord(z.enum(SPLITS), Metrics).default({}),
  cases: z.array(CaseResult),
});
export type EvalReport = z.infer<typeof EvalReport>;

/** The sets a report is read by: all cases, then the splits (when there are both), then each dataset (when there are several). */
export function reportSets(report: Pick<EvalReport, 'overall' | 'bySplit' | 'byDataset' | 'datasets'>): { name: string; metrics: Metrics }[] {
  const splits = Object.entries(report.bySplit).filter((entry): entry is [string, Metrics] => entry[1] !== undefined);
  const datasets = report.datasets.flatMap((d) => (report.byDataset[d] ? [{ name: d, metrics: report.byDataset[d] }] : []));
  return [
    { name: 'overall', metrics: report.overall },
    ...(splits.length > 1 ? splits.map(([name, metrics]) => ({ name, metrics })) : []),
    ...(datasets.length > 1 ? datasets : []),
  ];
}
