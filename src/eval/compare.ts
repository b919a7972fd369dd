// Compares a run against a baseline report: per-metric deltas and the cases whose pass/fail changed.
import { METRICS, type MetricInfo } from './metrics.js';
import type { EvalReport, Metrics } from './report-schema.js';

export interface MetricDelta extends MetricInfo {
  before: number | null;
  after: number | null;
  delta: number | null;
  /** True when the change is an improvement, false when a regression, null when unchanged or unknown. */
  improved: boolean | null;
}

export interface CaseChange {
  key: string;
  question: string;
  before: boolean;
  after: boolean;
  /** The first reason it fails now (or failed before, for a fixed case). */
  reason?: string;
}

export interface Comparison {
  baselineCreatedAt: string;
  /** Differences in how the two runs were made, which make deltas less meaningful. */
  caveats: string[];
  deltas: MetricDelta[];
  changed: CaseChange[];
  added: string[];
  removed: string[];
}

const caseKey = (c: { dataset: string; id: string }) => `${c.dataset}/${c.id}`;

export function metricDeltas(after: Metrics, before: Metrics): MetricDelta[] {
  return METRICS.map((info) => {
    const a = after[info.key];
    const b = before[info.key];
    const delta = a !== null && b !== null ? a - b : null;
    const improved = delta === null || Math.abs(delta) < 1e-9 ? null : (delta > 0) === info.higherIsBetter;
    return { ...info, before: b, after: a, delta, improved };
  });
}

export function compareReports(current: EvalReport, baseline: EvalReport): Comparison {
  const caveats: string[] = [];
  if (current.judge !== baseline.judge) caveats.push(`support judged by ${current.judge}, baseline by ${baseline.judge}`);
  if (current.mode !== baseline.mode) caveats.push(`answers in ${current.mode} mode, baseline in ${baseline.mode} mode`);
  if (current.k !== baseline.k) caveats.push(`k = ${current.k}, baseline k = ${baseline.k}`);
  const before = new Map(baseline.cases.map((c) => [caseKey(c), c]));
  const after = new Map(current.cases.map((c) => [caseKey(c), c]));
  const changed: CaseChange[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    if (!then || then.pass === now.pass) continue;
    changed.push({ key, question: now.question, before: then.pass, after: now.pass, reason: (now.reasons[0] ?? then.reasons[0])?.detail });
  }
  return {
    baselineCreatedAt: baseline.createdAt,
    caveats,
    deltas: metricDeltas(current.overall, baseline.overall),
    changed,
    added: [...after.keys()].filter((k) => !before.has(k)),
    removed: [...before.keys()].filter((k) => !after.has(k)),
  };
}
