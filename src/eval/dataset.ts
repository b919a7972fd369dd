// Eval datasets: JSONL, one case a line, validated at load time with the line number and field of every problem.
import { z } from 'zod';
import { createError } from '../core/errors.js';
import { MAX_QUESTION_CHARS } from '../core/schema.js';

export const SPLITS = ['dev', 'heldout'] as const;
export type Split = (typeof SPLITS)[number];

const Pattern = z.string().min(1).refine(isRegex, 'not a valid regular expression');

const EvalCaseFields = z
  .object({
    id: z.string().min(1),
    question: z.string().trim().min(1).max(MAX_QUESTION_CHARS),
    /** Case-insensitive regular expressions the answer text must match, all of them. */
    facts: z.array(Pattern),
    /** Basenames of the documents that carry the supporting passage; any one of them satisfies the case. */
    docs: z.array(z.string().min(1).regex(/^[^/\\]+$/, 'expected a file basename, not a path')),
    /** The right answer is to abstain: the sources do not say, the premise is false, or it is out of scope. */
    unanswerable: z.boolean().default(false),
    tags: z.array(z.string().min(1)).default([]),
    /**
     * `dev` cases may be tuned on; `heldout` cases are only measured, never tuned on, so their scores say how Remit
     * does on questions nobody fitted it to.
     */
    split: z.enum(SPLITS).default('dev'),
    /** Earlier questions of the same conversation, asked first in order; the case scores the answer to `question`. */
    history: z.array(z.string().trim().min(1).max(MAX_QUESTION_CHARS)).max(10).default([]),
  })
  .strict();

export const EvalCase = EvalCaseFields.superRefine((c, ctx) => {
  if (c.unanswerable && c.facts.length) ctx.addIssue({ code: 'custom', path: ['facts'], message: 'an unanswerable case states no facts' });
    if (!c.unanswerable && !c.facts.length) ctx.addIssue({ code: 'custom', path: ['facts'], message: 'an answerable case needs at least one fact' });
    if (!c.unanswerable && !c.docs.length) ctx.addIssue({ code: 'custom', path: ['docs'], message: 'an answerable case needs at least one supporting document' });
});
export type EvalCase = z.infer<typeof EvalCase>;

/** A case together with the dataset it came from (the file name without `.jsonl`). */
export const DatasetCase = EvalCaseFields.extend({ dataset: z.string() });
export type DatasetCase = z.infer<typeof DatasetCase>;

export interface DatasetProblem {
  line: number;
  field: string;
  message: string;
}

/** Parses one JSONL dataset; throws a `bad_input` error listing every bad line, so one run fixes them all. */
export function parseDataset(text: string, name: string): DatasetCase[] {
  const cases: DatasetCase[] = [];
  const problems: DatasetProblem[] = [];
  const seen = new Map<string, number>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      problems.push({ line, field: '(line)', message: `not valid JSON (${(error as Error).message})` });
      return;
    }
    const parsed = EvalCase.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, field: issue.path.join('.') || '(case)', message: issue.message });
      return;
    }
    const first = seen.get(parsed.data.id);
    if (first) problems.push({ line, field: 'id', message: `duplicate id "${parsed.data.id}" (first on line ${first})` });
    seen.set(parsed.data.id, line);
    cases.push({ ...parsed.data, dataset: name });
  });
  if (problems.length) {
    throw createError({
      code: 'bad_input',
      message: `Dataset ${name} has ${problems.length} problem(s): ${problems.map((p) => `line ${p.line}, ${p.field}: ${p.message}`).join('; ')}`,
      hint: 'Each line must be a JSON object with id, question, facts, docs, tags and optionally unanswerable, split and history.',
      details: problems,
    });
  }
  if (!cases.length) throw createError({ code: 'bad_input', message: `Dataset ${name} has no cases` });
  return cases;
}

/** Compiles a fact pattern the way cases mean it: case-insensitive. */
export const factPattern = (source: string): RegExp => new RegExp(source, 'iu');

function isRegex(source: string): boolean {
  try {
    factPattern(source);
    return true;
  } catch {
    return false;
  }
}
