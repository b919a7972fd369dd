// Answers with Claude through the native Citations API: hits go in as search_result blocks, citations come back
// mapped to exact document offsets, are verified, and the text streams as it is written.
import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageStreamEvent, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { Citation, Hit, Verification } from '../../schema.js';
import { type AnswerDraft, type AnswerInput, type Answerer, type DraftEvent, documentTexts } from '../answerer.js';
import { claimSentences, renumberCitations, verifyCitations } from '../citations.js';
import { relatedDocuments } from '../extractive.js';
import { AnswerWriter } from './answer-writer.js';
import { abortReason, describeApiFailure, unavailableWarning } from './failure.js';
import { mapCitation } from './map-citation.js';
import type { ClaudePrompts } from './prompts.js';
import { buildAnswerRequest, DEFAULT_MAX_TOKENS, DEFAULT_MODEL, type SentSource } from './request.js';
import { removeUnsupportedSentences } from './strict.js';

export interface ClaudeAnswererOptions {
  /** Built by createClaudeClient (client.ts) at the edge; tests pass a stand-in. */
  client: Pick<Anthropic, 'messages'>;
  model?: string;
  prompts: ClaudePrompts;
  /** Answers when the API fails after its retries (the extractive answerer). */
  fallback: Answerer;
  /** Remove sentences that carry no verified citation. */
  strict?: boolean;
  maxTokens?: number;
  /** Token usage of each successful call, for logs and cost reports. */
  onUsage?: (usage: Usage, model: string) => void;
}

export class ClaudeAnswerer implements Answerer {
  readonly mode = 'claude' as const;
  readonly model: string;

  constructor(private readonly options: ClaudeAnswererOptions) {
    this.model = options.model ?? DEFAULT_MODEL;
  }

  async answer(input: AnswerInput, emit: (event: DraftEvent) => void = () => {}): Promise<AnswerDraft> {
    const { prompts } = this.options;
    if (input.hits.length === 0) return this.#abstain(input.hits, [], emit);
    const request = buildAnswerRequest({
      question: input.question,
      history: input.history,
      hits: input.hits,
      prompt: prompts.answer,
      model: this.model,
      maxTokens: this.options.maxTokens ?? DEFAULT_MAX_TOKENS,
    });
    let written: { writer: AnswerWriter; message: Message };
    try {
      written = await this.#stream(request.params, request.sources, input, emit);
    } catch (error) {
      if (input.signal?.aborted) throw abortReason(input.signal);
      const reason = describeApiFailure(error);
      if (!reason) throw error;
      const draft = await this.options.fallback.answer(input, emit);
      return { ...draft, warnings: [unavailableWarning(reason), ...(draft.warnings ?? [])] };
    }
    this.options.onUsage?.(written.message.usage, written.message.model);
    return this.#finish(input, written.writer, written.message, emit);
  }

  async #stream(params: Parameters<Anthropic['messages']['stream']>[0], sources: SentSource[], input: AnswerInput, emit: (event: DraftEvent) => void) {
    // Fetched while the request is in flight.
    const documents = documentTexts(sources.map((source) => source.hit), input.getDocument);
    const stream = this.options.client.messages.stream(params, { signal: input.signal });
    // Listening starts before anything else is awaited: the SDK's stream drops the events it emits before its iterator
    // exists, and a reply that ended while the documents loaded would leave the loop waiting forever.
    const events = stream[Symbol.asyncIterator]();
    try {
      return await this.#read(stream, events, sources, await documents, emit);
    } catch (error) {
      stream.abort(); // a failure on our side must not leave the request running
      throw error;
    }
  }

  async #read(
    stream: ReturnType<Anthropic['messages']['stream']>,
    events: AsyncIterator<MessageStreamEvent>,
    sources: SentSource[],
    texts: Map<string, string>,
    emit: (event: DraftEvent) => void,
  ) {
    const writer = new AnswerWriter((citation) => mapCitation(citation, sources, (id) => texts.get(id)), emit);
    const textBlocks = new Set<number>();
    for await (const event of { [Symbol.asyncIterator]: () => events }) {
      if (event.type === 'content_block_start' && event.content_block.type === 'text') {
        textBlocks.add(event.index);
        writer.appendText(event.content_block.text);
        for (const citation of event.content_block.citations ?? []) writer.addCitation(citation);
      } else if (event.type === 'content_block_delta' && textBlocks.has(event.index)) {
        if (event.delta.type === 'text_delta') writer.appendText(event.delta.text);
        else if (event.delta.type === 'citations_delta') writer.addCitation(event.delta.citation);
      } else if (event.type === 'content_block_stop' && textBlocks.has(event.index)) {
        writer.endBlock();
      }
    }
    return { writer, message: await stream.finalMessage() };
  }

  async #finish(input: AnswerInput, writer: AnswerWriter, message: Message, emit: (event: DraftEvent) => void): Promise<AnswerDraft> {
    const warnings: string[] = [];
    if (message.stop_reason === 'max_tokens') warnings.push('The answer reached its length limit and may end early');
    const text = writer.text.trim();
    if (message.stop_reason === 'refusal' || (writer.ledger.citations.length === 0 && saysNotCovered(text, this.options.prompts.answer.abstain))) {
      return this.#abstain(input.hits, warnings, () => {}, writer.dropped);
    }
    const check = await verifyCitations(text, writer.ledger.citations, input.getDocument);
    // Offsets were checked while mapping; a mismatch here means the document changed under us, so it is dropped too.
    const kept = writer.ledger.citations.filter((c) => !check.mismatchedQuotes.includes(c.n));
    let shown = renumberCitations(text, kept);
    if (this.options.strict) {
      const strict = removeUnsupportedSentences(shown.answer);
      if (strict.removed) warnings.push(`Removed ${strict.removed} sentence${strict.removed === 1 ? '' : 's'} without a source (strict)`);
      shown = renumberCitations(strict.answer, shown.citations);
      if (!shown.answer.trim()) return this.#abstain(input.hits, warnings, emit, writer.dropped + check.mismatchedQuotes.length);
    }
    const verification = countSupport(shown.answer, shown.citations, writer.dropped + check.mismatchedQuotes.length);
    if (verification.supported < verification.sentences) {
      warnings.push(`${verification.sentences - verification.supported} of ${verification.sentences} sentences carry no source`);
    }
    return {
      answer: shown.answer,
      abstained: false,
      citations: shown.citations,
      mode: 'claude',
      model: message.model || this.model,
      verification,
      warnings,
    };
  }

  #abstain(hits: readonly Hit[], warnings: string[], emit: (event: DraftEvent) => void, droppedCitations = 0): AnswerDraft {
    const answer = this.options.prompts.answer.abstain;
    if (hits.length === 0) emit({ type: 'text', delta: answer });
    return {
      answer,
      abstained: true,
      citations: [],
      related: relatedDocuments(hits),
      mode: 'claude',
      model: this.model,
      verification: { sentences: 0, supported: 0, droppedCitations },
      warnings,
    };
  }
}

export function createClaudeAnswerer(options: ClaudeAnswererOptions): ClaudeAnswerer {
  return new ClaudeAnswerer(options);
}

/** Claude was asked to write exactly the abstention sentence when the sources do not cover the question. */
function saysNotCovered(text: string, abstain: string): boolean {
  const plain = (s: string) => s.replace(/\[\d+\]/g, '').replace(/[^\p{L}\p{N}]+/gu, ' ').trim().toLowerCase();
  return plain(text).includes(plain(abstain));
}

function countSupport(answer: string, citations: readonly Citation[], droppedCitations: number): Verification {
  const known = new Set(citations.map((c) => c.n));
  const sentences = claimSentences(answer);
  return { sentences: sentences.length, supported: sentences.filter((s) => s.markers.some((n) => known.has(n))).length, droppedCitations };
}
