// The prompt file format, parsed the same way on Node (read from prompts/) and on Workers (bundled as text modules):
// YAML front matter (version, user template, abstain) between --- lines, then the system prompt as the body.
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createError } from '../../errors.js';
import { ClaudePrompts } from './prompts.js';

/** The versions Remit runs unless told otherwise; older files stay loadable for comparison and rollback. */
export const DEFAULT_PROMPT_VERSIONS = { answer: 2, rewrite: 1 } as const;

export type PromptName = keyof typeof DEFAULT_PROMPT_VERSIONS;

export const promptFileName = (name: PromptName, version: number): string => `${name}.v${version}.md`;

const FrontMatter = z.object({ version: z.number().int().positive(), abstain: z.string().optional(), user: z.string() });

/** One prompt file's text and the version the caller expects it to declare. */
export interface PromptSource {
  version: number;
  text: string;
  /** Where the text came from (a path, or "bundled answer.v2.md"), for error messages. */
  origin: string;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;

/** Splits and checks one file; the templates themselves are checked by `parseClaudePrompts`. */
export function parsePromptFile(name: PromptName, source: PromptSource) {
  const match = FRONT_MATTER.exec(source.text);
  const header = match ? FrontMatter.safeParse(readYaml(match[1]!, source.origin)) : undefined;
  if (!match || !header?.success) {
    throw createError({ code: 'internal', message: `The prompt ${source.origin} needs front matter with version and user`, cause: header?.error });
  }
  if (header.data.version !== source.version) {
    throw createError({ code: 'internal', message: `The prompt ${source.origin} says version ${header.data.version}, expected ${source.version}` });
  }
  return { id: `${name}.v${source.version}`, system: match[2]!.trim(), user: header.data.user, abstain: header.data.abstain };
}

function readYaml(text: string, origin: string): unknown {
  try {
    return parseYaml(text);
  } catch (cause) {
    throw createError({ code: 'internal', message: `The prompt ${origin} has front matter that is not valid YAML`, cause });
  }
}

/** Both prompt files, parsed and validated (placeholders, abstention sentence): what the Claude answerer is given. */
export function parseClaudePrompts(sources: Record<PromptName, PromptSource>): ClaudePrompts {
  const parsed = ClaudePrompts.safeParse({ answer: parsePromptFile('answer', sources.answer), rewrite: parsePromptFile('rewrite', sources.rewrite) });
  if (!parsed.success) {
    throw createError({
      code: 'internal',
      message: `The prompts ${sources.answer.origin} and ${sources.rewrite.origin} are invalid: ${z.prettifyError(parsed.error)}`,
      hint: 'Fix the prompt files or restore them from git.',
    });
  }
  return parsed.data;
}
