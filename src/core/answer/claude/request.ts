// Builds the Messages API request: rules in the cached system prefix, each hit as one citable search_result block.
import type { MessageCreateParamsBase, MessageParam, SearchResultBlockParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';
import type { Hit, Turn } from '../../schema.js';
import { type Span, sentenceSpans } from '../../text/sentences.js';
import { type AnswerPrompt, answerSystemText, fillTemplate } from './prompts.js';

// The newest Sonnet the installed SDK knows (its Model list); REMIT_MODEL overrides it at the edge.
export const DEFAULT_MODEL = 'claude-sonnet-5-5';
export const DEFAULT_MAX_TOKENS = 1024;

/** One search_result block as sent: its hit and the chunk-relative span of each of its text blocks. */
export interface SentSource {
  hit: Hit;
  blocks: Span[];
}

export interface AnswerRequest {
  params: MessageCreateParamsBase;
  /** Indexed like the API's `search_result_index`. */
  sources: SentSource[];
}

export interface AnswerRequestInput {
  question: string;
  history: readonly Turn[];
  hits: readonly Hit[];
  prompt: AnswerPrompt;
  model: string;
  maxTokens: number;
}

export function buildAnswerRequest(input: AnswerRequestInput): AnswerRequest {
  const sources = input.hits.map((hit) => ({ hit, blocks: passageBlocks(hit.chunk.text) }));
  const question: TextBlockParam = { type: 'text', text: fillTemplate(input.prompt.user, { question: input.question }).trim() };
  const messages = alternate([
    ...input.history.map((turn) => ({ role: turn.role, content: turn.content }) as MessageParam),
    { role: 'user', content: [...sources.map(toSearchResult), question] },
  ]);
  return {
    sources,
    params: {
      model: input.model,
      max_tokens: input.maxTokens,
      // The rules never change between questions: marked as the cached prefix. Source text never goes here.
      system: [{ type: 'text', text: answerSystemText(input.prompt), cache_control: { type: 'ephemeral' } }],
      messages,
    },
  };
}

/**
 * A passage as sentence-sized text blocks. The API cites whole text blocks (cited_text is never part of one),
 * so one block per sentence lets Claude cite a sentence rather than the whole passage.
 */
export function passageBlocks(text: string): Span[] {
  const spans = sentenceSpans(text);
  return spans.length ? spans : [{ start: 0, end: text.length }];
}

function toSearchResult({ hit, blocks }: SentSource): SearchResultBlockParam {
  return {
    type: 'search_result',
    source: hit.document.url ?? hit.document.origin,
    title: sourceTitle(hit),
    content: blocks.map((span) => ({ type: 'text', text: hit.chunk.text.slice(span.start, span.end) })),
    citations: { enabled: true },
  };
}

/** Title, publisher and date in words, so Claude can say "as reported on 11 January 2026". */
export function sourceTitle(hit: Hit): string {
  const { title, publisher, date } = hit.document;
  return [title, publisher, date ? `published ${formatDay(date)}` : undefined].filter(Boolean).join(' · ');
}

export function formatDay(isoDay: string): string {
  const date = new Date(`${isoDay}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? isoDay
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** The API wants alternating roles starting with the user: merge neighbours of one role, drop a leading reply. */
function alternate(messages: MessageParam[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    if (out.length === 0 && message.role === 'assistant') continue;
    const last = out.at(-1);
    if (last && last.role === message.role) last.content = [...asBlocks(last.content), ...asBlocks(message.content)];
    else out.push({ ...message });
  }
  return out;
}

function asBlocks(content: MessageParam['content']): Exclude<MessageParam['content'], string> {
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content;
}
