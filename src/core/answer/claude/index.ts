// Claude answers through the native Citations API; see claude-answerer.ts.
export { ClaudeAnswerer, type ClaudeAnswererOptions, createClaudeAnswerer } from './claude-answerer.js';
export { ClaudeQueryRewriter, type ClaudeQueryRewriterOptions } from './query-rewriter.js';
export { AnswerPrompt, ClaudePrompts, RewritePrompt } from './prompts.js';
export { buildAnswerRequest, DEFAULT_MAX_TOKENS, DEFAULT_MODEL } from './request.js';
