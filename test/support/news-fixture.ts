// Test support: the shared news articles as Documents, paragraph Chunks and ranked Hits, built without the real loader or retriever.
import { readdirSync, readFileSync } from 'node:fs';
import { NEWS_DIR, newsFile } from './paths.js';
import type { Chunk, Document, Hit } from '../../src/core/schema.js';
import { contentStems } from '../../src/core/answer/extractive/terms.js';

export interface NewsFixture {
  documents: Map<string, Document>;
  chunks: Chunk[];
  getDocument: (docId: string) => Promise<Document | null>;
}

/** Each article file is one document (id from its file name); chunks are its blank-line-separated paragraphs, with exact offsets. */
export function loadNews(): NewsFixture {
  const documents = new Map<string, Document>();
  const chunks: Chunk[] = [];
  for (const name of readdirSync(NEWS_DIR).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(newsFile(name), 'utf8');
    const id = `doc_${name.replace(/\.txt$/, '')}`;
    const title = text.trim().split('\n')[0]!.slice(0, 80);
    documents.set(id, { id, title, origin: name, hash: id, sources: [], text });
    chunks.push(...paragraphChunks(id, text));
  }
  return { documents, chunks, getDocument: async (id) => documents.get(id) ?? null };
}

function paragraphChunks(docId: string, text: string): Chunk[] {
  const chunks: Chunk[] = [];
  for (const match of text.matchAll(/\S(?:[^\n]|\n(?!\s*\n))*/g)) {
    const start = match.index;
    chunks.push({ id: `${docId}:${chunks.length}`, docId, index: chunks.length, start, end: start + match[0].length, text: match[0] });
  }
  return chunks;
}

export function toHit(fixture: NewsFixture, chunk: Chunk, rank: number): Hit {
  const { text: _text, ...document } = fixture.documents.get(chunk.docId)!;
  return { chunk, document, score: 1 / (60 + rank + 1), textRank: rank + 1, alsoIn: [] };
}

/** A stand-in for retrieval: chunks ranked by how many of the question's content words they share (ties in file order). */
export function hitsFor(fixture: NewsFixture, question: string, k = 8): Hit[] {
  const wanted = new Set(contentStems(question));
  const overlap = (chunk: Chunk) => new Set(contentStems(chunk.text).filter((s) => wanted.has(s))).size;
  return fixture.chunks
    .map((chunk, order) => ({ chunk, order, score: overlap(chunk) }))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, k)
    .map(({ chunk }, rank) => toHit(fixture, chunk, rank));
}
