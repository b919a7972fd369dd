// The quality gate: minimums (and latency maximums) for overall metrics, set from measured runs and never loosened to pass.
import { z } from 'zod';
import { createError } from '../core/errors.js';
import { METRICS } from './metrics.js';
import type { MetricKey, Metrics } from './report-schema.js';

const MetricLimits = z.partialRecord(z.enum(METRICS.map((m) => m.key) as [MetricKey, ...MetricKey[]]), z.number());

export const Thresholds = z
  .object({
    /** Why these numbers: the run they were measured on. */
    note: z.string().optional(),
    /** The judge the numbers were measured with; citation scores from another judge are not comparable. */
    judge: z.string().optional(),
    min: MetricLimits.default({}),
    max: MetricLimits.default({}),
  })
  .strict();
export type Thresholds = z.infer<typeof Thresholds>;

export interface Breach {
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

/** Every metric outside its limit; a metric the run could not measure breaches any limit set on it. */
export function checkThresholds(metrics: Metrics, thresholds: Thresholds): Breach[] {
  const breaches: Breach[] = [];
  for (const info of METRICS) {
    const value = metrics[info.key];
    const min = thresholds.min[info.key];
    const max = thresholds.max[info.key];
    if (min !== undefined && (value === null || value < min)) breaches.push({ key: info.key, label: info.label, value, limit: min, bound: 'min' });
    if (max !== undefined && (value === null || value > max)) breaches.push({ key: info.key, label: info.label, value, limit: max, bound: 'max' });
  }
  return breaches;
}
