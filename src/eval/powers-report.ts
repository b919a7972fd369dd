// The `remit eval` hook: scores the index's powers table against evals/powers/expected.jsonl in one line.
import { access } from 'node:fs/promises';
import { extractPowers } from '../core/powers/extract.js';
import type { Document } from '../core/schema.js';
import type { IndexStore } from '../core/store/index-store.js';
import { loadExpectedPowers } from './powers-dataset.js';
import { formatPowersScore, type PowersScore, scorePowers } from './powers-score.js';

export interface PowersReportOptions {
  /** The labels (evals/powers/expected.jsonl); nothing is reported when the file is absent. */
  expectedPath: string;
}

export async function scoreIndexPowers(store: Pick<IndexStore, 'listDocuments' | 'getDocument' | 'powers'>, options: PowersReportOptions): Promise<{ set: 'all' | 'news'; score: PowersScore } | undefined> {
  if (!(await access(options.expectedPath).then(() => true, () => false))) return undefined;
  const expected = await loadExpectedPowers(options.expectedPath);
  const metas = await store.listDocuments();
  // The project corpus is Markdown explainers; an index without them is scored against the news-only labels.
  const set = metas.some((m) => /\.md$/i.test(m.origin)) ? 'all' : 'news';
  // The table committed with the index (it may be Claude-built); an index that predates it is scored by the rules.
  const saved = await store.powers?.();
  const powers = saved?.powers ?? extractPowers((await Promise.all(metas.map((m) => store.getDocument(m.id)))).filter((d): d is Document => d !== null));
  return { set, score: scorePowers(expected.filter((e) => e.set === set), powers) };
}

/** One line, or nothing when there are no labels. */
export async function powersReportLine(store: Pick<IndexStore, 'listDocuments' | 'getDocument' | 'powers'>, options: PowersReportOptions): Promise<string> {
  const result = await scoreIndexPowers(store, options);
  return result ? `${formatPowersScore(result.set, result.score)}\n` : '';
}
