// Metric functions, per case and pooled over cases. Each takes plain data, so each is provable with hand-built inputs.
import type { Citation, Hit } from '../core/schema.js';
import { factPattern } from './dataset.js';
import type { CaseResult, MetricKey, Metrics } from './report-schema.js';

/** How a metric reads: its label, whether more is better, and how to print it. */
export interface MetricInfo {
  key: MetricKey;
  label: string;
  higherIsBetter: boolean;
  unit: 'ratio' | 'ms';
}

export const METRICS: readonly MetricInfo[] = [
  { key: 'passRate', label: 'Cases passed', higherIsBetter: true, unit: 'ratio' },
  { key: 'answerableRight', label: 'Answerable answered right', higherIsBetter: true, unit: 'ratio' },
  { key: 'recallAtK', label: 'Retrieval recall@k', higherIsBetter: true, unit: 'ratio' },
  { key: 'mrr', label: 'Retrieval MRR', higherIsBetter: true, unit: 'ratio' },
  { key: 'factRecall', label: 'Fact recall', higherIsBetter: true, unit: 'ratio' },
  { key: 'factPassRate', label: 'All facts stated', higherIsBetter: true, unit: 'ratio' },
  { key: 'firstSentenceRate', label: 'First sentence answers', higherIsBetter: true, unit: 'ratio' },
  { key: 'followUpAccuracy', label: 'Follow-ups right', higherIsBetter: true, unit: 'ratio' },
  { key: 'abstentionPrecision', label: 'Abstention precision', higherIsBetter: true, unit: 'ratio' },
  { key: 'abstentionRecall', label: 'Abstention recall', higherIsBetter: true, unit: 'ratio' },
  { key: 'citationValidity', label: 'Citation validity', higherIsBetter: true, unit: 'ratio' },
  { key: 'citationRecall', label: 'Citation recall (ALCE)', higherIsBetter: true, unit: 'ratio' },
  { key: 'citationPrecision', label: 'Citation precision (ALCE)', higherIsBetter: true, unit: 'ratio' },
  { key: 'latencyP50Ms', label: 'Latency p50', higherIsBetter: false, unit: 'ms' },
  { key: 'latencyP95Ms', label: 'Latency p95', higherIsBetter: false, unit: 'ms' },
];

/** A metric value as printed: ratios with three decimals, latencies in whole milliseconds, "–" when not measured. */
export function formatMetric(value: number | null, unit: MetricInfo['unit']): string {
  if (value === null) return '–';
  return unit === 'ms' ? `${Math.round(value)} ms` : value.toFixed(3);
}

/** The file name at the end of an origin path or URL: cases name documents by basename. */
export const originBasename = (origin: string): string => origin.split(/[\\/]/).pop() ?? origin;

/** Basenames of the document behind a hit and of every near-duplicate carrier collapsed into it. */
export const hitBasenames = (hit: Pick<Hit, 'document' | 'alsoIn'>): string[] => [
  originBasename(hit.document.origin),
  ...hit.alsoIn.map((c) => originBasename(c.origin)),
];

/** Recall@k (1 if any supporting document, or a copy of its passage, is in the top k) and reciprocal rank of the first. */
export function retrievalScores(hits: readonly Pick<Hit, 'document' | 'alsoIn'>[], docs: readonly string[], k: number) {
  if (!docs.length) return { recallAtK: null, reciprocalRank: null };
  const wanted = new Set(docs);
  const rank = hits.findIndex((hit) => hitBasenames(hit).some((name) => wanted.has(name))) + 1;
  return { recallAtK: rank > 0 && rank <= k ? 1 : 0, reciprocalRank: rank > 0 ? 1 / rank : 0 };
}

/** Which fact patterns the answer text states (case-insensitive regular expressions). */
export function factScores(text: string, facts: readonly string[]) {
  const matched = facts.filter((f) => factPattern(f).test(text));
  const missing = facts.filter((f) => !matched.includes(f));
  return { matched, missing, recall: facts.length ? matched.length / facts.length : null };
}

/** A citation is valid when its quote is exactly the cited document's text at its offsets. */
export async function citationValidity(
  citations: readonly Pick<Citation, 'n' | 'docId' | 'quote' | 'start' | 'end'>[],
  getDocument: (docId: string) => Promise<{ text: string } | null>,
): Promise<Map<number, boolean>> {
  const valid = new Map<number, boolean>();
  for (const c of citations) {
    const document = await getDocument(c.docId);
    valid.set(c.n, Boolean(document) && c.end > c.start && document!.text.slice(c.start, c.end) === c.quote);
  }
  return valid;
}

/** Abstention as a classifier whose positive class is "should abstain". */
export function abstentionScores(outcomes: readonly { shouldAbstain: boolean; abstained: boolean }[]) {
  const tp = outcomes.filter((o) => o.shouldAbstain && o.abstained).length;
  const predicted = outcomes.filter((o) => o.abstained).length;
  const actual = outcomes.filter((o) => o.shouldAbstain).length;
  return { precision: predicted ? tp / predicted : null, recall: actual ? tp / actual : null };
}

/** Nearest-rank percentile (p in 0..100) of a sample; null for an empty one. */
export function percentile(values: readonly number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const mean = (values: readonly (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

/** The share of `items` for which `test` holds; null for none. */
function share<T>(items: readonly T[], test: (item: T) => boolean): number | null {
  return items.length ? items.filter(test).length / items.length : null;
}

/** Pools per-case results into the overall metrics. */
export function summarize(cases: readonly CaseResult[]): Metrics {
  const answerable = cases.filter((c) => !c.unanswerable);
  const answered = cases.filter((c) => c.answer && !c.answer.abstained);
  const validity = cases.reduce((sum, c) => ({ valid: sum.valid + c.citationCounts.valid, total: sum.total + c.citationCounts.total }), { valid: 0, total: 0 });
  const abstention = abstentionScores(
    cases.filter((c) => c.answer).map((c) => ({ shouldAbstain: c.unanswerable, abstained: c.answer!.abstained })),
  );
  const latencies = cases.map((c) => c.scores.latencyMs).filter((v): v is number => v !== null);
  const firstSentences = cases.map((c) => c.firstSentenceAnswers).filter((v): v is boolean => v !== null);
  const followUps = cases.filter((c) => c.history.length > 0);
  return {
    cases: cases.length,
    passRate: share(cases, (c) => c.pass),
    answerableRight: share(answerable, (c) => c.pass),
    recallAtK: mean(cases.map((c) => c.scores.recallAtK)),
    mrr: mean(cases.map((c) => c.scores.reciprocalRank)),
    factRecall: mean(answerable.map((c) => c.scores.factRecall)),
    factPassRate: share(answerable, (c) => c.scores.factRecall === 1),
    firstSentenceRate: share(firstSentences, (v) => v),
    followUpAccuracy: share(followUps, (c) => c.pass),
    abstentionPrecision: abstention.precision,
    abstentionRecall: abstention.recall,
    citationValidity: validity.total ? validity.valid / validity.total : null,
    citationRecall: mean(answered.map((c) => c.scores.citationRecall)),
    citationPrecision: mean(answered.map((c) => c.scores.citationPrecision)),
    latencyP50Ms: percentile(latencies, 50),
    latencyP95Ms: percentile(latencies, 95),
  };
}
