// Powers cards: what each regulator can do, every filled field backed by exact quotes from the sources.
// A namespace import keeps the widget bundle small (see core/schema.ts).
import * as z from 'zod';
import { IsoDate } from '../schema.js';
import { POWER_KINDS } from './kinds.js';

export { POWER_KINDS };

export const PowerKind = z.enum(POWER_KINDS);
export type PowerKind = z.infer<typeof PowerKind>;

export const Currency = z.enum(['GBP', 'EUR', 'AUD', 'USD']);
export type Currency = z.infer<typeof Currency>;

/** A quote that states a field: always `document(docId).text.slice(start, end) === quote`. */
export const PowerCitation = z
  .object({
    docId: z.string().min(1),
    title: z.string(),
    origin: z.string(),
    quote: z.string().min(1),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((c) => c.end - c.start === c.quote.length, { message: 'quote length must equal end - start' });
export type PowerCitation = z.infer<typeof PowerCitation>;

export const Money = z.object({ value: z.number().positive(), currency: Currency });
export type Money = z.infer<typeof Money>;

export const Percentage = z.object({
  value: z.number().positive().max(100),
  /** What the percentage is of, as the source words it ("qualifying worldwide revenue"). */
  of: z.string().optional(),
});
export type Percentage = z.infer<typeof Percentage>;

export const LimitCombinator = z.enum(['greater_of', 'lesser_of', 'per_day']);

export const PowerLimit = z.object({
  /** The limit as the source states it. */
  text: z.string().min(1),
  amounts: z.array(Money).default([]),
  percentages: z.array(Percentage).default([]),
  combinator: LimitCombinator.optional(),
});
export type PowerLimit = z.infer<typeof PowerLimit>;

export const DecidedBy = z.enum(['regulator', 'court', 'government']);
export type DecidedBy = z.infer<typeof DecidedBy>;

export const PowerStatus = z.enum(['in_force', 'planned', 'proposed']);
export type PowerStatus = z.infer<typeof PowerStatus>;

/** Every field a source can state; `citations[field]` lists the quotes that state it. */
export const POWER_FIELDS = ['regulator', 'statute', 'section', 'kind', 'scope', 'limit', 'decidedBy', 'status', 'asOf'] as const;
export const PowerField = z.enum(POWER_FIELDS);
export type PowerField = z.infer<typeof PowerField>;

/** Two or more sources disagree on a field: every value is shown with the quote that states it. */
export const PowerConflict = z.object({
  field: PowerField,
  values: z.array(z.object({ value: z.string(), citation: PowerCitation })).min(2),
});
export type PowerConflict = z.infer<typeof PowerConflict>;

export const Power = z
  .object({
    /** Stable: regulator, statute, kind and scope as a slug. */
    id: z.string().min(1),
    regulator: z.string().min(1),
    statute: z.string().optional(),
    /** The provision most sources cite, e.g. "section 144" or "Schedule 13, paragraph 4". */
    section: z.string().optional(),
    kind: PowerKind,
    /** Narrows a power that sources state separately, e.g. "information failures" for a lower fine cap. */
    scope: z.string().optional(),
    limit: PowerLimit.optional(),
    decidedBy: DecidedBy.optional(),
    status: PowerStatus.optional(),
    asOf: IsoDate.optional(),
    citations: z.partialRecord(PowerField, z.array(PowerCitation)),
    conflicts: z.array(PowerConflict).default([]),
  })
  .superRefine((power, ctx) => {
    // The contract of a card: nothing is shown that no quote states.
    for (const field of POWER_FIELDS) {
      if (power[field] !== undefined && !power.citations[field]?.length) {
        ctx.addIssue({ code: 'custom', path: ['citations', field], message: `${field} is filled but has no citation` });
      }
    }
  });
export type Power = z.infer<typeof Power>;

export const PowersTable = z.object({
  version: z.literal(1),
  builtAt: z.string(),
  extractor: z.enum(['rules', 'claude']),
  documents: z.number().int().nonnegative(),
  powers: z.array(Power),
});
export type PowersTable = z.infer<typeof PowersTable>;

export const PowersQuery = z.object({
  regulator: z.string().trim().min(1).max(100).optional(),
  kind: PowerKind.optional(),
});
export type PowersQuery = z.infer<typeof PowersQuery>;
