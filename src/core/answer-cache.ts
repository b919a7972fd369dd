// Answers kept for repeated questions: the same question, options and conversation against the same index build
// get the same answer, so it is served from memory (events replayed, a fresh id) instead of being recomputed.
// Popular questions repeat (the widget's suggestions, a story everyone is asking about); a Claude answer also costs
// tokens each time. The index build time is part of the key, so an ingest never leaves an old answer behind.
import { LRUCache } from 'lru-cache';
import type { AnswerMode, AskRequest, Answer, AnswerEvent, IndexInfo } from './schema.js';

/** What replaying an answer needs: the events a stream emitted before `done`, and the answer itself. */
export interface CachedAnswer {
  events: AnswerEvent[];
  answer: Answer;
}

export interface AnswerCache {
  get(key: string): CachedAnswer | undefined;
  set(key: string, value: CachedAnswer): void;
}

/** 500 answers of ~8 cited passages each stay within ~10 MB. */
export const DEFAULT_ANSWER_CACHE_ENTRIES = 500;

export function createAnswerCache(maxEntries = DEFAULT_ANSWER_CACHE_ENTRIES): AnswerCache {
  return new LRUCache<string, CachedAnswer>({ max: maxEntries });
}

/** What ask() needs to serve repeats: the answers, and the version of the index they were answered from. */
export interface AnswerCacheDeps {
  answers: AnswerCache;
  indexVersion(): Promise<string | undefined>;
}

/**
 * The answer cache as ask() takes it, keyed to the index's build time so an ingest or import never serves an old
 * answer; undefined when `entries` is 0 (turned off). Node and Workers wire it alike.
 */
export function answerCacheFor(entries: number, index: { info(): Promise<IndexInfo | null> }): AnswerCacheDeps | undefined {
  if (entries === 0) return undefined;
  return { answers: createAnswerCache(entries), indexVersion: async () => (await index.info())?.builtAt };
}

/** Runs of whitespace in the question are folded; letter case is kept, since Claude reads the question as typed. */
export function answerCacheKey(request: AskRequest, mode: AnswerMode, indexVersion: string): string {
  return JSON.stringify([indexVersion, mode, request.k, request.question.replace(/\s+/g, ' '), request.history]);
}

/** Only complete, first-choice answers are kept: not a fallback (another mode, or a warning) and not an aborted one. */
export function isCacheable(answer: Answer, mode: AnswerMode, signal?: AbortSignal): boolean {
  return !signal?.aborted && answer.mode === mode && answer.warnings.length === 0;
}
