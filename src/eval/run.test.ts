import { describe, expect, it } from 'vitest';
import type { Answerer, AnswerDraft } from '../core/answer/answerer.js';
import { createAsk } from '../core/ask.js';
import type { Document, Hit } from '../core/schema.js';
import type { DatasetCase } from './dataset.js';
import { OverlapJudge } from './judge/overlap.js';
import { runEval } from './run.js';

// Two tiny documents and a fixed answerer: the real ask pipeline runs around them.
const text = 'Ofcom can fine firms up to £18 million or 10% of their global revenue. Indonesia blocked Grok.';
const doc: Document = { id: 'd1', title: 'Fines', origin: '/news/004.txt', hash: 'h', sources: [], text };
const other: Document = { id: 'd2', title: 'Copy', origin: '/news/005.txt', hash: 'h2', sources: [], text };
const fine = { start: 0, end: text.indexOf('.') + 1 };
const hits: Hit[] = [
  {
    chunk: { id: 'd1#0', docId: 'd1', index: 0, ...fine, text: text.slice(fine.start, fine.end) },
    document: doc,
    score: 1,
    alsoIn: [{ docId: 'd2', title: 'Copy', origin: '/news/005.txt', chunkId: 'd2#0' }],
  },
];
const citation = (n: number, start: number, end: number) => ({ n, docId: 'd1', title: 'Fines', origin: doc.origin, quote: text.slice(start, end), start, end, alsoIn: [], sources: [] });

const drafts: Record<string, AnswerDraft> = {
  fine: { answer: 'Ofcom can fine firms up to £18 million or 10% of their global revenue [1].', abstained: false, citations: [citation(1, fine.start, fine.end)], mode: 'extractive' },
  wrong: { answer: 'Ofcom can fine businesses up to £20 million [1]. Ofcom is strict [2].', abstained: false, citations: [citation(1, fine.start, fine.end), { ...citation(2, 0, 5), start: 1 }], mode: 'extractive' },
  abstain: { answer: 'The sources do not say.', abstained: true, citations: [], mode: 'extractive' },
};
const answerer: Answerer = { mode: 'extractive', answer: async (input) => drafts[input.question.split(/\W/)[0]!]! };
const ask = createAsk({
  retriever: { retrieve: async () => hits },
  answerers: { extractive: answerer },
  defaultMode: 'extractive',
  rewriter: { rewrite: async (q) => q },
  getDocument: async (id) => [doc, other].find((d) => d.id === id) ?? null,
});

const evalCase = (id: string, question: string, extra: Partial<DatasetCase> = {}): DatasetCase => ({
  id, question, facts: ['18 million'], docs: ['005.txt'], unanswerable: false, tags: [], split: 'dev', history: [], dataset: 'tiny', ...extra,
});

describe("runEval", () => {
  it('scores each case through the ask stream and explains every failure', async () => {
    let clock = 0;
    const report = await runEval({
      ask,
      getDocument: async (id) => [doc, other].find((d) => d.id === id) ?? null,
      judge: new OverlapJudge(),
      now: () => (clock += 10),
      cases: [
        evalCase('good', 'fine?'),
        evalCase('bad', 'wrong?'),
        evalCase('shy', 'abstain?'),
        evalCase('trick', 'fine? in January', { facts: [], docs: [], unanswerable: true }),
        evalCase('honest', 'abstain? please', { facts: [], docs: [], unanswerable: true, dataset: 'other' }),
      ],
    });
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId.good).toMatchObject({ pass: true, reasons: [], scores: { recallAtK: 1, reciprocalRank: 1, factRecall: 1, citationRecall: 1, citationPrecision: 1, latencyMs: 10 } });
    expect(byId.good!.retrieved).toEqual([{ origin: '004.txt', alsoIn: ['005.txt'], score: 1 }]);
    expect(byId.bad!.reasons.map((r) => r.detail)).toEqual([
      'missing fact /18 million/',
      'citation [2] does not match 004.txt at 1–5',
      'unsupported sentence "Ofcom can fine businesses up to £20 million." (cites [1])',
      'unsupported sentence "Ofcom is strict." (cites [2])',
    ]);
    expect(byId.shy!.reasons.map((r) => r.kind)).toEqual(['abstained_wrongly']);
    expect(byId.trick!.reasons.map((r) => r.kind)).toEqual(['answered_unanswerable']);
    expect(byId.honest!.pass).toBe(true);
    expect(report.overall).toMatchObject({
      cases: 5,
      passRate: 0.4,
      recallAtK: 1,
      factRecall: 1 / 3,
      abstentionPrecision: 0.5,
      abstentionRecall: 0.5,
      citationValidity: 3 / 4,
      citationRecall: 2 / 3, // good and trick answered with support, bad did not
      latencyP50Ms: 10,
    });
    expect(report.datasets).toEqual(['tiny', 'other']);
    expect(report.byDataset.other).toMatchObject({ cases: 1, passRate: 1 });
    expect(report).toMatchObject({ mode: 'extractive', judge: 'overlap-v1@0.75', k: 8 });
  });

  it('records a failing pipeline as an error case instead of stopping the run', async () => {
    const broken = createAsk({
      retriever: { retrieve: async () => { throw new Error('disk on fire'); } },
      answerers: { extractive: answerer },
      defaultMode: 'extractive',
      rewriter: { rewrite: async (q) => q },
      getDocument: async () => null,
    });
    const report = await runEval({ ask: broken, getDocument: async () => null, judge: new OverlapJudge(), cases: [evalCase('x', 'fine?')] });
    expect(report.cases[0]).toMatchObject({ pass: false, answer: null, reasons: [{ kind: 'error', detail: expect.stringContaining('internal') }] });
  });

  it('asks a case\'s earlier questions first, in one conversation, and reports follow-ups, splits and first sentences apart', async () => {
    const seen: { question: string; history: number }[] = [];
    const recording = createAsk({
      retriever: { retrieve: async () => hits },
      answerers: { extractive: { mode: 'extractive', answer: async (input) => (seen.push({ question: input.question, history: input.history.length }), drafts[input.question.split(/\W/)[0]!]!) } },
      defaultMode: 'extractive',
      rewriter: { rewrite: async (q) => q },
      getDocument: async (id) => [doc, other].find((d) => d.id === id) ?? null,
    });
    const report = await runEval({
      ask: recording,
      getDocument: async (id) => [doc, other].find((d) => d.id === id) ?? null,
      judge: new OverlapJudge(),
      cases: [
        evalCase('alone', 'fine?', { facts: ['10%', '18 million'], split: 'heldout' }),
        evalCase('then', 'fine? again', { history: ['abstain? first', 'wrong? second'] }),
      ],
    });
    expect(seen).toEqual([
      { question: 'fine?', history: 0 },
      { question: 'abstain? first', history: 0 },
      { question: 'wrong? second', history: 2 },
      { question: 'fine? again', history: 4 },
    ]);
    const byId = Object.fromEntries(report.cases.map((c) => [c.id, c]));
    expect(byId.alone).toMatchObject({ split: 'heldout', firstSentenceAnswers: true, pass: true });
    expect(byId.then).toMatchObject({ split: 'dev', history: ['abstain? first', 'wrong? second'], firstSentenceAnswers: true });
    expect(report.overall).toMatchObject({ answerableRight: 1, firstSentenceRate: 1, followUpAccuracy: 1 });
    expect(report.bySplit.heldout).toMatchObject({ cases: 1 });
    expect(report.bySplit.dev).toMatchObject({ cases: 1 });
  });

  it('says the first sentence misses when the key fact comes later, and answers a dataset from its own index', async () => {
    const late: AnswerDraft = { answer: 'Indonesia blocked Grok [1]. Ofcom can fine firms up to £18 million or 10% of their global revenue [2].', abstained: false, citations: [citation(1, fine.end + 1, text.length), citation(2, fine.start, fine.end)], mode: 'extractive' };
    const own = createAsk({
      retriever: { retrieve: async () => hits },
      answerers: { extractive: { mode: 'extractive', answer: async () => late } },
      defaultMode: 'extractive',
      rewriter: { rewrite: async (q) => q },
      getDocument: async (id) => [doc, other].find((d) => d.id === id) ?? null,
    });
    const report = await runEval({
      ask,
      getDocument: async () => null,
      indexes: new Map([['style', { ask: own, getDocument: async (id: string) => [doc, other].find((d) => d.id === id) ?? null }]]),
      judge: new OverlapJudge(),
      cases: [evalCase('late', 'fine?', { dataset: 'style' })],
    });
    expect(report.cases[0]).toMatchObject({ firstSentenceAnswers: false, pass: true });
    expect(report.overall.firstSentenceRate).toBe(0);
  });
});
