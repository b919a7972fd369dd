// Field precision and recall of an extracted powers table against labelled expected powers.
// A power is matched by (regulator, kind, scope); its identity counts as one field, then each labelled field.
import * as z from 'zod';
import { createError } from '../core/errors.js';
import { Currency, DecidedBy, type Power, PowerKind, PowerStatus } from '../core/powers/schema.js';

/** One value or several acceptable ones (a power resting on two provisions may be cited by either). */
const OneOf = z.union([z.string(), z.array(z.string()).min(1)]);

export const ExpectedPower = z.object({
  id: z.string().min(1),
  /** Which documents the label was made from: the project corpus with the news ("all"), or the news alone. */
  set: z.enum(['all', 'news']),
  regulator: z.string().min(1),
  kind: PowerKind,
  scope: z.string().optional(),
  fields: z.object({
    statute: OneOf.optional(),
    section: OneOf.optional(),
    limit: z
      .object({
        amounts: z.array(z.object({ value: z.number().positive(), currency: Currency })),
        percentages: z.array(z.number().positive()),
        combinator: z.enum(['greater_of', 'lesser_of', 'per_day']).optional(),
      })
      .optional(),
    decidedBy: DecidedBy.optional(),
    status: PowerStatus.optional(),
    asOf: z.string().optional(),
  }),
  note: z.string().optional(),
});
export type ExpectedPower = z.infer<typeof ExpectedPower>;

const SCORED_FIELDS = ['power', 'statute', 'section', 'limit', 'decidedBy', 'status', 'asOf'] as const;
type ScoredField = (typeof SCORED_FIELDS)[number];

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
}

export interface PowersScore {
  precision: number;
  recall: number;
  f1: number;
  perField: Record<ScoredField, Counts & { precision: number; recall: number }>;
  /** What went wrong, one line each: to read, not to count. */
  misses: string[];
}

export function parseExpectedPowers(text: string): ExpectedPower[] {
  return text
    .split('\n')
    .map((line, i) => [line.trim(), i + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, n]) => {
      try {
        return ExpectedPower.parse(JSON.parse(line));
      } catch (cause) {
        throw createError({ code: 'bad_input', message: `Expected powers line ${n} is not valid`, cause });
      }
    });
}

export function scorePowers(expected: readonly ExpectedPower[], actual: readonly Power[]): PowersScore {
  const counts = Object.fromEntries(SCORED_FIELDS.map((f) => [f, { truePositives: 0, falsePositives: 0, falseNegatives: 0 }])) as Record<ScoredField, Counts>;
  const misses: string[] = [];
  const unmatched = [...actual];
  for (const want of expected) {
    const i = unmatched.findIndex((p) => p.regulator === want.regulator && p.kind === want.kind && p.scope === want.scope);
    const got = i >= 0 ? unmatched.splice(i, 1)[0] : undefined;
    const label = `${want.regulator} ${want.kind}${want.scope ? ` (${want.scope})` : ''}`;
    if (!got) {
      counts.power.falseNegatives++;
      for (const field of SCORED_FIELDS) if (field !== 'power' && want.fields[field] !== undefined) counts[field].falseNegatives++;
      misses.push(`missing power: ${label}`);
      continue;
    }
    counts.power.truePositives++;
    for (const field of SCORED_FIELDS) {
      if (field === 'power') continue;
      const wanted = want.fields[field];
      const value = got[field];
      if (value === undefined && wanted === undefined) continue;
      if (value !== undefined && wanted !== undefined && matches(field, wanted, value)) {
        counts[field].truePositives++;
        continue;
      }
      if (wanted !== undefined) counts[field].falseNegatives++;
      if (value !== undefined) counts[field].falsePositives++;
      misses.push(`${label}: ${field} is ${JSON.stringify(value ?? null)}, expected ${JSON.stringify(wanted ?? null)}`);
    }
  }
  // Powers nobody labelled: every field they fill is unsupported by the labels.
  for (const extra of unmatched) {
    counts.power.falsePositives++;
    for (const field of SCORED_FIELDS) if (field !== 'power' && extra[field] !== undefined) counts[field].falsePositives++;
    misses.push(`unexpected power: ${extra.id}`);
  }
  const total = Object.values(counts).reduce((a, c) => ({
    truePositives: a.truePositives + c.truePositives,
    falsePositives: a.falsePositives + c.falsePositives,
    falseNegatives: a.falseNegatives + c.falseNegatives,
  }));
  const precision = ratio(total.truePositives, total.truePositives + total.falsePositives);
  const recall = ratio(total.truePositives, total.truePositives + total.falseNegatives);
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    perField: Object.fromEntries(
      SCORED_FIELDS.map((f) => [f, { ...counts[f], precision: ratio(counts[f].truePositives, counts[f].truePositives + counts[f].falsePositives), recall: ratio(counts[f].truePositives, counts[f].truePositives + counts[f].falseNegatives) }]),
    ) as PowersScore['perField'],
    misses,
  };
}

function matches(field: Exclude<ScoredField, 'power'>, wanted: NonNullable<ExpectedPower['fields'][typeof field]>, value: NonNullable<Power[typeof field]>): boolean {
  if (field === 'limit') {
    const want = wanted as NonNullable<ExpectedPower['fields']['limit']>;
    const got = value as NonNullable<Power['limit']>;
    const sameAmounts = want.amounts.length === got.amounts.length && want.amounts.every((a) => got.amounts.some((b) => b.value === a.value && b.currency === a.currency));
    const samePercentages = want.percentages.length === got.percentages.length && want.percentages.every((p) => got.percentages.some((q) => q.value === p));
    return sameAmounts && samePercentages && (want.combinator ?? null) === (got.combinator ?? null);
  }
  return (Array.isArray(wanted) ? wanted : [wanted]).includes(value as string);
}

/** 1 when there is nothing to count: no claims made means none were wrong. */
const ratio = (numerator: number, denominator: number): number => (denominator === 0 ? 1 : numerator / denominator);

/** One line for a terminal report. */
export const formatPowersScore = (name: string, score: PowersScore): string =>
  `powers (${name}): field precision ${(score.precision * 100).toFixed(1)}%, recall ${(score.recall * 100).toFixed(1)}%, F1 ${(score.f1 * 100).toFixed(1)}%`;
