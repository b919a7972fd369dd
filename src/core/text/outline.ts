// A document's structure for reading a sentence in context: the blocks a reader sees (blocks.ts), lists opened into
// items that know the sentence introducing them. Real pages name their subject once (in the title, a heading or the opening) and state the
// details beneath it, so a sentence is read together with what stands above it.
import { textBlocks } from './blocks.js';
import type { Span } from './sentences.js';

export type BlockKind = 'heading' | 'paragraph' | 'item';

export interface Block extends Span {
  kind: BlockKind;
  /** For items: the block that introduces the list ("The Act provides for four kinds of order:"). */
  leadIn?: number;
}

/** What stands above a place in the document: the nearest heading, the document's opening, its paragraph's first words, a list's lead-in. */
export interface Context {
  /** The block the offset falls in. */
  block?: Block;
  /** The document's own heading, when it opens with one (a page's H1). */
  top?: Span;
  heading?: Span;
  /** The document's first paragraph, when the offset is not in it: pages introduce their subject there. */
  opening?: Span;
  /** The paragraph or item the offset is in, from its start up to the offset. */
  before?: Span;
  leadIn?: Span;
}

// Flattened lists (from HTML or plain text) after a lead-in: markers, or the lower-case starts and clause endings of
// bullet items each written as its own paragraph.
const ITEM_MARKER = /^(?:[-*•–]\s|\(?[a-z0-9]{1,3}[.)]\s|\([ivx]+\)\s)/i;
const ITEM_ENDING = /(?:;|,|;\s*(?:and|or)|,\s*(?:and|or))$/;
const LEAD_IN_END = /:\s*$/;

/**
 * The blocks of textBlocks (headings, paragraphs, lists with an item per line), lists opened into their items, each
 * item pointing at the paragraph that introduces it; paragraphs after a lead-in that read as items join its list.
 */
export function outlineOf(text: string): Block[] {
  const blocks: Block[] = [];
  let listFrom: number | undefined;
  for (const block of textBlocks(text)) {
    const previous = blocks[blocks.length - 1];
    if (block.kind === 'list') {
      // A list's lead-in is the paragraph right before it when that ends in a colon, or the list's own first line.
      const from = previous && previous.kind === 'paragraph' && LEAD_IN_END.test(text.slice(previous.start, previous.end)) ? blocks.length - 1 : undefined;
      for (const item of block.items) blocks.push({ kind: 'item', start: item.start, end: item.end, leadIn: from });
      listFrom = undefined;
      continue;
    }
    const body = text.slice(block.start, block.end);
    if (listFrom !== undefined && looksLikeItem(body, previous, text)) {
      blocks.push({ kind: 'item', start: block.start, end: block.end, leadIn: listFrom });
      continue;
    }
    listFrom = undefined;
    blocks.push({ kind: block.kind, start: block.start, end: block.end });
    if (block.kind === 'paragraph' && LEAD_IN_END.test(body)) listFrom = blocks.length - 1;
  }
  return blocks;
}

/** An item continues a list: it is marked, starts in lower case, or ends like a clause, as the item before it did. */
function looksLikeItem(body: string, previous: Block | undefined, text: string): boolean {
  if (ITEM_MARKER.test(body) || /^\p{Ll}/u.test(body) || ITEM_ENDING.test(body)) return true;
  // The last item of a list ends with a full stop after items that ended like clauses ("…; and" then "… (s. 147).").
  return previous?.kind === 'item' && ITEM_ENDING.test(text.slice(previous.start, previous.end)) && body.split(/\s+/).length <= 40;
}

/** Reads the context of any offset of one document; build once per document text. */
export class DocumentOutline {
  readonly blocks: Block[];

  constructor(readonly text: string) {
    this.blocks = outlineOf(text);
  }

  contextAt(offset: number): Context {
    const index = this.blocks.findLastIndex((b) => b.start <= offset);
    const block = index >= 0 ? this.blocks[index] : undefined;
    const heading = this.blocks.slice(0, Math.max(0, index + (block?.kind === 'heading' ? 0 : 1))).findLast((b) => b.kind === 'heading');
    const first = this.blocks.find((b) => b.kind !== 'heading');
    const leadIn = block?.leadIn !== undefined ? this.blocks[block.leadIn] : undefined;
    const top = this.blocks[0]?.kind === 'heading' && this.blocks[0] !== heading && this.blocks[0] !== block ? this.blocks[0] : undefined;
    return {
      block,
      top: top && span(top),
      heading: heading && span(heading),
      opening: first && first !== block && !(block?.leadIn !== undefined && this.blocks[block.leadIn] === first) ? span(first) : undefined,
      before: block && offset > block.start ? { start: block.start, end: offset } : undefined,
      leadIn: leadIn && span(leadIn),
    };
  }
}

const span = ({ start, end }: Span): Span => ({ start, end });
