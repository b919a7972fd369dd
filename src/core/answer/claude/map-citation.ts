// Maps a citation returned by the API back to an exact span of a stored document, or rejects it.
import type { TextCitation } from '@anthropic-ai/sdk/resources/messages';
import type { Hit } from '../../schema.js';
import type { Span } from '../../text/sentences.js';
import type { SentSource } from './request.js';

/** A citation pinned to document offsets: `document.text.slice(start, end) === quote`. */
export interface MappedSpan {
  hit: Hit;
  start: number;
  end: number;
  quote: string;
}

/**
 * Finds the cited span inside the cited hit's chunk: by the block indices when their text agrees with
 * `cited_text`, else by searching `cited_text` exactly, else with white space normalised. Null when none holds.
 * `documentText` (the stored document) is the final check of the offsets.
 */
export function mapCitation(citation: TextCitation, sources: readonly SentSource[], documentText: (docId: string) => string | undefined): MappedSpan | null {
  if (citation.type !== 'search_result_location') return null;
  const source = sources[citation.search_result_index];
  if (!source) return null;
  const chunk = source.hit.chunk;
  const span = spanFromBlocks(citation, source, chunk.text) ?? findExact(chunk.text, citation.cited_text) ?? findLoose(chunk.text, citation.cited_text);
  if (!span) return null;
  const quote = chunk.text.slice(span.start, span.end);
  const start = chunk.start + span.start;
  const end = chunk.start + span.end;
  if (documentText(chunk.docId)?.slice(start, end) !== quote) return null;
  return { hit: source.hit, start, end, quote };
}

function spanFromBlocks(citation: { start_block_index: number; end_block_index: number; cited_text: string }, source: SentSource, text: string): Span | undefined {
  const first = source.blocks[citation.start_block_index];
  const last = source.blocks[citation.end_block_index - 1];
  if (!first || !last || citation.end_block_index <= citation.start_block_index) return undefined;
  const span = { start: first.start, end: last.end };
  return squash(text.slice(span.start, span.end)) === squash(citation.cited_text) ? span : undefined;
}

/** Text without any white space: the API joins cited blocks without the gaps between them. */
const squash = (text: string): string => text.replace(/\s+/g, '');

function findExact(text: string, needle: string): Span | undefined {
  const trimmed = needle.trim();
  const at = trimmed ? text.indexOf(trimmed) : -1;
  return at < 0 ? undefined : { start: at, end: at + trimmed.length };
}

/** Finds `needle` in `text` treating any run of white space as one space; offsets are into `text`. */
export function findLoose(text: string, needle: string): Span | undefined {
  const target = needle.trim().replace(/\s+/g, ' ');
  if (!target) return undefined;
  let squeezed = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const space = /\s/.test(text[i]!);
    if (space && squeezed.endsWith(' ')) continue;
    squeezed += space ? ' ' : text[i];
    origin.push(i);
  }
  const at = squeezed.indexOf(target);
  if (at < 0) return undefined;
  return { start: origin[at]!, end: origin[at + target.length - 1]! + 1 };
}
