// Node edge: loads the versioned prompt templates from prompts/ once at start-up and validates them.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ClaudePrompts } from './core/answer/claude/prompts.js';
import { createError } from './core/errors.js';
import { PACKAGE_ROOT } from './package-root.js';

export const DEFAULT_PROMPTS_DIR = join(PACKAGE_ROOT, 'prompts');

export interface LoadPromptsOptions {
  dir?: string;
  answerVersion?: number;
  rewriteVersion?: number;
}

const PromptFile = z.object({
  version: z.number().int().positive(),
  abstain: z.string().optional(),
  user: z.string(),
});

/** Reads `answer.v<N>.md` and `rewrite.v<N>.md`: YAML front matter (version, user template, …) and the system prompt as body. */
export async function loadPrompts(options: LoadPromptsOptions = {}): Promise<ClaudePrompts> {
  const dir = options.dir ?? DEFAULT_PROMPTS_DIR;
  const [answer, rewrite] = await Promise.all([
    readPromptFile(dir, 'answer', options.answerVersion ?? 1),
    readPromptFile(dir, 'rewrite', options.rewriteVersion ?? 1),
  ]);
  const parsed = ClaudePrompts.safeParse({ answer, rewrite });
  if (!parsed.success) {
    throw createError({ code: 'internal', message: `The prompts in ${dir} are invalid: ${z.prettifyError(parsed.error)}`, hint: 'Fix the prompt files or restore them from git.' });
  }
  return parsed.data;
}

async function readPromptFile(dir: string, name: string, version: number) {
  const path = join(dir, `${name}.v${version}.md`);
  const source = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw createError({ code: 'internal', message: `Cannot read the prompt ${path}`, hint: 'Run Remit from its install folder, or restore prompts/ from git.', cause });
  });
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
  const header = PromptFile.safeParse(match ? parseYaml(match[1]!) : undefined);
  if (!match || !header.success) {
    throw createError({ code: 'internal', message: `The prompt ${path} needs front matter with version and user`, cause: header.error });
  }
  if (header.data.version !== version) {
    throw createError({ code: 'internal', message: `The prompt ${path} says version ${header.data.version}, expected ${version}` });
  }
  return { id: `${name}.v${version}`, system: match[2]!.trim(), user: header.data.user, abstain: header.data.abstain };
}
