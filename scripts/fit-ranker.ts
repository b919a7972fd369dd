// Fits the extractive answerer's ranker on the DEV split of the evals, never on held-out cases, and writes the
// weights to src/core/answer/extractive/ranker-weights.ts. Run:
//
//   node --import tsx scripts/fit-ranker.ts            # fit and write
//   node --import tsx scripts/fit-ranker.ts --dry-run  # fit and print only
//
// 1. Every dev case is asked once through the real pipeline (fixture index of news + corpus, and each dataset that
//    carries its own documents on its own index), keeping the retrieved hits and the standalone query.
// 2. Each citable candidate sentence of an answerable case is labelled 1 when it states one of the case's facts (a
//    sentence announcing a list, with its items). The weights are fitted listwise (L2-regularised softmax over each
//    question's candidates, so the sentences stating a fact come first), then a bias is fitted pointwise so that the
//    relevance reads as a probability.
// 3. The answer threshold, the off-topic floor and the support ratio are then chosen by grid search with the fitted
//    weights, for the best balanced accuracy on dev: the share of answerable cases answered right (every fact stated)
//    and the share of unanswerable ones refused, weighed alike, so the few unanswerable cases are not outvoted.
//
//   node --import tsx scripts/fit-ranker.ts --refine   # start from the current weights instead of step 2
//   node --import tsx scripts/fit-ranker.ts --weight verbInSentence --values 0,0.5,1,1.5,2   # one weight, end to end
//
// With --refine, step 2 is replaced by a coordinate search from the weights in use: each weight (and the bias) in turn
// is scaled or shifted, and a change is kept when the answers on dev get better end to end (balanced accuracy, then
// the share of right answers whose first sentence states the fact). The sentence labels of step 2 say which sentences
// state a fact, not which answer the whole plan gives; this search measures the answers themselves.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Runtime } from '../src/adapter/node/runtime.js';
import { WordNetLexicon } from '../src/adapter/node/wordnet/wordnet-lexicon.js';
import { ExtractiveAnswerer } from '../src/core/answer/extractive.js';
import { FEATURES, type FeatureName } from '../src/core/answer/extractive/features.js';
import type { RankerWeights } from '../src/core/answer/extractive/ranker.js';
import { RANKER } from '../src/core/answer/extractive/ranker-weights.js';
import type { Ask } from '../src/core/ask.js';
import type { Hit, Turn } from '../src/core/schema.js';
import { claimsOf } from '../src/eval/claims.js';
import { openDatasetIndexes } from '../src/eval/dataset-indexes.js';
import { type DatasetCase, factPattern } from '../src/eval/dataset.js';
import { listDatasets, loadDatasets } from '../src/eval/load-dataset.js';
import { buildFixtureIndex } from '../test/support/fixture-index.js';
import { REPO_ROOT } from '../test/support/paths.js';

const { values } = parseArgs({
  options: { 'dry-run': { type: 'boolean', default: false }, refine: { type: 'boolean', default: false }, weight: { type: 'string' }, values: { type: 'string' } },
});
if (values.weight !== undefined && (!(FEATURES as readonly string[]).includes(values.weight) || !values.values)) {
  throw new Error(`--weight takes one of ${FEATURES.join(', ')}, with --values a,b,c`);
}
// Starting from the weights in use: a refine, or a line search over one weight.
const fromCurrent = values.refine || values.weight !== undefined;
const L2 = 0.01;
const STEPS = 3000;
const LEARNING_RATE = 0.5;
// The steps the refining search tries for each weight: scaled, or moved by a step for a weight near zero.
const REFINE_SCALES = [0, 0.5, 0.8, 1.25, 2];
const REFINE_SHIFTS = [-0.5, 0.5];
const REFINE_PASSES = 2;

interface Asked {
  evalCase: DatasetCase;
  query: string;
  hits: Hit[];
  /** The conversation before the question, as the eval asks it (a follow-up is answered knowing what was said). */
  history: Turn[];
  getDocument: (id: string) => Promise<{ text: string } | null>;
  /** The answerer options of the index the case is answered from (its powers table). */
  powers: Runtime['powers'];
}

const paths = await listDatasets(join(REPO_ROOT, 'evals'));
const dev = (await loadDatasets(paths)).filter((c) => c.split === 'dev');
const fixture = await buildFixtureIndex({ corpus: true });
const own = await openDatasetIndexes(paths, { embedder: 'hashing', warn: () => {} });
const lexicon = new WordNetLexicon();
try {
  const asked: Asked[] = [];
  for (const evalCase of dev) {
    const { runtime } = own.indexes.get(evalCase.dataset) ?? fixture;
    asked.push({ evalCase, ...(await retrieve(runtime.ask, evalCase)), getDocument: (id) => runtime.store.getDocument(id), powers: runtime.powers });
  }
  console.error(`Asked ${asked.length} dev cases (${asked.filter((a) => a.evalCase.unanswerable).length} unanswerable).`);

  const groups: { x: number[]; y: number }[][] = [];
  for (const a of asked.filter((a) => !a.evalCase.unanswerable)) {
    const plan = await new ExtractiveAnswerer({ lexicon, powers: a.powers }).plan({ question: a.evalCase.question, query: a.query, hits: a.hits, history: a.history, getDocument: a.getDocument });
    const facts = a.evalCase.facts.map(factPattern);
    const documents = new Map<string, string>();
    const rows: { x: number[]; y: number }[] = [];
    for (const e of plan.evidence) {
      // A sentence that announces a list states what its items state: it is quoted with them.
      const { candidate } = e;
      let text = candidate.text;
      if (candidate.items.length) {
        const doc = documents.get(candidate.hit.document.id) ?? (await a.getDocument(candidate.hit.document.id))?.text ?? '';
        documents.set(candidate.hit.document.id, doc);
        text += ` ${doc.slice(candidate.items[0]!.start, candidate.items[candidate.items.length - 1]!.end)}`;
      }
      rows.push({ x: FEATURES.map((f) => e.features[f]), y: facts[0]!.test(text) ? 1 : 0 });
    }
    if (rows.some((r) => r.y)) groups.push(rows);
  }
  const rows = groups.flat();
  const { weights, bias } = values.refine
    ? await refine(asked)
    : values.weight !== undefined
      ? await lineSearch(asked, values.weight as FeatureName, values.values!.split(',').map(Number))
      : fitListwise(groups);
  console.error(`Fitted on ${groups.length} questions, ${rows.length} sentences (${rows.filter((r) => r.y).length} stating a fact).`);

  // Coordinate search: the answer threshold with the off-topic floor, then the support ratio.
  const start = fromCurrent ? RANKER : { answerThreshold: 0.3, supportRatio: 0.6, minAttainable: 0.4 };
  let best = { answerThreshold: start.answerThreshold, supportRatio: start.supportRatio, minAttainable: start.minAttainable, right: -1 };
  const tryThresholds = async ({ answerThreshold, supportRatio, minAttainable }: Omit<typeof best, 'right'>) => {
    const settings = { answerThreshold, supportRatio, minAttainable };
    const { right } = await answeredRight(asked, (powers) => new ExtractiveAnswerer({ lexicon, powers, ranker: { fittedOn: '', weights, bias, ...settings } }));
    if (right > best.right) best = { ...settings, right };
  };
  // The thresholds in use are the first tried: the grid replaces them only with better ones.
  if (fromCurrent) await tryThresholds(best);
  for (const answerThreshold of [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7]) {
    for (const minAttainable of [0, 0.2, 0.3, 0.4, 0.5, 0.6]) await tryThresholds({ ...best, answerThreshold, minAttainable });
  }
  for (const supportRatio of [0.5, 0.6, 0.7, 0.8, 0.9, 1.01]) await tryThresholds({ ...best, supportRatio });
  const fitted: RankerWeights = {
    fittedOn: `dev split: ${asked.length} cases, ${rows.length} sentences${values.refine ? ', refined end to end' : values.weight ? `, ${values.weight} line-searched end to end` : ''}; balanced accuracy ${best.right.toFixed(3)} on dev at the chosen thresholds`,
    weights,
    bias,
    answerThreshold: best.answerThreshold,
    supportRatio: best.supportRatio,
    minAttainable: best.minAttainable,
  };
  console.error(fitted.fittedOn);
  const source = `// Written by scripts/fit-ranker.ts: do not edit by hand. Fitted on the dev split; see that script for how.
import type { RankerWeights } from './ranker.js';

export const RANKER: RankerWeights = ${JSON.stringify(fitted, null, 2).replace(/"(\w+)":/g, '$1:').replace(/"/g, "'")};
`;
  if (values['dry-run']) console.log(source);
  else await writeFile(join(REPO_ROOT, 'src/core/answer/extractive/ranker-weights.ts'), source);
} finally {
  lexicon.close();
  await own.close();
  await fixture.cleanup();
}

/** The hits and the standalone query of a case, asked as the eval asks it (earlier turns first). */
async function retrieve(ask: Ask, evalCase: DatasetCase): Promise<{ query: string; hits: Hit[]; history: Turn[] }> {
  const history: Turn[] = [];
  for (const question of evalCase.history) {
    const answer = await ask.ask({ question, history: [...history], mode: 'extractive' });
    history.push({ role: 'user', content: question }, { role: 'assistant', content: answer.answer });
  }
  let hits: Hit[] = [];
  let query = evalCase.question;
  for await (const event of ask.stream({ question: evalCase.question, history, mode: 'extractive' })) {
    if (event.type === 'sources') hits = event.hits;
    if (event.type === 'done') query = event.answer.query ?? evalCase.question;
  }
  return { query, hits, history };
}

/**
 * The weights in use, refined by coordinate search on the answers to the dev cases (see the header): each weight and
 * the bias in turn tries each step, and the best step that answers better is kept; passes repeat until none does.
 */
async function refine(asked: readonly Asked[]): Promise<{ weights: Record<FeatureName, number>; bias: number }> {
  const score = (ranker: Pick<RankerWeights, 'weights' | 'bias'>) => answeredRight(asked, (powers) => new ExtractiveAnswerer({ lexicon, powers, ranker: { ...RANKER, ...ranker } }));
  let current = { weights: { ...RANKER.weights }, bias: RANKER.bias };
  let best = await score(current);
  console.error(`refine: start right ${best.right.toFixed(3)} first ${best.first.toFixed(3)}`);
  for (let pass = 0; pass < REFINE_PASSES; pass++) {
    let changed = false;
    for (const name of [...FEATURES, 'bias'] as const) {
      const value = name === 'bias' ? current.bias : current.weights[name];
      let found: { value: number; result: Answered } | undefined;
      for (const next of [...REFINE_SCALES.map((m) => value * m), ...REFINE_SHIFTS.map((d) => value + d)]) {
        const trial = name === 'bias' ? { ...current, bias: next } : { ...current, weights: { ...current.weights, [name]: next } };
        const result = await score(trial);
        if (better(result, found?.result ?? best)) found = { value: next, result };
      }
      if (!found) continue;
      const rounded = Math.round(found.value * 1000) / 1000;
      current = name === 'bias' ? { ...current, bias: rounded } : { ...current, weights: { ...current.weights, [name]: rounded } };
      best = found.result;
      changed = true;
      console.error(`refine: ${name} ${value} -> ${rounded}: right ${best.right.toFixed(3)} first ${best.first.toFixed(3)}`);
    }
    if (!changed) break;
  }
  return current;
}

/**
 * One weight (a new feature's, say) chosen from `candidates` by the answers to the dev cases end to end, the others as
 * in use: the best balanced accuracy, then the best first-sentence rate; the value in use wins ties.
 */
async function lineSearch(asked: readonly Asked[], name: FeatureName, candidates: readonly number[]): Promise<{ weights: Record<FeatureName, number>; bias: number }> {
  const withValue = (value: number) => ({ weights: { ...RANKER.weights, [name]: value }, bias: RANKER.bias });
  const score = (value: number) => answeredRight(asked, (powers) => new ExtractiveAnswerer({ lexicon, powers, ranker: { ...RANKER, ...withValue(value) } }));
  let best = { value: RANKER.weights[name], result: await score(RANKER.weights[name]) };
  for (const value of candidates) {
    const result = await score(value);
    console.error(`line search: ${name} ${value}: right ${result.right.toFixed(3)} first ${result.first.toFixed(3)}`);
    if (better(result, best.result)) best = { value, result };
  }
  console.error(`line search: ${name} -> ${best.value}`);
  return withValue(best.value);
}

/** More dev answers right, or as many with more first sentences stating the fact. */
function better(a: Answered, b: Answered): boolean {
  return a.right > b.right + 1e-9 || (Math.abs(a.right - b.right) <= 1e-9 && a.first > b.first + 1e-9);
}

interface Answered {
  /** Balanced accuracy: answerable cases answered right and unanswerable ones refused, weighed alike. */
  right: number;
  /** Of the answerable cases answered right, the share whose first sentence states the first fact. */
  first: number;
}

/** Balanced accuracy over dev: the mean of the answerable cases answered right and the unanswerable ones refused. */
async function answeredRight(asked: readonly Asked[], answererFor: (powers: Asked['powers']) => ExtractiveAnswerer): Promise<Answered> {
  const right = { answerable: 0, unanswerable: 0 };
  const total = { answerable: 0, unanswerable: 0 };
  let first = 0;
  const answerers = new Map<Asked['powers'], ExtractiveAnswerer>();
  for (const a of asked) {
    const answerer = answerers.get(a.powers) ?? answerers.set(a.powers, answererFor(a.powers)).get(a.powers)!;
    const draft = await answerer.answer({ question: a.evalCase.question, query: a.query, history: a.history, hits: a.hits, getDocument: a.getDocument });
    const text = draft.answer.replace(/\s*\[\d+\]/g, '');
    const kind = a.evalCase.unanswerable ? 'unanswerable' : 'answerable';
    total[kind]++;
    if (a.evalCase.unanswerable ? draft.abstained : !draft.abstained && a.evalCase.facts.every((f) => factPattern(f).test(text))) {
      right[kind]++;
      const lead = claimsOf(draft.answer)[0]?.text;
      if (!a.evalCase.unanswerable && lead !== undefined && factPattern(a.evalCase.facts[0]!).test(lead)) first++;
    }
  }
  return {
    right: (right.answerable / Math.max(1, total.answerable) + right.unanswerable / Math.max(1, total.unanswerable)) / 2,
    first: first / Math.max(1, right.answerable),
  };
}

/** Listwise: per question, softmax over its candidates; maximise the probability of the sentences stating a fact. */
function fitListwise(groups: readonly { x: number[]; y: number }[][]): { weights: Record<FeatureName, number>; bias: number } {
  const w = new Array<number>(FEATURES.length).fill(0);
  for (let step = 0; step < STEPS; step++) {
    const grad = new Array<number>(FEATURES.length).fill(0);
    for (const rows of groups) {
      const scores = rows.map(({ x }) => x.reduce((sum, v, i) => sum + v * w[i]!, 0));
      const top = Math.max(...scores);
      const exp = scores.map((z) => Math.exp(z - top));
      const all = exp.reduce((a, b) => a + b, 0);
      const good = exp.reduce((a, e, i) => a + (rows[i]!.y ? e : 0), 0);
      // d/dw of -log(good/all) = E_all[x] - E_good[x]
      rows.forEach(({ x, y }, j) => x.forEach((v, i) => (grad[i]! += v * (exp[j]! / all - (y ? exp[j]! / good : 0)))));
    }
    for (let i = 0; i < w.length; i++) w[i]! -= LEARNING_RATE * (grad[i]! / groups.length + L2 * w[i]!);
  }
  // The bias that makes sigmoid(bias + w·x) the pointwise chance that a sentence states a fact.
  const rows = groups.flat();
  const scores = rows.map(({ x }) => x.reduce((sum, v, i) => sum + v * w[i]!, 0));
  let b = 0;
  for (let step = 0; step < STEPS; step++) {
    let gradB = 0;
    rows.forEach(({ y }, j) => (gradB += 1 / (1 + Math.exp(-(b + scores[j]!))) - y));
    b -= LEARNING_RATE * (gradB / rows.length);
  }
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return { weights: Object.fromEntries(FEATURES.map((f, i) => [f, round(w[i]!)])) as Record<FeatureName, number>, bias: round(b) };
}
