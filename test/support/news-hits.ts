// Test support: hits over the shared news articles (read at run time), chunked by the real chunker.
import { readdirSync, readFileSync } from 'node:fs';
import { NEWS_DIR, newsFile } from './paths.js';
import { chunkDocument } from '../../src/core/ingest/chunk.js';
import type { Document, Hit } from '../../src/core/schema.js';

export interface NewsHits {
  hits: Hit[];
  documents: Map<string, Document>;
  getDocument: (docId: string) => Promise<Document | null>;
}

/**
 * The first passage of each news article as a hit. `syndicate` adds a copy of the first article under another
 * outlet's name right after it, as a second hit (the near-duplicate case).
 */
export function newsHits(options: { count?: number; syndicate?: boolean } = {}): NewsHits {
  const names = readdirSync(NEWS_DIR).filter((f) => f.endsWith('.txt')).sort().slice(0, options.count ?? 3);
  const documents = names.map((name) => newsDocument(`doc_${name.slice(0, 3)}`, name, readFileSync(newsFile(name), 'utf8')));
  if (options.syndicate) documents.splice(1, 0, { ...documents[0]!, id: 'doc_copy', publisher: 'Syndicated Daily', origin: 'copy.txt' });
  const hits = documents.map((doc, rank): Hit => {
    const { text: _text, ...document } = doc;
    return { chunk: chunkDocument(doc)[0]!, document, score: 1 / (61 + rank), textRank: rank + 1, alsoIn: [] };
  });
  const byId = new Map(documents.map((d) => [d.id, d]));
  return { hits, documents: byId, getDocument: async (id) => byId.get(id) ?? null };
}

function newsDocument(id: string, origin: string, text: string): Document {
  const title = text.trim().split('\n')[0]!;
  return { id, title, publisher: 'Test Wire', date: '2026-01-11', origin, hash: id, sources: [], text };
}
