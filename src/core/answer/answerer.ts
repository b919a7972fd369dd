// An Answerer writes an answer from retrieved hits. The ask pipeline (core/ask.ts) adds id, timings and events.
import type { AnswerMode, Citation, DocumentMeta, Hit, Turn, Verification } from '../schema.js';

export interface AnswerInput {
  question: string;
  /** The standalone retrieval query (a rewritten follow-up), or the question itself. */
  query: string;
  history: readonly Turn[];
  hits: readonly Hit[];
  /** Loads full documents, e.g. to widen a quote or check an offset. */
  getDocument: (docId: string) => Promise<{ text: string } | null>;
  signal?: AbortSignal;
}

/** Emitted while an answer is written; the pipeline forwards them as `text` and `citation` events. */
export type DraftEvent = { type: 'text'; delta: string } | { type: 'citation'; citation: Citation };

export interface AnswerDraft {
  /** Plain text with [n] markers; every marker has a citation, every citation is used. */
  answer: string;
  abstained: boolean;
  citations: Citation[];
  related?: Omit<DocumentMeta, 'hash' | 'sources'>[];
  /** The mode that actually wrote the answer (a failed Claude call falls back to extractive). */
  mode: AnswerMode;
  model?: string;
  verification?: Verification;
  warnings?: string[];
}

export interface Answerer {
  readonly mode: AnswerMode;
  answer(input: AnswerInput, emit?: (event: DraftEvent) => void): Promise<AnswerDraft>;
}

/** Rewrites a follow-up ("and can it block the site?") into a standalone retrieval query. */
export interface QueryRewriter {
  rewrite(question: string, history: readonly Turn[], signal?: AbortSignal): Promise<string>;
}

/** The stored text of each hit's document, once per document; a document gone from the index is left out. */
export async function documentTexts(hits: readonly Pick<Hit, 'document'>[], getDocument: AnswerInput['getDocument']): Promise<Map<string, string>> {
  const ids = [...new Set(hits.map((hit) => hit.document.id))];
  const docs = await Promise.all(ids.map(async (id) => [id, (await getDocument(id))?.text] as const));
  return new Map(docs.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}
