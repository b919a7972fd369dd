// Misspelt query words corrected before the answer is written: a first retrieval finds passages near the question,
// their words (and those of the best documents, read whole) are the vocabulary, and a corrected query is searched again.
import type { Lexicon } from '../language/lexicon.js';
import type { Document, Hit } from '../schema.js';
import { WHOLE_DOCUMENTS } from './extractive.js';
import { correctQuery, unknownWords } from './extractive/spelling.js';

export interface QuerySpeller {
  /** The query with misspelt words corrected from what `hits` hold; the same string when nothing is. */
  correct(query: string, hits: readonly Hit[]): Promise<string>;
}

export function createQuerySpeller(lexicon: Lexicon, getDocument: (docId: string) => Promise<Document | null>): QuerySpeller {
  return {
    async correct(query, hits) {
      // Most questions have no unknown word: nothing is read for them.
      if (!unknownWords(query, lexicon).length) return query;
      const best = [...new Set(hits.map((hit) => hit.document.id))].slice(0, WHOLE_DOCUMENTS);
      const documents = await Promise.all(best.map((id) => getDocument(id)));
      const texts = [...hits.map((hit) => hit.chunk.text), ...documents.flatMap((document) => (document ? [document.text] : []))];
      return correctQuery(query, texts, lexicon);
    },
  };
}
