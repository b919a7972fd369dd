// Prompt templates for Claude: loaded from prompts/ at the edge, validated here, passed in (core never reads files).
import { z } from 'zod';

/** Placeholders look like {{name}}; a template must use the ones its caller fills. */
const withPlaceholders = (...names: string[]) =>
  z.string().min(1).refine((text) => names.every((name) => text.includes(`{{${name}}}`)), {
    message: `template must use ${names.map((n) => `{{${n}}}`).join(', ')}`,
  });

export const AnswerPrompt = z.object({
  /** e.g. "answer.v1": recorded so a change of prompt is visible in logs and evals. */
  id: z.string().min(1),
  /** Static rules; the cached prefix. Never holds source text. */
  system: withPlaceholders('abstain'),
  /** The text after the search results in the user message. */
  user: withPlaceholders('question'),
  /** The exact sentence Claude writes when the sources do not cover the question. */
  abstain: z.string().min(10),
});
export type AnswerPrompt = z.infer<typeof AnswerPrompt>;

export const RewritePrompt = z.object({
  id: z.string().min(1),
  system: z.string().min(1),
  user: withPlaceholders('history', 'question'),
});
export type RewritePrompt = z.infer<typeof RewritePrompt>;

export const ClaudePrompts = z.object({ answer: AnswerPrompt, rewrite: RewritePrompt });
export type ClaudePrompts = z.infer<typeof ClaudePrompts>;

/** Fills {{name}} placeholders; an unknown placeholder is left as is so a typo shows in the request. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The answer system prompt with its abstention sentence filled in. */
export const answerSystemText = (prompt: AnswerPrompt): string => fillTemplate(prompt.system, { abstain: prompt.abstain }).trim();
