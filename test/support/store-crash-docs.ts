// The documents a crash-test generation consists of: large enough that a commit takes a noticeable while.
import { makeDoc, seededRandom, type StoredDoc } from './store-docs.js';

export const CRASH_DIMENSIONS = 64;

export function crashGeneration(generation: string, documents = 100, chunksPerDocument = 50): StoredDoc[] {
  const random = seededRandom([...generation].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  return Array.from({ length: documents }, (_, d) =>
    makeDoc(
      `${generation}-${d}`,
      Array.from({ length: chunksPerDocument }, (_, c) => `Passage ${c} of ${generation} document ${d} says the regulator may fine firms ${d * c} pounds.`),
      { dimensions: CRASH_DIMENSIONS, random },
    ),
  );
}
