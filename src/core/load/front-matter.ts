// YAML front matter of Markdown files: the fields an explainer declares about itself, validated like any boundary.
import { parse } from 'yaml';
import { z } from 'zod';
import { IsoDate } from '../schema.js';
import { toIsoDay } from './dates.js';

const FENCE = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

// YAML 1.1 parsers turn 2026-01-11 into a Date; timestamps are cut to their day.
const Day = z
  .union([z.string(), z.date()])
  .transform((value) => toIsoDay(value) ?? String(value))
  .pipe(IsoDate);

// A publication is often dated to the month or year only ("2025-03"): a source's date may be, the document's may not.
// YAML reads 2017 as a number and 2025-03 as a string.
const PARTIAL_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2]))?$/;
const SourceDay = z
  .union([z.string(), z.number(), z.date()])
  .transform((value) => toIsoDay(value) ?? String(value).trim())
  .refine((value) => IsoDate.safeParse(value).success || PARTIAL_DATE.test(value), 'expected a date as YYYY-MM-DD, YYYY-MM or YYYY');

// Blank strings mean "not given".
const Text = z
  .string()
  .trim()
  .transform((value) => value || undefined);

export const FrontMatter = z.object({
  title: Text.optional(),
  publisher: Text.optional(),
  date: Day.optional(),
  updated: Day.optional(),
  url: Text.optional(),
  sources: z
    .array(z.object({ publisher: Text.optional(), title: Text.optional(), url: Text.optional(), date: SourceDay.optional() }))
    .default([]),
});
export type FrontMatter = z.infer<typeof FrontMatter>;

export type FrontMatterResult = { ok: true; data: FrontMatter; body: string } | { ok: false; reason: string; cause?: unknown };

/** Splits off and validates front matter; a file without any gets empty metadata and its whole text as body. */
export function readFrontMatter(source: string): FrontMatterResult {
  const fence = FENCE.exec(source);
  if (!fence) return { ok: true, data: FrontMatter.parse({}), body: source };
  let raw: unknown;
  try {
    raw = parse(fence[1] ?? '');
  } catch (error) {
    return { ok: false, reason: `its front matter is not valid YAML (${firstLine(error)})`, cause: error };
  }
  if (raw !== null && raw !== undefined && (typeof raw !== 'object' || Array.isArray(raw))) {
    return { ok: false, reason: 'its front matter is not a mapping of fields' };
  }
  const parsed = FrontMatter.safeParse(raw ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'front matter'}: ${issue.message}`);
    return { ok: false, reason: `its front matter is invalid (${problems.join('; ')})`, cause: parsed.error };
  }
  return { ok: true, data: parsed.data, body: source.slice(fence[0].length) };
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
