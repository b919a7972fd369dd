import { describe, expect, it } from 'vitest';
import { compareReports } from './compare.js';
import { checkThresholds, parseThresholds } from './gate.js';
import { summarize } from './metrics.js';
import { renderHtmlReport, renderMetricTable, renderTerminalReport, worstCases } from './report.js';
import { type CaseResult, EvalReport } from './report-schema.js';

const result = (id: string, pass: boolean, extra: Partial<CaseResult> = {}): CaseResult => ({
  id,
  dataset: 'news',
  question: `Question ${id}?`,
  tags: [],
  unanswerable: false,
  split: 'dev',
  history: [],
  firstSentenceAnswers: pass,
  docs: ['004.txt'],
  pass,
  reasons: pass ? [] : [{ kind: 'missing_fact', detail: 'missing fact /18 million/' }],
  notes: [],
  answer: {
    text: 'Ofcom can fine up to £18 million [1].',
    abstained: false,
    mode: 'extractive',
    citations: [{ n: 1, docId: 'd1', origin: '004.txt', title: 'Fines', quote: 'fine up to £18 million', start: 3, end: 25, valid: true, alsoIn: [] }],
  },
  retrieved: [{ origin: '004.txt', alsoIn: ['005.txt'], score: 0.03 }],
  sentences: [{ text: 'Ofcom can fine up to £18 million.', cited: [1], supported: pass, unneeded: [] }],
  scores: { recallAtK: 1, reciprocalRank: 1, factRecall: pass ? 1 : 0, citationValidity: 1, citationRecall: pass ? 1 : 0, citationPrecision: pass ? 1 : 0, latencyMs: 20 },
  citationCounts: { valid: 1, total: 1 },
  ...extra,
});

const reportOf = (cases: CaseResult[], createdAt = '2026-01-01T00:00:00.000Z'): EvalReport =>
  EvalReport.parse({
    version: 1,
    createdAt,
    mode: 'extractive',
    judge: 'overlap-v1@0.75',
    k: 8,
    datasets: [...new Set(cases.map((c) => c.dataset))],
    overall: summarize(cases),
    byDataset: Object.fromEntries([...new Set(cases.map((c) => c.dataset))].map((d) => [d, summarize(cases.filter((c) => c.dataset === d))])),
    cases,
  });

const hostile = '<script>alert("x")</script> & \'quotes\'';
const current = reportOf([
  result('a', true),
  result('b', false, { question: hostile, reasons: [{ kind: 'unsupported_sentence', detail: `unsupported sentence "${hostile}"` }, { kind: 'missing_fact', detail: 'missing fact /10%/' }] }),
  result('c', true, { dataset: 'corpus' }),
]);
const baseline = reportOf([result('a', false), result('b', true), result('gone', true)], '2025-12-01T00:00:00.000Z');

describe('terminal report', () => {
  it('lays metrics out with a column per dataset and the baseline delta', () => {
    const table = renderMetricTable(current, compareReports(current, baseline));
    expect(table.split('\n')[0]).toMatch(/^Metric\s+overall\s+news\s+corpus\s+Δ baseline$/);
    expect(table).toMatch(/Cases passed\s+0\.667\s+0\.500\s+1\.000\s+\+0\.000/);
    expect(table).toMatch(/Latency p95\s+20 ms/);
  });

  it('names the worst cases with their reasons, the changed cases and the gate', () => {
    const text = renderTerminalReport(current, {
      comparison: compareReports(current, baseline),
      breaches: checkThresholds(current, parseThresholds({ min: { passRate: 0.9 }, max: { latencyP95Ms: 100 } })),
    });
    expect(worstCases(current).map((c) => c.id)).toEqual(['b']);
    expect(text).toContain('✗ news/b:');
    expect(text).toContain('- missing fact /10%/');
    expect(text).toContain('✓ now passes news/a');
    expect(text).toContain('✗ now fails  news/b');
    expect(text).toContain('new cases: corpus/c');
    expect(text).toContain('removed cases: news/gone');
    expect(text).toContain('Gate: FAILED');
    expect(text).toContain('Cases passed 0.667 is below the minimum 0.900');
  });
});

describe('compareReports', () => {
  it('gives signed deltas that know lower latency is better, and flags a different judge', () => {
    const faster = reportOf([result('a', true, { scores: { ...result('a', true).scores, latencyMs: 5 } })]);
    const other = { ...reportOf([result('a', true)]), judge: 'claude:claude-haiku-4-5' };
    const comparison = compareReports(faster, other);
    expect(comparison.deltas.find((d) => d.key === 'latencyP50Ms')).toMatchObject({ before: 20, after: 5, delta: -15, improved: true });
    expect(comparison.deltas.find((d) => d.key === 'passRate')).toMatchObject({ delta: 0, improved: null });
    expect(comparison.caveats).toEqual(['support judged by overlap-v1@0.75, baseline by claude:claude-haiku-4-5']);
  });
});

describe('HTML report', () => {
  const html = renderHtmlReport(current, { comparison: compareReports(current, baseline), baseline, breaches: [] });

  it('escapes every text it shows', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;');
  });

  it('is self-contained: inline CSS and SVG, no external assets or scripts', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<style>');
    expect(html.match(/<svg /g)).toHaveLength(2);
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|href="http/i);
  });

  it('charts every series including the baseline and drills into every case', () => {
    for (const name of ['overall', 'news', 'corpus', 'baseline']) expect(html).toContain(`>${name}</text>`);
    expect(html.match(/<details>/g)).toHaveLength(3);
    expect(html).toContain('Why it fails');
    expect(html).toContain('fine up to £18 million</blockquote>');
    expect(html).toContain('now passes: <strong>news/a</strong>');
    expect(html).toContain('Gate passed');
  });
});

describe('thresholds', () => {
  it('treats a metric that was not measured as a breach, and rejects unknown metrics', () => {
    const metrics = summarize([result('a', true, { answer: null, citationCounts: { valid: 0, total: 0 } })]);
    expect(checkThresholds({ overall: metrics, byDataset: {}, bySplit: {} }, parseThresholds({ min: { citationValidity: 0.9, passRate: 0.5 } }))).toEqual([
      { set: 'overall', key: 'citationValidity', label: 'Citation validity', value: null, limit: 0.9, bound: 'min' },
    ]);
    expect(() => parseThresholds({ min: { accuracy: 1 } })).toThrow(/Invalid thresholds: min: Unrecognized key: "accuracy"/);
  });

  it('checks each named set (a split or a dataset) against its own limits, and a set the run lacks breaches', () => {
    const heldout = summarize([result('a', true), result('b', false)]);
    const thresholds = parseThresholds({ min: { passRate: 0.1 }, sets: { heldout: { min: { passRate: 0.9 } }, news: { min: { passRate: 0.4 } }, missing: { min: { passRate: 0.1 } } } });
    const breaches = checkThresholds({ overall: heldout, byDataset: { news: heldout }, bySplit: { heldout } }, thresholds);
    expect(breaches).toEqual([
      { set: 'heldout', key: 'passRate', label: 'heldout: Cases passed', value: 0.5, limit: 0.9, bound: 'min' },
      { set: 'missing', key: 'passRate', label: 'missing: Cases passed', value: null, limit: 0.1, bound: 'min' },
    ]);
  });
});
