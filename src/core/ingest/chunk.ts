// Document -> Chunk[]: sentence-aligned passages of bounded size with a small overlap and exact offsets.
import type { Chunk, Document } from '../schema.js';
import { type Span, sentenceSpans } from '../text/sentences.js';

export interface ChunkOptions {
  /** Upper bound on a chunk's length in characters (a single longer sentence is split at word boundaries). */
  maxChars: number;
  /** Characters of trailing sentences repeated at the start of the next chunk, so no fact straddles a cut unseen. */
  overlapChars: number;
}

// ~150 words: small enough to cite precisely, large enough to carry context for embeddings and BM25.
export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxChars: 900, overlapChars: 200 };

/** Splits a document into chunks such that `doc.text.slice(chunk.start, chunk.end) === chunk.text`. */
export function chunkDocument(doc: Pick<Document, 'id' | 'text'>, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const units = sentenceSpans(doc.text).flatMap((span) => splitLongSpan(doc.text, span, options.maxChars));
  const chunks: Chunk[] = [];
  let first = 0;
  while (first < units.length) {
    let last = first;
    while (last + 1 < units.length && units[last + 1]!.end - units[first]!.start <= options.maxChars) last++;
    const start = units[first]!.start;
    const end = units[last]!.end;
    chunks.push({ id: `${doc.id}:${chunks.length}`, docId: doc.id, index: chunks.length, start, end, text: doc.text.slice(start, end) });
    if (last + 1 >= units.length) break;
    first = nextFirstUnit(units, first, last, options.overlapChars);
  }
  return chunks;
}

/** The next chunk starts with as many trailing sentences of this one as fit in the overlap, always moving forward. */
function nextFirstUnit(units: readonly Span[], first: number, last: number, overlapChars: number): number {
  let next = last + 1;
  while (next - 1 > first && units[last]!.end - units[next - 1]!.start <= overlapChars) next--;
  return next;
}

/** Cuts a sentence longer than `maxChars` at white space (or hard, when a run has none). */
function splitLongSpan(text: string, span: Span, maxChars: number): Span[] {
  const pieces: Span[] = [];
  let start = span.start;
  while (span.end - start > maxChars) {
    const window = text.slice(start, start + maxChars);
    const cut = window.search(/\s\S*$/);
    let end = cut > 0 ? start + cut : start + maxChars;
    while (end > start + 1 && /\s/.test(text[end - 1]!)) end--;
    pieces.push({ start, end });
    start = end;
    while (start < span.end && /\s/.test(text[start]!)) start++;
  }
  if (start < span.end) pieces.push({ start, end: span.end });
  return pieces;
}
