// The Claude prompts, bundled into the Worker as text modules and parsed by the same core function Node uses.
import { DEFAULT_PROMPT_VERSIONS, parseClaudePrompts } from '../../core/answer/claude/prompt-file.js';
import type { ClaudePrompts } from '../../core/answer/claude/prompts.js';
import answerV2 from '../../../prompts/answer.v2.md';
import rewriteV1 from '../../../prompts/rewrite.v1.md';

/** Parsed once per isolate, when the app is built (only when an Anthropic key is set). Ships the default versions. */
export function bundledPrompts(): ClaudePrompts {
  return parseClaudePrompts({
    // A version bump without a new import here fails loudly: the file's front matter must match the default version.
    answer: { version: DEFAULT_PROMPT_VERSIONS.answer, text: answerV2, origin: 'bundled answer.v2.md' },
    rewrite: { version: DEFAULT_PROMPT_VERSIONS.rewrite, text: rewriteV1, origin: 'bundled rewrite.v1.md' },
  });
}
