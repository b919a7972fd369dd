// One budget in bytes for what a process keeps of the texts it has read: the answerer's readings of chunks and whole
// documents, its document outlines, and the store's cache of chunk and document rows. Bounding them by bytes (not
// entries) is what lets a server's heap limit follow from it (issue 24).

/**
 * 64 MB: at 100k chunks the answerer's readings alone held ~134 MB when bounded at 2,000 entries, with no faster
 * answers than at a quarter of that (bench/results/issue24-serve-memory.md).
 */
export const DEFAULT_READING_CACHE_BYTES = 64 * 1024 * 1024;

export interface ReadingBudget {
  /** Sentence readings of chunks and of whole documents: the costliest to remake, so the largest share. */
  sentences: number;
  /** Document outlines and the stems of their blocks. */
  outlines: number;
  /** Document rows with their text (the store's read cache). */
  documents: number;
  /** Chunk rows (the store's read cache). */
  chunks: number;
}

/** The shares of a total budget: 5/8 to readings, 1/8 each to outlines, documents and chunks. */
export function readingBudget(totalBytes: number): ReadingBudget {
  const eighth = Math.floor(totalBytes / 8);
  return { sentences: totalBytes - 3 * eighth, outlines: eighth, documents: eighth, chunks: eighth };
}
