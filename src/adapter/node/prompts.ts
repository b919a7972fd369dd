// Node edge: reads the versioned prompt files from prompts/ once at start-up; parsing is shared with the Worker (core).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_PROMPT_VERSIONS, type PromptName, type PromptSource, parseClaudePrompts, promptFileName } from '../../core/answer/claude/prompt-file.js';
import type { ClaudePrompts } from '../../core/answer/claude/prompts.js';
import { createError } from '../../core/errors.js';
import { PACKAGE_ROOT } from './package-root.js';

export const DEFAULT_PROMPTS_DIR = join(PACKAGE_ROOT, 'prompts');

export interface LoadPromptsOptions {
  dir?: string;
  /** Defaults to DEFAULT_PROMPT_VERSIONS.answer (2); 1 stays loadable. */
  answerVersion?: number;
  rewriteVersion?: number;
}

/** Reads `answer.v<N>.md` and `rewrite.v<N>.md` and validates them (see core/answer/claude/prompt-file.ts for the format). */
export async function loadPrompts(options: LoadPromptsOptions = {}): Promise<ClaudePrompts> {
  const dir = options.dir ?? DEFAULT_PROMPTS_DIR;
  const [answer, rewrite] = await Promise.all([
    readPromptSource(dir, 'answer', options.answerVersion ?? DEFAULT_PROMPT_VERSIONS.answer),
    readPromptSource(dir, 'rewrite', options.rewriteVersion ?? DEFAULT_PROMPT_VERSIONS.rewrite),
  ]);
  return parseClaudePrompts({ answer, rewrite });
}

async function readPromptSource(dir: string, name: PromptName, version: number): Promise<PromptSource> {
  const path = join(dir, promptFileName(name, version));
  const text = await readFile(path, 'utf8').catch((cause: unknown) => {
    throw createError({ code: 'internal', message: `Cannot read the prompt ${path}`, hint: 'Run Remit from its install folder, or restore prompts/ from git.', cause });
  });
  return { version, text, origin: path };
}
