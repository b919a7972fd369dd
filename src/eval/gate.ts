// The quality gate: minimums (and latency maximums) for overall metrics, set from measured runs and never loosened to pass.
import { z } from 'zod';
import { createError } from '../core/errors.js';
import { METRICS } from './metrics.js';
import type { EvalReport, MetricKey, Metrics } from './report-schema.js';

const MetricLimits = z.partialRecord(z.enum(METRICS.map((m) => m.key) as [MetricKey, ...MetricKey[]]), z.number());

const Limits = z.object({ min: MetricLimits.default({}), max: MetricLimits.default({}) }).strict();

export const Thresholds = Limits.extend({
  /** Why these numbers: the run they were measured on. */
  note: z.string().optional(),
  /** The judge the numbers were measured with; citation scores from another judge are not comparable. */
  judge: z.string().optional(),
  /** Limits for one set of cases: a split (`dev`, `heldout`) or a dataset (`regulators`); the top level is all cases. */
  sets: z.record(z.string(), Limits).default({}),
}).strict();
export type Thresholds = z.infer<typeof Thresholds>;

export interface Breach {
  /** `overall`, a split or a dataset. */
  set: string;
  key: MetricKey;
  label: string;
  value: number | null;
  limit: number;
  bound: 'min' | 'max';
}

export function parseThresholds(json: unknown, source = 'thresholds'): Thresholds {
  const parsed = Thresholds.safeParse(json);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw createError({ code: 'bad_input', message: `Invalid ${source}: ${detail}`, details: parsed.error.issues });
  }
  return parsed.data;
}

/**
 * Every metric outside its limit, overall and in each set the thresholds name; a metric the run could not measure,
 * or a set it did not run, breaches any limit set on it.
 */
export function checkThresholds(report: Pick<EvalReport, 'overall' | 'byDataset' | 'bySplit'>, thresholds: Thresholds): Breach[] {
  const sets: Record<string, Metrics | undefined> = { ...report.byDataset, ...report.bySplit };
  return [
    ...breachesOf('overall', report.overall, thresholds),
    ...Object.entries(thresholds.sets).flatMap(([set, limits]) => breachesOf(set, sets[set], limits)),
  ];
}

function breachesOf(set: string, metrics: Metrics | undefined, limits: z.infer<typeof Limits>): Breach[] {
  const breaches: Breach[] = [];
  for (const info of METRICS) {
    const value = metrics?.[info.key] ?? null;
    const min = limits.min[info.key];
    const max = limits.max[info.key];
    const label = set === 'overall' ? info.label : `${set}: ${info.label}`;
    if (min !== undefined && (value === null || value < min)) breaches.push({ set, key: info.key, label, value, limit: min, bound: 'min' });
    if (max !== undefined && (value === null || value > max)) breaches.push({ set, key: info.key, label, value, limit: max, bound: 'max' });
  }
  return breaches;
}
