// The eval runner: every case goes through the same Ask pipeline as HTTP (its event stream), then gets scored.
import type { Ask } from '../core/ask.js';
import { isRemitError } from '../core/errors.js';
import type { Answer, AnswerMode, Hit, Turn } from '../core/schema.js';
import { judgeCitations } from './alce.js';
import { claimsOf, markerNumbers, stripMarkers } from './claims.js';
import type { DatasetCase } from './dataset.js';
import { type SupportJudge, memoizeJudge } from './judge/judge.js';
import { factPattern, SPLITS } from './dataset.js';
import { citationValidity, factScores, originBasename, retrievalScores, summarize } from './metrics.js';
import { type CaseResult, EvalReport, type Finding } from './report-schema.js';
import { DEFAULT_K } from './defaults.js';

/** An index to answer from: the ask pipeline over it, and its documents to check quotes against. */
export interface EvalIndex {
  ask: Ask;
  /** Loads the full cited document, to check each quote at its offsets. */
  getDocument(docId: string): Promise<{ text: string } | null>;
}

export interface RunEvalOptions extends EvalIndex {
  /** Datasets that carry their own documents are answered from an index of those alone, by dataset name. */
  indexes?: ReadonlyMap<string, EvalIndex>;
  cases: readonly DatasetCase[];
  judge: SupportJudge;
  k?: number;
  /** Answer mode to request; the pipeline's default when absent. */
  mode?: AnswerMode;
  now?: () => number;
  /** Called after each case, e.g. to draw progress. */
  onCase?: (result: CaseResult, done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Runs the cases one at a time (so latency is not shared between them) and returns the validated report. */
export async function runEval(options: RunEvalOptions): Promise<EvalReport> {
  const k = options.k ?? DEFAULT_K;
  const now = options.now ?? (() => performance.now());
  const judge = memoizeJudge(options.judge);
  const cachedDocuments = new Map<EvalIndex, Map<string, Promise<{ text: string } | null>>>();
  const indexOf = (dataset: string): EvalIndex => options.indexes?.get(dataset) ?? options;
  const documentsOf = (index: EvalIndex) => {
    const documents = cachedDocuments.get(index) ?? cachedDocuments.set(index, new Map()).get(index)!;
    return (id: string) => documents.get(id) ?? documents.set(id, index.getDocument(id)).get(id)!;
  };
  const results: CaseResult[] = [];
  let mode: AnswerMode | undefined = options.mode;
  for (const evalCase of options.cases) {
    const index = indexOf(evalCase.dataset);
    const history = await askHistory(index.ask, evalCase.history, { k, mode: options.mode }, options.signal);
    const started = now();
    const outcome = await askThroughStream(index.ask, { question: evalCase.question, history, k, mode: options.mode }, options.signal);
    const latencyMs = now() - started;
    mode ??= outcome.answer?.mode;
    const result = await scoreCase(evalCase, outcome, { k, latencyMs, judge, getDocument: documentsOf(index), signal: options.signal });
    results.push(result);
    options.onCase?.(result, results.length, options.cases.length);
  }
  const datasets = [...new Set(options.cases.map((c) => c.dataset))];
  return EvalReport.parse({
    version: 1,
    createdAt: new Date().toISOString(),
    mode: mode ?? 'extractive',
    judge: judge.id,
    k,
    datasets,
    overall: summarize(results),
    byDataset: Object.fromEntries(datasets.map((d) => [d, summarize(results.filter((r) => r.dataset === d))])),
    bySplit: Object.fromEntries(
      SPLITS.flatMap((split) => {
        const cases = results.filter((r) => r.split === split);
        return cases.length ? [[split, summarize(cases)]] : [];
      }),
    ),
    cases: results,
  });
}

interface Outcome {
  hits: Hit[];
  answer: Answer | null;
  error?: string;
}

/** Asks the earlier questions of a conversation in order, each with the turns before it; returns the turns. */
async function askHistory(ask: Ask, questions: readonly string[], request: { k: number; mode?: AnswerMode }, signal?: AbortSignal): Promise<Turn[]> {
  const turns: Turn[] = [];
  for (const question of questions) {
    const answer = await ask.ask({ question, history: [...turns], ...request }, signal);
    turns.push({ role: 'user', content: question }, { role: 'assistant', content: answer.answer });
  }
  return turns;
}

/** The hits come from the `sources` event and the answer from `done`: one pass, exactly what an SSE client sees. */
async function askThroughStream(ask: Ask, request: { question: string; history: Turn[]; k: number; mode?: AnswerMode }, signal?: AbortSignal): Promise<Outcome> {
  const outcome: Outcome = { hits: [], answer: null };
  try {
    for await (const event of ask.stream(request, signal)) {
      if (event.type === 'sources') outcome.hits = event.hits;
      else if (event.type === 'done') outcome.answer = event.answer;
      else if (event.type === 'error') outcome.error = `${event.error.code}: ${event.error.message}`;
    }
  } catch (error) {
    outcome.error = isRemitError(error) ? `${error.code}: ${error.toLine()}` : String(error);
  }
  if (!outcome.answer && !outcome.error) outcome.error = 'the answer stream ended without an answer';
  return outcome;
}

interface ScoreContext {
  k: number;
  latencyMs: number;
  judge: SupportJudge;
  getDocument(docId: string): Promise<{ text: string } | null>;
  signal?: AbortSignal;
}

const clip = (text: string, max = 160): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Scores one answered (or failed) case and says, in words, why it failed. */
export async function scoreCase(evalCase: DatasetCase, outcome: Outcome, context: ScoreContext): Promise<CaseResult> {
  const reasons: Finding[] = [];
  const notes: Finding[] = [];
  const retrieval = retrievalScores(outcome.hits, evalCase.docs, context.k);
  if (retrieval.recallAtK === 0) notes.push({ kind: 'retrieval_miss', detail: `none of ${evalCase.docs.join(', ')} in the top ${context.k}` });
  const base = {
    id: evalCase.id,
    dataset: evalCase.dataset,
    question: evalCase.question,
    tags: evalCase.tags,
    unanswerable: evalCase.unanswerable,
    split: evalCase.split,
    history: evalCase.history,
    docs: evalCase.docs,
    retrieved: outcome.hits.map((h) => ({ origin: originBasename(h.document.origin), alsoIn: h.alsoIn.map((c) => originBasename(c.origin)), score: h.score })),
  };
  const { answer } = outcome;
  if (!answer) {
    reasons.push({ kind: 'error', detail: outcome.error ?? 'no answer' });
    return {
      ...base,
      pass: false,
      reasons,
      notes,
      firstSentenceAnswers: null,
      answer: null,
      sentences: [],
      scores: { ...retrieval, factRecall: evalCase.unanswerable ? null : 0, citationValidity: null, citationRecall: null, citationPrecision: null, latencyMs: null },
      citationCounts: { valid: 0, total: 0 },
    };
  }

  const text = stripMarkers(answer.answer);
  const facts = factScores(text, evalCase.facts);
  if (evalCase.unanswerable && !answer.abstained) reasons.push({ kind: 'answered_unanswerable', detail: 'answered instead of abstaining' });
  if (!evalCase.unanswerable && answer.abstained) reasons.push({ kind: 'abstained_wrongly', detail: 'abstained although the sources answer it' });
  if (!answer.abstained) for (const fact of facts.missing) reasons.push({ kind: 'missing_fact', detail: `missing fact /${fact}/` });

  const valid = await citationValidity(answer.citations, context.getDocument);
  for (const c of answer.citations) {
    if (!valid.get(c.n)) reasons.push({ kind: 'invalid_citation', detail: `citation [${c.n}] does not match ${originBasename(c.origin)} at ${c.start}–${c.end}` });
  }
  const used = new Set(markerNumbers(answer.answer));
  const citedNumbers = new Set(answer.citations.map((c) => c.n));
  for (const n of used) if (!citedNumbers.has(n)) reasons.push({ kind: 'invalid_citation', detail: `marker [${n}] has no citation` });
  for (const n of citedNumbers) if (!used.has(n)) notes.push({ kind: 'unused_citation', detail: `citation [${n}] is never referenced in the text` });

  // ALCE scores the claims of an answer; an abstention makes none.
  const passages = new Map(answer.citations.map((c) => [c.n, c.quote]));
  const quality = answer.abstained
    ? { recall: null, precision: null, citations: 0, sentences: [] }
    : await judgeCitations(claimsOf(answer.answer), passages, context.judge, context.signal);
  for (const s of quality.sentences) {
    if (!s.supported) {
      const cites = s.cited.length ? `cites ${s.cited.map((n) => `[${n}]`).join('')}` : 'cites nothing';
      reasons.push({ kind: 'unsupported_sentence', detail: `unsupported sentence "${clip(s.text)}" (${cites})` });
    }
    for (const n of s.unneeded) notes.push({ kind: 'unneeded_citation', detail: `citation [${n}] is not needed for "${clip(s.text, 80)}"` });
  }

  const validCount = [...valid.values()].filter(Boolean).length;
  const firstClaim = claimsOf(answer.answer)[0]?.text;
  return {
    ...base,
    pass: reasons.length === 0,
    reasons,
    notes,
    firstSentenceAnswers: evalCase.unanswerable || answer.abstained || !evalCase.facts[0] || firstClaim === undefined ? null : factPattern(evalCase.facts[0]).test(firstClaim),
    answer: {
      text: answer.answer,
      abstained: answer.abstained,
      mode: answer.mode,
      citations: answer.citations.map((c) => ({
        n: c.n,
        docId: c.docId,
        origin: originBasename(c.origin),
        title: c.title,
        quote: c.quote,
        start: c.start,
        end: c.end,
        valid: valid.get(c.n) ?? false,
        alsoIn: c.alsoIn.map((a) => originBasename(a.origin)),
      })),
    },
    sentences: quality.sentences,
    scores: {
      ...retrieval,
      factRecall: evalCase.unanswerable ? null : (facts.recall ?? 0),
      citationValidity: answer.citations.length ? validCount / answer.citations.length : null,
      citationRecall: quality.recall,
      citationPrecision: quality.precision,
      latencyMs: context.latencyMs,
    },
    citationCounts: { valid: validCount, total: answer.citations.length },
  };
}
