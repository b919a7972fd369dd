// Contextual retrieval: a chunk is embedded together with what a reader would know on reaching it, its document's
// title and the headings above it. Pages name their subject once ("The ICO's fines") and then write "the higher
// maximum is £17.5 million"; embedded alone, that chunk does not say whose maximum. Only the vector sees this text:
// the chunk's own text and offsets, which citations quote, are unchanged.
import type { Chunk, Document } from '../schema.js';
import { DocumentOutline } from '../text/outline.js';

/** The title and heading path above each chunk, prefixed to its text, for embedding: one string per chunk, in order. */
export function passagesInContext(document: Pick<Document, 'title' | 'text'>, chunks: readonly Pick<Chunk, 'start' | 'text'>[]): string[] {
  const outline = new DocumentOutline(document.text);
  return chunks.map((chunk) => {
    const opening = chunk.text.replace(/^#+\s*/, '');
    const place = outline.contextAt(chunk.start);
    const path: string[] = [];
    const add = (text: string | undefined) => {
      const clean = text?.replace(/^#+\s*/, '').replace(/\s+/g, ' ').trim();
      // A heading the chunk opens with is already in its text; one equal to the title adds nothing.
      if (clean && !path.some((p) => p.toLowerCase() === clean.toLowerCase()) && !opening.startsWith(clean)) path.push(clean);
    };
    add(document.title);
    if (place.top) add(document.text.slice(place.top.start, place.top.end));
    if (place.heading) add(document.text.slice(place.heading.start, place.heading.end));
    return path.length ? `${path.join(' — ')}\n\n${chunk.text}` : chunk.text;
  });
}
