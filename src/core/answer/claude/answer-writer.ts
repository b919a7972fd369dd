// Assembles Claude's text blocks into answer text with dense [n] markers, streaming it as it goes.
import type { TextCitation } from '@anthropic-ai/sdk/resources/messages';
import type { Citation } from '../../schema.js';
import type { DraftEvent } from '../answerer.js';
import type { MappedSpan } from './map-citation.js';

/** Sentence punctuation and white space at the end of a block: markers go before it, so "[1]" stays in its sentence. */
const BLOCK_TAIL = /(?:[.!?]+["'”’)\]]*)?\s*$/;

/** Numbers citations densely in first-use order; one number per span, and per passage syndicated elsewhere. */
export class CitationLedger {
  readonly citations: Citation[] = [];
  readonly #byKey = new Map<string, Citation>();

  /** The citation for a mapped span, and whether it is new. */
  add(mapped: MappedSpan): { citation: Citation; isNew: boolean } {
    const { hit, start, end, quote } = mapped;
    const spanKey = `${hit.document.id}:${start}:${end}`;
    // The same words in another outlet are one claim with two carriers, not two citations.
    const textKey = `text:${quote.replace(/\s+/g, ' ').trim().toLowerCase()}`;
    const known = this.#byKey.get(spanKey) ?? this.#byKey.get(textKey);
    if (known) {
      if (known.docId !== hit.document.id && !known.alsoIn.some((c) => c.docId === hit.document.id)) {
        known.alsoIn.push({ docId: hit.document.id, title: hit.document.title, publisher: hit.document.publisher, origin: hit.document.origin });
      }
      return { citation: known, isNew: false };
    }
    const citation: Citation = {
      n: this.citations.length + 1,
      docId: hit.document.id,
      title: hit.document.title,
      publisher: hit.document.publisher,
      date: hit.document.date,
      origin: hit.document.origin,
      url: hit.document.url,
      quote,
      start,
      end,
      alsoIn: hit.alsoIn.map(({ docId, title, publisher, origin }) => ({ docId, title, publisher, origin })),
      sources: hit.document.sources,
    };
    this.citations.push(citation);
    this.#byKey.set(spanKey, citation).set(textKey, citation);
    return { citation, isNew: true };
  }
}

/**
 * Receives the response block by block. Text is emitted as it arrives except a block's closing punctuation,
 * held back until the block ends so the block's markers can go before it: the stream reads as the final text.
 */
export class AnswerWriter {
  readonly ledger = new CitationLedger();
  dropped = 0;
  #text = '';
  #block = '';
  #emittedInBlock = 0;
  #numbers: number[] = [];

  constructor(
    private readonly map: (citation: TextCitation) => MappedSpan | null,
    private readonly emit: (event: DraftEvent) => void = () => {},
  ) {}

  get text(): string {
    return this.#text;
  }

  appendText(delta: string): void {
    this.#block += delta;
    const safe = this.#block.length - (BLOCK_TAIL.exec(this.#block)?.[0].length ?? 0);
    if (safe > this.#emittedInBlock) this.#send(this.#block.slice(this.#emittedInBlock, safe));
    this.#emittedInBlock = Math.max(this.#emittedInBlock, safe);
  }

  addCitation(raw: TextCitation): void {
    const mapped = this.map(raw);
    if (!mapped) {
      this.dropped++;
      return;
    }
    const { citation, isNew } = this.ledger.add(mapped);
    if (isNew) this.emit({ type: 'citation', citation });
    if (!this.#numbers.includes(citation.n)) this.#numbers.push(citation.n);
  }

  endBlock(): void {
    const tail = BLOCK_TAIL.exec(this.#block)?.[0] ?? '';
    const body = this.#block.slice(0, this.#block.length - tail.length);
    let rest = body.slice(this.#emittedInBlock);
    if (this.#numbers.length) {
      const preceding = this.#text + rest;
      rest += (preceding === '' || /\s$/.test(preceding) ? '' : ' ') + this.#numbers.map((n) => `[${n}]`).join('');
    }
    this.#send(rest + tail);
    this.#block = '';
    this.#emittedInBlock = 0;
    this.#numbers = [];
  }

  #send(delta: string): void {
    if (!delta) return;
    this.#text += delta;
    this.emit({ type: 'text', delta });
  }
}
