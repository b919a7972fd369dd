// Small documents for store tests: one chunk per sentence with exact offsets and seeded random unit vectors.
import type { Document } from '../../src/core/schema.js';
import type { ChunkRecord, DocumentEntry, IndexChange } from '../../src/core/store/index-store.js';

export interface StoredDoc {
  document: Document;
  chunks: ChunkRecord[];
}

// Re-exported: store tests seed their vectors through this module.
export { seededRandom } from './seeded-random.js';

export function randomUnitVector(dimensions: number, random: () => number): Float32Array {
  const vector = Float32Array.from({ length: dimensions }, () => random() - 0.5);
  const norm = Math.hypot(...vector);
  return vector.map((x) => x / norm);
}

export function makeDoc(name: string, sentences: readonly string[], options: { dimensions: number; random: () => number; origin?: string }): StoredDoc {
  const text = sentences.join(' ');
  const id = `doc_${name}`;
  const document: Document = {
    id,
    title: `Title of ${name}`,
    publisher: name.length % 2 === 0 ? 'Example Times' : undefined,
    date: '2026-01-15',
    origin: options.origin ?? `/articles/${name}.md`,
    hash: `hash-${name}-${text.length}`,
    url: `https://example.org/${encodeURIComponent(name)}`,
    sources: [{ publisher: 'Ofcom', title: 'Guidance' }],
    text,
  };
  let cursor = 0;
  const chunks = sentences.map((sentence, index): ChunkRecord => {
    const start = text.indexOf(sentence, cursor);
    cursor = start + sentence.length;
    return {
      id: `${id}#${index}`,
      docId: id,
      index,
      start,
      end: cursor,
      text: sentence,
      dupGroup: `${id}#${index}`,
      vector: randomUnitVector(options.dimensions, options.random),
      signature: Uint32Array.from({ length: 8 }, () => Math.floor(options.random() * 2 ** 32)),
    };
  });
  return { document, chunks };
}

/** A change adding `add` (each with how it came in and its facts, when given), as one batch of chunks. */
export const change = (
  dimensions: number,
  add: (StoredDoc & Omit<DocumentEntry, 'document'>)[],
  remove: string[] = [],
  regroup: IndexChange['regroup'] = [],
): IndexChange => ({
  embedder: { id: `test-${dimensions}`, dimensions },
  documents: add.map(({ document, via, powers }) => ({ document, via, powers })),
  chunks: [add.flatMap(({ chunks }) => chunks)],
  remove,
  regroup,
});
