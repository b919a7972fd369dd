// The versioned Claude prompts, bundled into the Worker as text modules and validated like Node's src/prompts.ts does.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ClaudePrompts } from '../core/answer/claude/prompts.js';
import { createError } from '../core/errors.js';
import answerV1 from '../../prompts/answer.v1.md';
import rewriteV1 from '../../prompts/rewrite.v1.md';

const PromptFile = z.object({ version: z.number().int().positive(), abstain: z.string().optional(), user: z.string() });

/** Front matter (version, user template, abstain) and the system prompt as body, the same format Node reads. */
function parsePromptFile(name: string, version: number, source: string) {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  const header = PromptFile.safeParse(match ? parseYaml(match[1]!) : undefined);
  if (!match || !header.success || header.data.version !== version) {
    throw createError({ code: 'internal', message: `The bundled prompt ${name}.v${version}.md has no valid front matter for version ${version}` });
  }
  return { id: `${name}.v${version}`, system: match[2]!.trim(), user: header.data.user, abstain: header.data.abstain };
}

/** Parsed once per isolate, when the app is built (only when an Anthropic key is set). */
export function bundledPrompts(): ClaudePrompts {
  return ClaudePrompts.parse({ answer: parsePromptFile('answer', 1, answerV1), rewrite: parsePromptFile('rewrite', 1, rewriteV1) });
}
