// What the offline answerer keeps of the texts it has read, within a budget of bytes: reading a chunk (analysing,
// stemming, clauses, shingles) is most of an extractive answer's time, and the same chunks come back across questions.
import { byteCache } from '../../byte-cache.js';
import { DEFAULT_READING_CACHE_BYTES, readingBudget } from '../../reading-budget.js';
import type { DocumentReading, SentenceReading } from './candidates.js';

export class ReadingCache {
  /** Chunk text (or a whole document's) -> its sentences, read. Readings are shared, so never mutated. */
  readonly sentences;
  /** Document text -> its outline and the stems of its blocks. */
  readonly outlines;

  constructor(budget: Pick<ReturnType<typeof readingBudget>, 'sentences' | 'outlines'>) {
    // The key is the text itself, held as long as its entry, so it counts towards the entry's bytes.
    this.sentences = byteCache<string, readonly SentenceReading[]>({ maxBytes: budget.sentences });
    this.outlines = byteCache<string, DocumentReading>({ maxBytes: budget.outlines });
  }

  /** A cache with its share of a total reading budget (see reading-budget.ts). */
  static withTotal(totalBytes: number): ReadingCache {
    return new ReadingCache(readingBudget(totalBytes));
  }
}

/** For answerers given no budget (tests, evals, one-shot commands): shared by them, at the default size. */
export const sharedReadingCache = ReadingCache.withTotal(DEFAULT_READING_CACHE_BYTES);
