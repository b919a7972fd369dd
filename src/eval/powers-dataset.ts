// Loads the labelled powers and scores the rules extractor over the same documents (Node: reads files).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractPowers } from '../core/powers/extract.js';
import type { Power } from '../core/powers/schema.js';
import { loadPaths } from '../adapter/node/read-paths.js';
import { type ExpectedPower, type PowersScore, parseExpectedPowers, scorePowers } from './powers-score.js';

export const POWERS_EXPECTED_FILE = join('evals', 'powers', 'expected.jsonl');

export const loadExpectedPowers = async (path: string): Promise<ExpectedPower[]> => parseExpectedPowers(await readFile(path, 'utf8'));

/** Scores each labelled set: "all" against the corpus and the news together, "news" against the news alone. */
export async function scorePowersSets(
  expected: readonly ExpectedPower[],
  dirs: { corpus: string; news: string },
  extract: (documents: Parameters<typeof extractPowers>[0]) => Promise<Power[]> | Power[] = extractPowers,
): Promise<Record<ExpectedPower['set'], PowersScore>> {
  const [all, news] = await Promise.all([loadPaths([dirs.corpus, dirs.news]), loadPaths([dirs.news])]);
  return {
    all: scorePowers(expected.filter((e) => e.set === 'all'), await extract(all.documents)),
    news: scorePowers(expected.filter((e) => e.set === 'news'), await extract(news.documents)),
  };
}
