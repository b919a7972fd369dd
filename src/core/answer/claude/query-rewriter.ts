// Rewrites a follow-up into a standalone retrieval query with Claude; any failure falls back to the offline rewriter.
import type Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { MAX_QUESTION_CHARS, type Turn } from '../../schema.js';
import type { QueryRewriter } from '../answerer.js';
import { abortReason, describeApiFailure } from './failure.js';
import { fillTemplate, type RewritePrompt } from './prompts.js';
import { DEFAULT_MODEL } from './request.js';

/** A rewrite is one short line; anything else (an essay, an empty reply) is not used. */
const StandaloneQuery = z.string().trim().min(2).max(MAX_QUESTION_CHARS).regex(/^[^\n]+$/);

/** Prior turns quoted for the rewrite; long answers are cut, the question only needs their subject. */
const HISTORY_CHARS_PER_TURN = 600;
const REWRITE_MAX_TOKENS = 100;

export interface ClaudeQueryRewriterOptions {
  client: Pick<Anthropic, 'messages'>;
  model?: string;
  prompt: RewritePrompt;
  fallback: QueryRewriter;
}

export class ClaudeQueryRewriter implements QueryRewriter {
  constructor(private readonly options: ClaudeQueryRewriterOptions) {}

  async rewrite(question: string, history: readonly Turn[], signal?: AbortSignal): Promise<string> {
    if (history.length === 0) return question;
    const { client, prompt, fallback } = this.options;
    try {
      const message = await client.messages.create(
        {
          model: this.options.model ?? DEFAULT_MODEL,
          max_tokens: REWRITE_MAX_TOKENS,
          system: prompt.system.trim(),
          messages: [{ role: 'user', content: fillTemplate(prompt.user, { history: quoteHistory(history), question }).trim() }],
        },
        { signal },
      );
      const text = message.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      const parsed = StandaloneQuery.safeParse(text.replace(/^["“']|["”']$/g, ''));
      if (parsed.success) return parsed.data;
    } catch (error) {
      if (signal?.aborted) throw abortReason(signal);
      if (!describeApiFailure(error)) throw error;
    }
    return fallback.rewrite(question, history, signal);
  }
}

function quoteHistory(history: readonly Turn[]): string {
  return history
    .map((turn) => `${turn.role === 'user' ? 'User' : 'Assistant'}: ${turn.content.length > HISTORY_CHARS_PER_TURN ? `${turn.content.slice(0, HISTORY_CHARS_PER_TURN)}…` : turn.content}`)
    .join('\n');
}
