// Offline token arithmetic for Claude requests: what the bench reports and the tests hold the prompts to.
import type { MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';

/** English prose runs at about 4 characters a token on Claude's tokenizer; treat estimates as ±15%. */
const CHARS_PER_TOKEN = 4;
/** Only these fields carry text the model reads; ids, types and flags are a few tokens of overhead at most. */
const TEXT_FIELDS = new Set(['text', 'title', 'source', 'content', 'system']);

/** Approximate input tokens of a request's system prompt and messages (characters / 4). */
export function estimateInputTokens(params: Pick<MessageCreateParamsBase, 'system' | 'messages'>): number {
  const texts: string[] = [];
  const collect = (value: unknown, key?: string): void => {
    if (typeof value === 'string') {
      if (key && TEXT_FIELDS.has(key)) texts.push(value);
    } else if (Array.isArray(value)) value.forEach((v) => collect(v, key));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) collect(v, k);
  };
  collect({ system: params.system, messages: params.messages });
  return estimateTextTokens(texts.join(''));
}

export const estimateTextTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

/**
 * The shortest prefix the API caches; a shorter one is silently not cached. From Anthropic's prompt-caching docs:
 * 4,096 for Opus 4.5/4.6 and Haiku 4.5, 2,048 for Haiku 3.x, 1,024 for Sonnet; models the docs do not list get Sonnet's.
 */
export function minCacheablePrefixTokens(model: string): number {
  if (/^claude-(opus-4-[56]|haiku-4-5)/.test(model)) return 4096;
  if (/^claude-3(-5)?-haiku/.test(model)) return 2048;
  return 1024;
}
